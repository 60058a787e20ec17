using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Security;

[CollectionDefinition(Name)]
public sealed class BadInputWebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app, bad input";
}

/// <summary>
/// Every page handler and API route, taken from the endpoint data source (a new one is covered
/// without editing this test), called by an admitted user with missing, malformed, out-of-range
/// and oversized values in every route and query parameter it declares: never a 5xx; under /api
/// and /fhir never a redirect, always problem details or an OperationOutcome. Its own application:
/// the posts may change what other tests count.
/// </summary>
[Collection(BadInputWebAppCollection.Name)]
public sealed class BadInputTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The values every parameter gets in turn.</summary>
    public static readonly string[] BadValues =
    [
        "", "x", "-1", "0", "2147483647", "99999999999999999999", "9999-12-31", "31/12/9999", "01/01/0001", "29/02/2023",
        "' OR 1=1 --", "<script>", "%00", "..%2F..%2Fetc%2Fpasswd", new string('9', 3000),
    ];

    [Fact]
    public async Task EveryEndpoint_WithBadParameters_NeverAnswers5xx_NorRedirectsTheApi()
    {
        var failures = new List<string>();
        var parameters = await ParametersAsync();
        var endpoints = await EndpointCatalogue.EnumerateAsync(app.App.Services);
        endpoints.Count.ShouldBeGreaterThan(60);
        foreach (var endpoint in endpoints)
        {
            var client = await ClientAsync(endpoint);
            string? token = endpoint.IsPage && client is not null ? app.FormTokenOf(client) : null;
            client ??= app.Anonymous();
            var names = parameters.GetValueOrDefault(endpoint.Pattern, []);
            foreach (string value in BadValues)
            {
                string path = "/" + EndpointCase.RouteParameter().Replace(endpoint.Pattern.TrimStart('/'), Uri.EscapeDataString(value.Length == 0 ? "vuoto" : value));
                var query = names.Select(n => $"{Uri.EscapeDataString(n)}={Uri.EscapeDataString(value)}").ToList();
                if (endpoint.Handler is not null)
                {
                    query.Add("handler=" + endpoint.Handler);
                }

                string url = path.TrimEnd('/') + (query.Count > 0 ? "?" + string.Join('&', query) : "");
                using var response = await SendAsync(client, endpoint.Method, url, endpoint.IsPage, token, names, value);
                Check(failures, $"{endpoint} with '{Shown(value)}'", endpoint.Pattern, response);
            }
        }

        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryPage_PostedWithoutAHandler_OrToAnUnknownOne_IsRefusedNot500()
    {
        var failures = new List<string>();
        var endpoints = await EndpointCatalogue.EnumerateAsync(app.App.Services);
        foreach (var endpoint in endpoints.Where(e => e.IsPage && e.Method == "GET" && !e.IsAnonymous))
        {
            // A page with an unnamed POST handler runs it for any handler name (Razor Pages' fallback): it must then refuse the empty form, not fail.
            bool unnamedPost = endpoints.Any(e => e.IsPage && e.Pattern == endpoint.Pattern && e.Method == "POST" && string.IsNullOrEmpty(e.Handler));
            var client = (await ClientAsync(endpoint))!;
            string url = endpoint.UrlFor(Territory.A);
            foreach (string handler in new[] { "", "?handler=nessuno", "?handler=" + new string('h', 500) })
            {
                using var response = await SendAsync(client, "POST", url + handler, isPage: true, app.FormTokenOf(client), [], "");
                int status = (int)response.StatusCode;
                int? expected = unnamedPost ? null : handler.Length == 0 ? 405 : 404;
                if (status >= 500 || (expected is { } code && status != code))
                {
                    failures.Add($"POST {url}{handler}: {status}, expected {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "< 500"}");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/api/non-esiste")]
    [InlineData("/api/ats/non-esiste/davvero")]
    public async Task Api_UnknownPath_WithAValidToken_Is404ProblemDetails(string path)
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        using var response = await client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Api_UnknownPath_WithoutToken_Is401ProblemDetails_NotARedirect()
    {
        using var response = await app.Anonymous().GetAsync("/api/non-esiste", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task Api_WrongContentType_Is415ProblemDetails()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        using var response = await client.PostAsync("/api/token", new StringContent("username=x", Encoding.UTF8, "text/plain"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Api_BodyOverTheLimit_Is413ProblemDetails()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        string huge = "{\"username\":\"" + new string('a', (int)BadInput.MaxBodyBytes + 10) + "\",\"password\":\"x\"}";

        using var response = await client.SendAsync(Oversized("/api/token", new StringContent(huge, Encoding.UTF8, "application/json")), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Fhir_MessageOverTheLimit_Is413OperationOutcome_NotAnEcho()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Mmg));
        string bundle = "{\"resourceType\":\"Bundle\",\"id\":\"" + new string('x', (int)BadInput.MaxFhirBodyBytes + 10) + "\"}";

        using var response = await client.SendAsync(Oversized("/fhir/$process-message", new StringContent(bundle, Encoding.UTF8, "application/fhir+json")), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
        string body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("OperationOutcome");
        body.Length.ShouldBeLessThan(2000);
    }

    [Theory]
    [InlineData("/fhir/non-esiste", HttpStatusCode.NotFound)]
    [InlineData("/fhir/Condition", HttpStatusCode.BadRequest)]
    public async Task Fhir_Errors_AreOperationOutcomes(string path, HttpStatusCode expected)
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Mmg));

        using var response = await client.GetAsync(path, Ct);

        response.StatusCode.ShouldBe(expected);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("OperationOutcome");
    }

    [Fact]
    public async Task Fhir_WithoutToken_Is401OperationOutcome_NotARedirect()
    {
        using var response = await app.Anonymous().GetAsync($"/fhir/Patient/{Territory.A.Patient}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("100001")]
    [InlineData("2147483647")]
    public async Task Api_PageOutsideTheLimits_IsRefusedTheSameOnEveryList(string page)
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        string run = RehabSeed.RunIds[Territory.A.Key];

        foreach (string list in new[] { $"/api/riabilitazione/esecuzioni/{run}/giudizi", $"/api/riabilitazione/esecuzioni/{run}/scarti", "/api/ats/accessi" })
        {
            using var response = await client.GetAsync($"{list}?pagina={page}", Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, list);
            (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(Paging.Refusal);
        }
    }

    [Fact]
    public async Task Worklist_PageFarBeyondTheEnd_ShowsTheLastPageLabelledAsSuch()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

        using var response = await client.GetAsync("/Gestore/Worklist?pagina=2147483647", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("2147483647");
    }

    /// <summary>
    /// An oversized post as a careful client sends it (Expect: 100-continue): the server refuses it
    /// before the body travels, so the client reads the 413 instead of a connection cut mid-send.
    /// </summary>
    private static HttpRequestMessage Oversized(string url, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.ExpectContinue = true;
        return request;
    }

    private void Check(List<string> failures, string what, string pattern, HttpResponseMessage response)
    {
        int status = (int)response.StatusCode;
        bool api = pattern.StartsWith("/api", StringComparison.Ordinal);
        bool fhir = pattern.StartsWith("/fhir", StringComparison.Ordinal);
        string? media = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500)
        {
            failures.Add($"{what}: {status}");
        }
        else if (status is 414 or 431)
        {
            // Refused by the server before any application code: the request line is too long.
        }
        else if ((api || fhir) && status is >= 300 and < 400)
        {
            failures.Add($"{what}: redirect {status} to {response.Headers.Location}");
        }
        else if (api && status >= 400 && media is not ("application/problem+json"))
        {
            failures.Add($"{what}: {status} as {media}, not problem details");
        }
        else if (fhir && status >= 400 && media is not "application/fhir+json")
        {
            failures.Add($"{what}: {status} as {media}, not an OperationOutcome");
        }
    }

    private async Task<HttpClient?> ClientAsync(EndpointCase endpoint)
    {
        if (endpoint.IsAnonymous)
        {
            return null;
        }

        string role = EndpointCatalogue.AllowedRoles(endpoint).Order(StringComparer.Ordinal).First();
        string user = Territory.A.UserOf(role);
        return endpoint.IsPage ? await app.PagesAs(user) : await app.ApiAs(user);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, bool isPage, string? token, IReadOnlyList<string> names, string value)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is not ("GET" or "HEAD" or "DELETE"))
        {
            if (isPage)
            {
                var fields = names.Select(n => new KeyValuePair<string, string>(n, value)).ToList();
                if (token is not null)
                {
                    fields.Add(new("__RequestVerificationToken", token));
                }

                request.Content = new FormUrlEncodedContent(fields);
            }
            else
            {
                var body = names.ToDictionary(n => n, _ => value);
                request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
            }

            // A request refused on its head (a URL over Kestrel's limit) is answered before its body is sent, not with a broken pipe.
            request.Headers.ExpectContinue = true;
        }

        return client.SendAsync(request, Ct);
    }

    /// <summary>
    /// The query and form parameters of each route: the simple-typed parameters of a minimal-API
    /// handler, the bound properties and handler parameters of a page.
    /// </summary>
    private async Task<Dictionary<string, List<string>>> ParametersAsync()
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var loader = app.App.Services.GetRequiredService<PageLoader>();
        foreach (var endpoint in app.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            string pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var route = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var names = new List<string>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                names.AddRange(compiled.BoundProperties.Select(p => p.BindingInfo?.BinderModelName ?? p.Name));
                names.AddRange(compiled.HandlerMethods.SelectMany(h => h.Parameters).Select(p => p.BindingInfo?.BinderModelName ?? p.Name));
            }
            else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
            {
                names.AddRange(method.GetParameters().Where(p => IsSimple(p.ParameterType)).Select(p => p.Name!));
            }

            result[pattern] = [.. names.Where(n => !route.Contains(n) && n != "handler").Distinct(StringComparer.Ordinal)];
        }

        return result;
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type.IsPrimitive || type == typeof(DateOnly) || type == typeof(decimal) || type.IsEnum;
    }

    private static string Shown(string value) => value.Length > 20 ? value[..20] + "…" : value;
}
