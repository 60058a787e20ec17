using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Data;
using Territorio.Fhir;
using Territorio.Fhir.Care;
using Territorio.Fhir.Views;
using Territorio.Flows.Reference;
using Territorio.Web.Security;

namespace Territorio.Web.Fhir;

/// <summary>Who acts when a GP's record system posts a message: the GP of the bearer token.</summary>
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
        services.AddSingleton(sp => new FhirRuntime(
            sp.GetRequiredService<ReferenceData>(),
            FhirRuntime.ReadOptions(configuration),
            TimeProvider.System));
        services.AddSingleton<ActingGpResolver>(_ => http => Actor.From(http.User).MmgId);
        return services;
    }

    public static RouteGroupBuilder MapTerritorioFhir(this IEndpointRouteBuilder app)
    {
        // Same rules as the REST API: bearer token, role and territory; every patient read goes
        // through PatientAccess, which refuses what the caller may not see and logs the access.
        var fhir = app.MapGroup("/fhir").WithTags("FHIR")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = JwtBearerDefaults.AuthenticationScheme, Policy = Policies.PatientData })
            .DisableAntiforgery();
        fhir.MapPost("/$process-message", ProcessMessageAsync).RequireAuthorization(Policies.Mmg);
        fhir.MapGet("/metadata", () => Fhir(Capabilities.Statement(DateTimeOffset.UtcNow))).AllowAnonymous();
        fhir.MapGet("/Patient/{patientId}", (string patientId, HttpContext http, TerritorioDbContext db, FhirRuntime runtime, PatientAccess access, CancellationToken ct) =>
            OneAsync(http, access, "Patient", patientId, patientId, _ => runtime.Reader(db).PatientAsync(patientId, ct), ct));
        fhir.MapGet("/CarePlan/{carePlanId}", async (string carePlanId, HttpContext http, TerritorioDbContext db, FhirRuntime runtime, PatientAccess access, CancellationToken ct) =>
        {
            var plan = await runtime.Reader(db).CarePlanAsync(carePlanId, ct);
            string? patient = plan?.Subject?.Reference is { } reference && reference.StartsWith("Patient/", StringComparison.Ordinal) ? reference["Patient/".Length..] : null;
            return await OneAsync(http, access, "CarePlan", carePlanId, patient, _ => System.Threading.Tasks.Task.FromResult(plan), ct);
        });
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
        fhir.MapGet("/" + type, async (HttpContext http, TerritorioDbContext db, FhirRuntime runtime, PatientAccess access, CancellationToken ct) =>
        {
            string? patient = http.Request.Query["patient"];
            if (string.IsNullOrWhiteSpace(patient))
            {
                return Fhir(Outcome(OperationOutcome.IssueType.Required, $"parametro di ricerca 'patient' obbligatorio per {type}"), StatusCodes.Status400BadRequest);
            }

            patient = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
            if (await access.OpenAsync(Actor.From(http.User), patient, $"GET /fhir/{type}?patient=", ct) is null)
            {
                return NotVisible(type, patient);
            }

            return Fhir(await search(runtime.Reader(db), patient, ct));
        });

    // A resource of a patient the caller may not see answers exactly like one that does not exist.
    private static async Task<IResult> OneAsync<T>(HttpContext http, PatientAccess access, string type, string id, string? patient, Func<CancellationToken, Task<T?>> read, CancellationToken ct)
        where T : Resource
    {
        if (patient is null || await access.OpenAsync(Actor.From(http.User), patient, $"GET /fhir/{type}/{{id}}", ct) is null)
        {
            return NotVisible(type, id);
        }

        return await read(ct) is { } resource ? Fhir(resource) : NotVisible(type, id);
    }

    private static IResult NotVisible(string type, string id) =>
        Fhir(Outcome(OperationOutcome.IssueType.NotFound, $"risorsa {type} non trovata"), StatusCodes.Status404NotFound);

    private static OperationOutcome Outcome(OperationOutcome.IssueType type, string text) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = text }],
    };

    private static IResult Fhir(Resource resource, int status = StatusCodes.Status200OK) =>
        Results.Text(FhirJson.Serialize(resource), FhirJson.MediaType, System.Text.Encoding.UTF8, status);
}
