using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Gestori;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

/// <summary>DGR X/6164/2017: the ATS lists the Gestori's pending candidatures and approves or rejects them (with a reason).</summary>
public static class CandidatureEndpoints
{
    private const string Tag = "ATS";

    public static void MapCandidatureApi(this RouteGroupBuilder api)
    {
        api.MapGet("/ats/candidature", PendingAsync).RequireAuthorization(Policies.Ats)
            .Describe<List<CandidatureDto>>(Tag, "Candidature dei Gestori in attesa di decisione presso l'ATS dell'account.");
        api.MapPost("/ats/candidature/{gestoreId}/decisione", DecideAsync).RequireAuthorization(Policies.AtsOperatore)
            .Describe<CandidatureDto>(Tag, "Approva o respinge (con motivazione) la candidatura di un Gestore per un livello.");
    }

    private static async Task<IResult> PendingAsync(HttpContext http, CareServices care, CancellationToken ct) =>
        TypedResults.Ok((await care.Gestori.PendingCandidaturesAsync(Actor.From(http.User).Ats, ct)).Select(c => CandidatureDto.Of(c, care.Catalogues)).ToList());

    private static async Task<IResult> DecideAsync(string gestoreId, CandidatureDecisionRequest request, HttpContext http, CareServices care, CancellationToken ct)
    {
        // Only candidatures to the account's own ATS exist for it: others answer 404 before any validation.
        string ats = Actor.From(http.User).Ats;
        if (!await care.Db.Set<Candidature>().AnyAsync(c => c.GestoreId == gestoreId && c.Ats == ats, ct))
        {
            return TypedResults.Problem($"Nessuna candidatura del Gestore {gestoreId} presso l'ATS {ats}.", statusCode: StatusCodes.Status404NotFound, title: ApiProblems.TitleOf(StatusCodes.Status404NotFound));
        }

        var validation = new ApiProblems.Validation();
        if (request.Level is null)
        {
            validation.Add("level", "Livello: campo obbligatorio (1, 2 o 3)");
        }

        if (request.Approve is null)
        {
            validation.Add("approve", "Decisione: campo obbligatorio (true per approvare, false per respingere)");
        }
        else if (request.Approve == false)
        {
            validation.Required("reason", request.Reason, "Motivazione del rifiuto");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        return await CareApi.RunAsync(async () =>
        {
            var actor = Actor.From(http.User);
            await care.Gestori.DecideAsync(gestoreId, ats, request.Level!.Value, request.Approve!.Value, CareActors.AtsOperator(actor), request.Reason, ct);
            var decided = await care.Db.Set<Candidature>().AsNoTracking()
                .Where(c => c.GestoreId == gestoreId && c.Ats == ats && c.Level == request.Level)
                .OrderByDescending(c => c.Id).FirstAsync(ct);
            return TypedResults.Ok(CandidatureDto.Of(decided, care.Catalogues));
        });
    }
}
