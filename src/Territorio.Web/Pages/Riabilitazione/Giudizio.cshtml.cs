using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Territorio.CareManagement.Application;
using Territorio.Flows.Printing;
using Territorio.Flows.Reference;
using Territorio.Rehab.Contests;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Riabilitazione;

/// <summary>
/// One verdict of a run, and its PDF: the admission, the linked acute stay, every check with its
/// article and the annex entries it matched. Same tenancy as the run: the ATS sees every verdict
/// of its runs, a structure only its own admissions (another's answers 404). Both see the
/// verdict's contest; the structure contests it here, the ATS decides it here (decision 0200).
/// </summary>
public sealed class GiudizioModel(RehabRunQuery query, VerdictContests contests, CareServices care, RehabPipelineAdapter pipeline, ReferenceData reference, IConfiguration configuration) : PageModel
{
    public RehabVerdictSheet? Sheet { get; private set; }

    public VerdictContest? Contest { get; private set; }

    /// <summary>"Name (code)" of the admission's structure, the code alone when the registry does not know it.</summary>
    public string StructureLabel { get; private set; } = "";

    public bool CanContest { get; private set; }

    public bool CanDecide { get; private set; }

    [BindProperty]
    public string? Nota { get; set; }

    [BindProperty]
    public string? Esito { get; set; }

    [BindProperty]
    public string? Motivazione { get; set; }

    /// <summary>The refusal of the last post, by field ("nota", "esito", "motivazione", "giudizio").</summary>
    public (string Field, string Message)? Refusal { get; private set; }

    /// <summary>After a successful post (redirected here with <c>fatto</c>): what was recorded.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(long runId, long line, CancellationToken ct) =>
        await LoadAsync(runId, line, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(long runId, long line, CancellationToken ct)
    {
        if (!await LoadAsync(runId, line, ct))
        {
            return NotFound();
        }

        if (!PdfLicense.TryApply(configuration[PdfLicense.SettingKey]))
        {
            return StatusCode(StatusCodes.Status503ServiceUnavailable, PdfLicense.MissingMessage);
        }

        var pdf = new MemoryStream();
        Sheet!.WritePdf(pdf);
        pdf.Position = 0;
        return File(pdf, "application/pdf", $"giudizio-{runId}-{Sheet.Verdict.RecordId}.pdf");
    }

    public Task<IActionResult> OnPostContestAsync(long runId, long line, CancellationToken ct) =>
        PostAsync(runId, line, (actor, view, verdict) => contests.OpenAsync(actor, view, verdict, Nota, ct), ct);

    public Task<IActionResult> OnPostDecideAsync(long runId, long line, CancellationToken ct) =>
        PostAsync(runId, line, (actor, view, verdict) => contests.DecideAsync(actor, view, verdict.Line, Esito, Motivazione, ct), ct);

    private async Task<IActionResult> PostAsync(long runId, long line, Func<Actor, RehabRunView, Data.Rehab.RehabRunVerdict, Task<VerdictContest>> act, CancellationToken ct)
    {
        if (!await LoadAsync(runId, line, ct))
        {
            return NotFound();
        }

        try
        {
            await act(Actor.From(User), Sheet!.View, Sheet.Verdict);
            return RedirectToPage(new { runId, line, fatto = true });
        }
        catch (ContestRefusedException refused)
        {
            Refusal = (refused.Field, refused.Message);
            Response.StatusCode = refused.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<bool> LoadAsync(long runId, long line, CancellationToken ct)
    {
        var actor = Actor.From(User);
        var view = await query.OpenAsync(actor, runId, ct);
        if (view is null || await query.VerdictAsync(view, line, ct) is not { } verdict)
        {
            return false;
        }

        StructureLabel = (await care.Organisations.StructureNamesAsync([verdict.StructureId], ct)).GetValueOrDefault(verdict.StructureId, verdict.StructureId);
        Sheet = RehabVerdictSheet.Of(view, verdict, pipeline.Rules, reference, StructureLabel, care.Catalogues.AtsLabel(view.Run.Ats));
        Contest = await contests.OfVerdictAsync(view, line, ct);
        CanContest = actor.IsStruttura && Contest is null;
        CanDecide = actor.IsAts && Contest is { IsOpen: true };
        if (Request.Query.ContainsKey("fatto") && Contest is not null)
        {
            Done = Contest.IsOpen ? "Contestazione registrata: l'ATS deciderà." : "Decisione registrata.";
        }

        return true;
    }

    public string? ErrorOf(string field) => Refusal is { } r && r.Field == field ? r.Message : null;
}
