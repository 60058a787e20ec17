using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Territorio.Flows.Printing;
using Territorio.Flows.Reference;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Riabilitazione;

/// <summary>
/// One verdict of a run, and its PDF: the admission, the linked acute stay, every check with its
/// article and the annex entries it matched. Same tenancy as the run: the ATS sees every verdict
/// of its runs, a structure only its own admissions (another's answers 404).
/// </summary>
public sealed class GiudizioModel(RehabRunQuery query, RehabPipelineAdapter pipeline, ReferenceData reference, IConfiguration configuration) : PageModel
{
    public RehabVerdictSheet? Sheet { get; private set; }

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

    private async Task<bool> LoadAsync(long runId, long line, CancellationToken ct)
    {
        var view = await query.OpenAsync(Actor.From(User), runId, ct);
        if (view is null || await query.VerdictAsync(view, line, ct) is not { } verdict)
        {
            return false;
        }

        Sheet = RehabVerdictSheet.Of(view, verdict, pipeline.Rules, reference.Icd9Cm);
        return true;
    }
}
