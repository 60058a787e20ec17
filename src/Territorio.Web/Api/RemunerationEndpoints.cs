using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Territorio.CareManagement.Application.Common;
using Territorio.Remuneration.Yearly;
using Territorio.Web.Remuneration;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

public sealed record GestoreRemunerationDto(string GestoreId, int Patients, int Lines, decimal Total, decimal MmgShares, decimal PaiFees, bool ProvisionalTariffs);

public sealed record MmgRemunerationDto(string MmgId, int Lines, decimal GpShares, decimal PaiFees, decimal Total);

public sealed record RemunerationIssueDto(string PatientId, string PactId, string GestoreId, string Kind, string Message);

/// <summary>What the ATS pays for a year in its territory (amounts in euro, exact to the cent; totals are sums of lines).</summary>
public sealed record RemunerationResponse(
    int Year, string Ats, string Catalogue, bool ProvisionalCatalogue, decimal Total, decimal MmgShares, int Patients,
    IReadOnlyList<GestoreRemunerationDto> Gestori, IReadOnlyList<MmgRemunerationDto> Mmg, IReadOnlyList<RemunerationIssueDto> Issues)
{
    /// <summary>The ATS by name beside its code ("ATS della Città Metropolitana di Milano").</summary>
    public string? AtsName { get; init; }

    public static RemunerationResponse Of(RemunerationResult result, string ats) => new(
        result.Year, ats, result.Catalogue.Label, result.Catalogue.Provisional, result.Total, result.ByAts.Sum(t => t.MmgShares), result.ByAts.Sum(t => t.Patients),
        [.. result.Gestori.Select(g => new GestoreRemunerationDto(g.GestoreId, g.Patients, g.Lines.Count, g.Total, g.MmgShares, g.PaiFees, g.UsesProvisionalTariffs))],
        [.. result.Mmg.Select(m => new MmgRemunerationDto(m.MmgId, m.Lines.Count, m.Lines.Where(l => l.Kind == MmgPayKind.GpShare).Sum(l => l.Amount),
            m.Lines.Where(l => l.Kind == MmgPayKind.PaiFee).Sum(l => l.Amount), m.Total))],
        [.. result.Issues.Select(i => new RemunerationIssueDto(i.Period.PatientId, i.Period.PactId, i.Period.GestoreId, Flows.Remuneration.RemunerationTables.IssueCode(i.Kind), i.Message))]);
}

public static class RemunerationEndpoints
{
    public static void MapRemunerationApi(this RouteGroupBuilder api) =>
        api.MapGet("/remunerazione/{year}", GetAsync)
            .RequireAuthorization(Policies.Ats)
            .WithTags("ATS")
            .WithSummary("Remunerazione annuale dei Gestori e dei MMG del territorio dell'ATS (DGR X/6164/2017): totali per Gestore e per MMG, periodi non pagati.")
            .ProducesValidationProblem();

    private static async Task<Results<Ok<RemunerationResponse>, ValidationProblem>> GetAsync(int year, HttpContext http, RemunerationQuery query, CareCatalogues catalogues, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation();
        if (!RemunerationQuery.IsValidYear(year))
        {
            validation.Add("year", $"anno atteso tra {RemunerationQuery.FirstYear} e {RemunerationQuery.LastYear}");
            return (ValidationProblem)validation.Problem();
        }

        string ats = Actor.From(http.User).Ats;
        var result = await query.RunAsync(year, ats, ct);
        if (result is null)
        {
            validation.Add("year", $"il catalogo {query.Settings.Catalogue.Info.Label} non copre tutto l'anno {year}");
            return (ValidationProblem)validation.Problem();
        }

        return TypedResults.Ok(RemunerationResponse.Of(result, ats) with { AtsName = catalogues.AtsName(ats) });
    }
}
