using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Care;
using Territorio.Web.Security;
using Actor = Territorio.Web.Security.Actor;

namespace Territorio.Web.Api;

/// <summary>
/// Plumbing of the care endpoints: the patient is opened through <see cref="PatientAccess"/>
/// (visibility and access log, resource = the endpoint's route) before anything else, so another
/// tenancy gets 404 whatever it sends; refusals of the care rules become problem details.
/// </summary>
internal static class CareApi
{
    public const string RefusedTitle = "Operazione rifiutata";

    /// <summary>Runs the work on a patient visible to the caller, or answers 404 (logged as refused).</summary>
    public static async Task<IResult> OnPatientAsync(HttpContext http, PatientAccess access, string patientId, Func<Actor, Resident, Task<IResult>> work, CancellationToken ct, string? field = null)
    {
        var actor = Actor.From(http.User);
        var patient = await access.OpenAsync(actor, patientId, ResourceOf(http), ct);
        return patient is null ? PatientEndpoints.NotVisible() : await RunAsync(() => work(actor, patient), field);
    }

    /// <summary>
    /// Answers from the file of a patient visible to the caller (read with the access check: one
    /// statement when the file is kept), or 404 (logged as refused).
    /// </summary>
    public static Task<IResult> OnFileAsync(HttpContext http, PatientFileQuery files, string patientId, Func<Actor, string?> bookingGestoreOf, bool withContacts, Func<PatientFile, IResult> answer, CancellationToken ct) =>
        RunAsync(async () =>
        {
            var actor = Actor.From(http.User);
            var file = await files.OpenAsync(actor, patientId, ResourceOf(http), bookingGestoreOf(actor), ct, withContacts);
            return file is null ? PatientEndpoints.NotVisible() : answer(file);
        });

    /// <summary>
    /// Maps the care domain's refusals to 409 and tenancy refusals to 404, with the Italian message.
    /// <paramref name="field"/> is the request field the operation's rules judge (the slot chosen, the
    /// day of a delivery): a refusal then also lists the reason under it in <c>errors</c>, as a 400 does.
    /// </summary>
    public static async Task<IResult> RunAsync(Func<Task<IResult>> work, string? field = null)
    {
        try
        {
            return await work();
        }
        catch (CareRuleException ex)
        {
            return new NamedRefusal(ex.Message, ex.Field ?? field);
        }
        catch (RefusedException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: ApiProblems.TitleOf(StatusCodes.Status404NotFound));
        }
    }

    /// <summary>A care rule's refusal with its parties named as people (<see cref="CareRefusals"/>), read in the request's scope.</summary>
    public static Task<string> NamedAsync(HttpContext http, CareRuleException refusal) => NamedAsync(http, refusal.Message);

    /// <summary>Any refusal's message with its parties and ATS named (a page's own refusals too).</summary>
    public static Task<string> NamedAsync(HttpContext http, string message) =>
        CareRefusals.NameAsync(http.RequestServices.GetRequiredService<TerritorioDbContext>(), http.RequestServices.GetRequiredService<CareCatalogues>(), message, http.RequestAborted);

    /// <summary>The 409 problem of a refusal, its parties named when the answer is written (the endpoint's scope is at hand there).</summary>
    private sealed class NamedRefusal(string message, string? field) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var services = httpContext.RequestServices;
            string named = await CareRefusals.NameAsync(services.GetRequiredService<TerritorioDbContext>(), services.GetRequiredService<CareCatalogues>(), message, httpContext.RequestAborted);
            var errors = field is null ? null : new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [named] } };
            await TypedResults.Problem(named, statusCode: StatusCodes.Status409Conflict, title: RefusedTitle, extensions: errors).ExecuteAsync(httpContext);
        }
    }

    /// <summary>The access log's resource: method and route of the endpoint (never the caller's values).</summary>
    public static string ResourceOf(HttpContext http) =>
        $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value}";

    /// <summary>OpenAPI description shared by the care endpoints: the answer, refusals and validation problems.</summary>
    public static RouteHandlerBuilder Describe<T>(this RouteHandlerBuilder endpoint, string tag, string summary, int status = StatusCodes.Status200OK) => endpoint
        .WithTags(tag)
        .WithSummary(summary)
        .Produces<T>(status)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    public static DateOnly? Day(string? text, string field, ApiProblems.Validation validation) => AuditEndpoints.ParseDay(text, field, validation);
}
