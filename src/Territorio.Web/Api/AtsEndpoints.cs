using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Territorio.CareManagement.Common;
using Territorio.Web.Ats;
using Territorio.Web.Care;
using Territorio.Web.Security;
using Actor = Territorio.Web.Security.Actor;

namespace Territorio.Web.Api;

/// <summary>The Commission's decision on a request: approve (true) or reject (false, with a reason).</summary>
public sealed record CommissionDecisionRequest(bool? Approva, string? Motivazione);

/// <summary>The ATS's screens as REST: pyramid, enrolment progress, Commission. Always the caller's own territory.</summary>
public static class AtsEndpoints
{
    public static void MapAtsApi(this RouteGroupBuilder api)
    {
        var ats = api.MapGroup("/ats").WithTags("ATS");
        ats.MapGet("/piramide", TerritoryPyramidAsync)
            .RequireAuthorization(Policies.Ats)
            .WithSummary("Piramide della domanda del territorio dell'ATS (ultima stratificazione, livelli in vigore) con l'elenco dei suoi MMG; solo aggregati.");
        ats.MapGet("/piramide/mmg/{mmgId}", GpPyramidAsync)
            .RequireAuthorization(Policies.Ats)
            .WithSummary("Piramide della domanda degli assistiti di un MMG del territorio, accanto alla forma di riferimento per MMG; solo aggregati.");
        ats.MapGet("/arruolamento", EnrolmentAsync)
            .RequireAuthorization(Policies.Ats)
            .WithSummary("Avanzamento della presa in carico: idonei (livelli 1–3), invitati, arruolati per livello e per Gestore, patti in scadenza entro 'giorni' (predefinito 30; la lettura dell'elenco è registrata).");
        ats.MapGet("/commissione", CommissionBoardAsync)
            .RequireAuthorization(Policies.AtsOperatore)
            .WithSummary("Richieste in attesa della Commissione ATS (riclassificazioni, cambi di Gestore) con le evidenze del paziente, e le ultime decise (la lettura è registrata).");
        ats.MapPost("/commissione/riclassificazioni/{reclassificationId}/decisione", DecideReclassificationAsync)
            .RequireAuthorization(Policies.AtsOperatore)
            .WithSummary("Decisione della Commissione su una riclassificazione proposta dal Gestore: approva, oppure respinge con motivazione.");
        ats.MapPost("/commissione/cambi-gestore/{changeRequestId}/decisione", DecideChangeAsync)
            .RequireAuthorization(Policies.AtsOperatore)
            .WithSummary("Decisione della Commissione su una richiesta motivata di cambio Gestore: approva (chiude il patto e ne firma uno nuovo), oppure respinge con motivazione.");
    }

    private static async Task<Results<Ok<TerritoryPyramid>, ProblemHttpResult>> TerritoryPyramidAsync(HttpContext http, PyramidQuery query, CancellationToken ct)
    {
        var run = await query.LatestRunAsync(ct);
        return run is null
            ? NoStratification()
            : TypedResults.Ok(await query.TerritoryAsync(run, Actor.From(http.User).Ats, ct));
    }

    private static async Task<Results<Ok<PyramidView>, ProblemHttpResult>> GpPyramidAsync(string mmgId, HttpContext http, PyramidQuery query, CancellationToken ct)
    {
        string ats = Actor.From(http.User).Ats;
        if (!await query.IsGpOfTerritoryAsync(ats, mmgId, ct))
        {
            // The answer does not repeat the code asked for: it may be another territory's.
            return NotFound($"Medico di medicina generale non trovato tra quelli del territorio dell'ATS {ats}.");
        }

        var run = await query.LatestRunAsync(ct);
        return run is null ? NoStratification() : TypedResults.Ok(await query.GpAsync(run, ats, mmgId, ct));
    }

    private static async Task<Results<Ok<EnrolmentProgress>, ValidationProblem>> EnrolmentAsync(
        HttpContext http, EnrolmentProgressQuery query, int? giorni, CancellationToken ct)
    {
        int days = giorni ?? EnrolmentProgressQuery.DefaultDays;
        if (days is < 1 or > EnrolmentProgressQuery.MaxDays)
        {
            return (ValidationProblem)new ApiProblems.Validation()
                .Add("giorni", $"Giorni: i patti in scadenza si cercano da 1 a {EnrolmentProgressQuery.MaxDays} giorni da oggi (ricevuto {days})")
                .Problem();
        }

        return TypedResults.Ok(await query.BuildAsync(Actor.From(http.User), days, "GET /api/ats/arruolamento", ct));
    }

    private static async Task<Ok<CommissionBoard>> CommissionBoardAsync(HttpContext http, CommissionDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.BoardAsync(Actor.From(http.User), "GET /api/ats/commissione", ct));

    private static Task<Results<Ok<CommissionDecision>, ValidationProblem, ProblemHttpResult>> DecideReclassificationAsync(
        long reclassificationId, CommissionDecisionRequest request, HttpContext http, CommissionDesk desk, CancellationToken ct) =>
        DecideAsync(http, request, actor => desk.IsReclassificationOfTerritoryAsync(actor, reclassificationId, ct),
            "Riclassificazione", reclassificationId, (actor, approve) => desk.DecideReclassificationAsync(actor, reclassificationId, approve, request.Motivazione, ct));

    private static Task<Results<Ok<CommissionDecision>, ValidationProblem, ProblemHttpResult>> DecideChangeAsync(
        long changeRequestId, CommissionDecisionRequest request, HttpContext http, CommissionDesk desk, CancellationToken ct) =>
        DecideAsync(http, request, actor => desk.IsChangeOfTerritoryAsync(actor, changeRequestId, ct),
            "Richiesta di cambio Gestore", changeRequestId, (actor, approve) => desk.DecideChangeAsync(actor, changeRequestId, approve, request.Motivazione, ct));

    // The request of another territory is not found (before the body is even read), then the body
    // is checked, then the care rules decide: a refusal (already decided, Gestore no longer
    // eligible…) is a 409 that says why.
    private static async Task<Results<Ok<CommissionDecision>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        HttpContext http, CommissionDecisionRequest request, Func<Actor, Task<bool>> ofTerritory, string what, long id, Func<Actor, bool, Task<CommissionDecision>> decide)
    {
        var actor = Actor.From(http.User);
        if (!await ofTerritory(actor))
        {
            return NotFound($"{what} n.{id} non trovata tra le richieste della Commissione dell'ATS {actor.Ats}.");
        }

        var validation = CommissionDesk.Validate(request.Approva, request.Motivazione);
        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.Problem();
        }

        try
        {
            return TypedResults.Ok(await decide(actor, request.Approva!.Value));
        }
        catch (CareRuleException ex)
        {
            return TypedResults.Problem("Operazione rifiutata: " + await CareApi.NamedAsync(http, ex) + ".", statusCode: StatusCodes.Status409Conflict, title: ApiProblems.TitleOf(StatusCodes.Status409Conflict));
        }
        catch (RefusedException ex)
        {
            return NotFound(ex.Message);
        }
    }

    private static ProblemHttpResult NoStratification() =>
        NotFound("Nessuna stratificazione importata: eseguire 'territorio enrol import-levels' con i livelli del motore di stratificazione.");

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: ApiProblems.TitleOf(StatusCodes.Status404NotFound));
}
