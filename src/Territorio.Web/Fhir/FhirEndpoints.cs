using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application.Common;
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
        // The catalogues of the screens, imported ones included: FHIR codes what the PAI editor wrote.
        services.AddSingleton(sp => new FhirRuntime(
            sp.GetRequiredService<ReferenceData>(),
            FhirRuntime.ReadOptions(configuration),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<CareCatalogues>));
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
        fhir.MapGet("/metadata", (TimeProvider clock) => Fhir(Capabilities.Statement(clock.GetUtcNow()))).AllowAnonymous();
        MapPatientRead(fhir, "Patient/{patientId}", (reader, id, ct) => reader.PatientAsync(id, ct));
        MapPatientRead(fhir, "CarePlan/{carePlanId}", (reader, id, ct) => reader.CarePlanAsync(id, ct));
        MapPatientRead(fhir, "Condition/{conditionId}", (reader, id, ct) => reader.ConditionAsync(id, ct));
        // The PAI's activities, ServiceRequest or MedicationRequest by their own ids.
        MapPatientRead(fhir, "{activityType:regex(^(ServiceRequest|MedicationRequest)$)}/{activityId}", async (reader, id, ct) => await reader.ActivityAsync(id, ct));
        // Organisations and GPs' roles are no patient's data: read within the caller's ATS.
        MapRead(fhir, "Organization/{gestoreId}", (reader, id, ats, ct) => reader.OrganizationAsync(id, ats, ct));
        MapRead(fhir, "PractitionerRole/{practitionerRoleId}", (reader, id, ats, ct) => reader.PractitionerRoleAsync(id, ats, ct));
        MapSearch(fhir, "Condition", (reader, patient, ct) => reader.ConditionsAsync(patient, ct));
        MapSearch(fhir, "CarePlan", (reader, patient, ct) => reader.CarePlansAsync(patient, ct));
        MapSearch(fhir, "EpisodeOfCare", (reader, patient, ct) => reader.EpisodesOfCareAsync(patient, ct));
        MapSearch(fhir, "Consent", (reader, patient, ct) => reader.ConsentsAsync(patient, ct));
        MapSearch(fhir, "Appointment", (reader, patient, ct) => reader.AppointmentsAsync(patient, ct));
        MapSearch(fhir, "RiskAssessment", (reader, patient, ct) => reader.RiskAssessmentsAsync(patient, ct));
        // Anything else under /fhir: a FHIR 404, not the pages' fallback (which would redirect to the login).
        fhir.Map("/{**rest}", (string? rest) => Fhir(FhirOutcomes.Error(OperationOutcome.IssueType.NotSupported, $"risorsa o operazione non supportata: /fhir/{rest}"), StatusCodes.Status404NotFound));
        return fhir;
    }

    // FHIR messaging answers 200 with the response message, positive or negative; bad input never makes a 500.
    private static async Task<IResult> ProcessMessageAsync(HttpRequest request, TerritorioDbContext db, FhirRuntime runtime, ActingGpResolver actingGp, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        string body = await reader.ReadToEndAsync(ct);
        string baseUrl = BaseUrl(request);
        var processed = await runtime.Processor(db).ProcessAsync(body, actingGp(request.HttpContext), id => $"{baseUrl}/fhir/CarePlan/{id}", ct);
        return Fhir(processed.Answer);
    }

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static void MapRead<T>(RouteGroupBuilder fhir, string pattern, Func<FhirReadService, string, string, CancellationToken, Task<T?>> read)
        where T : Resource =>
        fhir.MapGet("/" + pattern, async (HttpContext http, TerritorioDbContext db, FhirRuntime runtime, CancellationToken ct) =>
            Actor.From(http.User).Ats is { Length: > 0 } ats && await read(runtime.Reader(db), LastSegment(http), ats, ct) is { } resource
                ? Fhir(resource)
                : NotFound(TypeOf(http)));

    // A resource of a patient the caller may not see answers exactly like one that does not exist.
    private static void MapPatientRead<T>(RouteGroupBuilder fhir, string pattern, Func<FhirReadService, string, CancellationToken, Task<T?>> read)
        where T : Resource =>
        fhir.MapGet("/" + pattern, async (HttpContext http, TerritorioDbContext db, FhirRuntime runtime, PatientAccess access, CancellationToken ct) =>
        {
            string type = TypeOf(http);
            var resource = await read(runtime.Reader(db), LastSegment(http), ct);
            return resource is not null && resource.TypeName == type && PatientOf(resource) is { } patient
                && await access.OpenAsync(Actor.From(http.User), patient, $"GET /fhir/{type}/{{id}}", ct) is not null
                ? Fhir(resource)
                : NotFound(type);
        });

    // /fhir/{type}/{id}: the route's last two segments.
    private static string LastSegment(HttpContext http) => Uri.UnescapeDataString(http.Request.Path.Value!.Split('/')[^1]);

    private static string TypeOf(HttpContext http) => http.Request.Path.Value!.Split('/')[^2];

    private static string? PatientOf(Resource resource)
    {
        var subject = resource switch
        {
            Patient patient => new ResourceReference("Patient/" + patient.Id),
            CarePlan plan => plan.Subject,
            ServiceRequest request => request.Subject,
            MedicationRequest request => request.Subject,
            Condition condition => condition.Subject,
            _ => null,
        };
        return subject?.Reference is { } reference && reference.StartsWith("Patient/", StringComparison.Ordinal) ? reference["Patient/".Length..] : null;
    }

    // A search over another tenancy's patient finds nothing: an empty searchset, as for a patient without data (the refusal is logged).
    private static void MapSearch(RouteGroupBuilder fhir, string type, Func<FhirReadService, string, CancellationToken, Task<Bundle>> search) =>
        fhir.MapGet("/" + type, async (HttpContext http, TerritorioDbContext db, FhirRuntime runtime, PatientAccess access, CancellationToken ct) =>
        {
            string? patient = http.Request.Query["patient"];
            if (string.IsNullOrWhiteSpace(patient))
            {
                return Fhir(FhirOutcomes.Error(OperationOutcome.IssueType.Required, $"parametro di ricerca 'patient' obbligatorio per {type}"), StatusCodes.Status400BadRequest);
            }

            patient = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
            return await access.OpenAsync(Actor.From(http.User), patient, $"GET /fhir/{type}?patient=", ct) is null
                ? Fhir(FhirReadService.Empty())
                : Fhir(await search(runtime.Reader(db), patient, ct));
        });

    private static FhirResult NotFound(string type) =>
        Fhir(FhirOutcomes.Error(OperationOutcome.IssueType.NotFound, $"risorsa {type} non trovata"), StatusCodes.Status404NotFound);

    private static FhirResult Fhir(Resource resource, int status = StatusCodes.Status200OK) => new(resource, status);
}
