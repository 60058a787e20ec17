using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Security;

/// <summary>One callable endpoint of the running application, as the matrix calls it.</summary>
public sealed partial record EndpointCase(string Method, string Pattern, bool IsPage, bool IsAnonymous, IReadOnlyList<string?> Policies, IReadOnlyList<string> RouteParameters, string? Handler = null)
{
    public override string ToString() => $"{Method} /{Pattern.TrimStart('/')}" + (Handler is null ? "" : $"?handler={Handler}");

    /// <summary>The URL with every route parameter set to the given territory's resource of that kind.</summary>
    public string UrlFor(Territory territory) => "/" + RouteParameter().Replace(Pattern.TrimStart('/'), m =>
        EndpointCatalogue.ResourceOf(m.Groups[1].Value, territory, this) ?? "").TrimEnd('/')
        + (Handler is null ? "" : $"?handler={Handler}");

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}?]+)?\??\}")]
    internal static partial Regex RouteParameter();
}

/// <summary>
/// Every endpoint of the application, enumerated from its <see cref="EndpointDataSource"/>: a new
/// page or API endpoint is in the matrix without anyone adding it here. What a test must still
/// be told, and fails asking for, is which roles each policy admits and what a route parameter
/// names (so that it can be set to a resource of one territory or the other).
/// </summary>
public static class EndpointCatalogue
{
    /// <summary>Which roles each policy admits: written out here, apart from the production code.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesOfPolicy = new Dictionary<string, string[]>
    {
        [Policies.Ats] = [TerritorioRoles.AtsOperatore, TerritorioRoles.AtsControllore],
        [Policies.AtsOperatore] = [TerritorioRoles.AtsOperatore],
        [Policies.Gestore] = [TerritorioRoles.GestoreCaseManager, TerritorioRoles.GestoreResponsabileClinico],
        [Policies.GestoreClinico] = [TerritorioRoles.GestoreResponsabileClinico],
        [Policies.Mmg] = [TerritorioRoles.Mmg],
        [Policies.Erogatore] = [TerritorioRoles.Erogatore],
        [Policies.Reparto] = [TerritorioRoles.Reparto],
        [Policies.Paziente] = [TerritorioRoles.Paziente],
        [Policies.Struttura] = [TerritorioRoles.Struttura],
        [Policies.Riabilitazione] = [TerritorioRoles.AtsOperatore, TerritorioRoles.AtsControllore, TerritorioRoles.Struttura],
        [Policies.PatientData] =
        [
            TerritorioRoles.AtsOperatore, TerritorioRoles.AtsControllore, TerritorioRoles.GestoreCaseManager,
            TerritorioRoles.GestoreResponsabileClinico, TerritorioRoles.Mmg, TerritorioRoles.Erogatore, TerritorioRoles.Paziente,
        ],
    };

    /// <summary>Endpoints open to everyone: each one is listed on purpose.</summary>
    public static readonly IReadOnlySet<string> KnownAnonymous = new HashSet<string>(StringComparer.Ordinal)
    {
        "POST /api/token", "GET /health", "GET /openapi/{documentName}.json",
        "GET /", "GET /Index", "GET /Account/Login", "POST /Account/Login", "GET /Account/Logout", "POST /Account/Logout",
        "GET /Errore/{code:int?}", "POST /Errore/{code:int?}",
        "GET /fhir/metadata",
    };

    /// <summary>The resource a route parameter names, in a territory; null for an unknown name.</summary>
    public static string? ResourceOf(string parameter, Territory territory, EndpointCase endpoint) => parameter switch
    {
        "patientId" => territory.Patient,
        "mmgId" => territory.Mmg,
        "gestoreId" => territory.Gestore,
        "erogatoreId" => territory.Erogatore,
        "documentName" => "v1",
        "carePlanId" => CareSeed.CarePlanIds[territory.Key],
        "conditionId" => $"{territory.Patient}-pat{CareSeed.Pathology}",
        "activityType" => "ServiceRequest",
        "activityId" => CareSeed.ServiceRequestIds[territory.Key],
        "practitionerRoleId" => "mmg-" + territory.Mmg,
        "rest" => "Sconosciuta/1",
        "reclassificationId" => AtsSeed.ReclassificationOf[territory.Patient].ToString(System.Globalization.CultureInfo.InvariantCulture),
        "changeRequestId" => AtsSeed.ChangeOf[territory.Patient].ToString(System.Globalization.CultureInfo.InvariantCulture),
        "runId" => RehabSeed.RunIds[territory.Key],
        "line" => "3", // the seeded file's first rehab stay, of the territory's own structure
        "bookingId" => CareSeed.BookingIds[territory.Key],
        "pactId" => CareSeed.PactIds[territory.Key],
        "code" => null,
        "year" => ItalianTime.Today(TimeProvider.System).Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException(
            $"{endpoint}: route parameter '{parameter}' unknown to the matrix; add what it names to EndpointCatalogue.ResourceOf"),
    };

    public static async Task<IReadOnlyList<EndpointCase>> EnumerateAsync(IServiceProvider services)
    {
        var cases = new List<EndpointCase>();
        var pages = services.GetRequiredService<PageLoader>();
        var sources = services.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            string pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            bool isPage = page is not null;
            bool anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Distinct().ToList();
            var parameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            if (page is not null)
            {
                // A page answers GET always, and each of its other handlers (named or not).
                var handlers = (await pages.LoadAsync(page, endpoint.Metadata)).HandlerMethods
                    .Where(h => !h.HttpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase))
                    .Select(h => (Method: h.HttpMethod.ToUpperInvariant(), h.Name)).Distinct();
                cases.Add(new EndpointCase("GET", pattern, true, anonymous, policies, parameters));
                cases.AddRange(handlers.Select(h => new EndpointCase(h.Method, pattern, true, anonymous, policies, parameters, h.Name)));
                continue;
            }

            foreach (string method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                cases.Add(new EndpointCase(method, pattern, false, anonymous, policies, parameters));
            }
        }

        return cases;
    }

    /// <summary>Roles the endpoint's policies admit (all of them must); every role when it names none.</summary>
    public static IReadOnlySet<string> AllowedRoles(EndpointCase endpoint)
    {
        IEnumerable<string> allowed = TerritorioRoles.All;
        foreach (string? policy in endpoint.Policies)
        {
            if (!RolesOfPolicy.TryGetValue(policy!, out var roles))
            {
                throw new InvalidOperationException($"{endpoint}: policy '{policy}' unknown to the matrix; add its roles to EndpointCatalogue.RolesOfPolicy");
            }

            allowed = allowed.Intersect(roles);
        }

        return allowed.ToHashSet(StringComparer.Ordinal);
    }
}
