using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Territorio.Data;
using Territorio.Fhir;
using Territorio.Fhir.Care;
using Territorio.Fhir.Views;
using Territorio.Flows.Reference;

namespace Territorio.Web.Fhir;

/// <summary>Who reads what through the FHIR API: every read is reported here (issue 7: "every read audited").</summary>
public interface IFhirReadAudit
{
    void Read(HttpContext context, string resourceType, string? id, string? patient, int returned);
}

/// <summary>Default audit: one structured log line per read; the authentication work replaces it with the audit store.</summary>
public sealed class LoggingFhirReadAudit(ILogger<LoggingFhirReadAudit> logger) : IFhirReadAudit
{
    public void Read(HttpContext context, string resourceType, string? id, string? patient, int returned)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("FHIR read {ResourceType} id={Id} patient={Patient} returned={Returned} user={User} from={Remote}",
                resourceType, id, patient, returned, context.User.Identity?.Name ?? "anonimo", context.Connection.RemoteIpAddress);
        }
    }
}

/// <summary>Who acts when a GP's record system posts a message: the authenticated GP, once authentication exists.</summary>
public delegate string? ActingGpResolver(HttpContext context);

/// <summary>
/// The FHIR R4 interface under <c>/fhir</c> (application/fhir+json): the region's
/// <c>$process-message</c> and the read endpoints. <see cref="MapTerritorioFhir"/> returns the
/// route group so that an authorisation policy can be attached to all of it.
/// </summary>
public static class FhirEndpoints
{
    public static IServiceCollection AddTerritorioFhir(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new FhirRuntime(
            configuration["Territorio:ReferenceData"] is { Length: > 0 } root ? new ReferenceData(root) : ReferenceData.Default(),
            FhirRuntime.ReadOptions(configuration),
            TimeProvider.System));
        services.AddSingleton<IFhirReadAudit, LoggingFhirReadAudit>();
        services.AddSingleton<ActingGpResolver>(_ => _ => null);
        return services;
    }

    public static RouteGroupBuilder MapTerritorioFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR");
        fhir.MapPost("/$process-message", ProcessMessageAsync);
        fhir.MapGet("/metadata", () => Fhir(Capabilities.Statement(DateTimeOffset.UtcNow)));
        fhir.MapGet("/Patient/{id}", (string id, HttpContext http, TerritorioDbContext db, FhirRuntime runtime, IFhirReadAudit audit, CancellationToken ct) =>
            One(http, audit, "Patient", id, runtime.Reader(db).PatientAsync(id, ct)));
        fhir.MapGet("/CarePlan/{id}", (string id, HttpContext http, TerritorioDbContext db, FhirRuntime runtime, IFhirReadAudit audit, CancellationToken ct) =>
            One(http, audit, "CarePlan", id, runtime.Reader(db).CarePlanAsync(id, ct)));
        MapSearch(fhir, "Condition", (reader, patient, ct) => reader.ConditionsAsync(patient, ct));
        MapSearch(fhir, "CarePlan", (reader, patient, ct) => reader.CarePlansAsync(patient, ct));
        MapSearch(fhir, "EpisodeOfCare", (reader, patient, ct) => reader.EpisodesOfCareAsync(patient, ct));
        MapSearch(fhir, "Consent", (reader, patient, ct) => reader.ConsentsAsync(patient, ct));
        MapSearch(fhir, "Appointment", (reader, patient, ct) => reader.AppointmentsAsync(patient, ct));
        MapSearch(fhir, "RiskAssessment", (reader, patient, ct) => reader.RiskAssessmentsAsync(patient, ct));
        return fhir;
    }

    // FHIR messaging answers 200 with the response message, positive or negative; bad input never makes a 500.
    private static async Task<IResult> ProcessMessageAsync(HttpRequest request, TerritorioDbContext db, FhirRuntime runtime, ActingGpResolver actingGp, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        string body = await reader.ReadToEndAsync(ct);
        string baseUrl = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var processed = await runtime.Processor(db).ProcessAsync(body, actingGp(request.HttpContext), id => $"{baseUrl}/fhir/CarePlan/{id}", ct);
        return Fhir(processed.Answer);
    }

    private static void MapSearch(RouteGroupBuilder fhir, string type, Func<FhirReadService, string, CancellationToken, Task<Bundle>> search) =>
        fhir.MapGet("/" + type, async (HttpContext http, TerritorioDbContext db, FhirRuntime runtime, IFhirReadAudit audit, CancellationToken ct) =>
        {
            string? patient = http.Request.Query["patient"];
            if (string.IsNullOrWhiteSpace(patient))
            {
                return Fhir(Outcome(OperationOutcome.IssueType.Required, $"parametro di ricerca 'patient' obbligatorio per {type}"), StatusCodes.Status400BadRequest);
            }

            patient = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
            var bundle = await search(runtime.Reader(db), patient, ct);
            audit.Read(http, type, null, patient, bundle.Entry.Count);
            return Fhir(bundle);
        });

    private static async Task<IResult> One<T>(HttpContext http, IFhirReadAudit audit, string type, string id, Task<T?> read)
        where T : Resource
    {
        var resource = await read;
        audit.Read(http, type, id, null, resource is null ? 0 : 1);
        return resource is null
            ? Fhir(Outcome(OperationOutcome.IssueType.NotFound, $"{type}/{id} non trovato"), StatusCodes.Status404NotFound)
            : Fhir(resource);
    }

    private static OperationOutcome Outcome(OperationOutcome.IssueType type, string text) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = text }],
    };

    private static IResult Fhir(Resource resource, int status = StatusCodes.Status200OK) =>
        Results.Text(FhirJson.Serialize(resource), FhirJson.MediaType, System.Text.Encoding.UTF8, status);
}
