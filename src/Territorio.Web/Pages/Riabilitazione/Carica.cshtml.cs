using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Riabilitazione;

/// <summary>
/// The ATS uploads an SDO file: it is streamed to a temporary file (never held in memory), checked
/// by DM 5/8/2021 and kept as a run of the ATS. The antiforgery token is checked by
/// <see cref="SdoUploadForm"/> as the form streams in, hence no automatic check here.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class CaricaModel(RehabRunUpload upload, RehabPipelineAdapter pipeline, SdoLayouts layouts, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions) : PageModel
{
    public string Ats => Actor.From(User).Ats;

    public int MaxMegabytes => upload.Options.MaxUploadMegabytes;

    public string RuleSetLabel => $"{pipeline.Rules.Id} v{pipeline.Rules.Version}";

    public bool Provisional => pipeline.Rules.IsProvisional;

    /// <summary>The diagnosis → MDC table an empty MDC is derived from (setting Riabilitazione:MdcTable).</summary>
    public string? MdcTable => pipeline.MdcTableDescription;

    public string ScaleMode => RehabPrecheck.RuleSetOf(pipeline.Rules).ScaleMode;

    public string? Error { get; private set; }

    /// <summary>The shipped layouts the form offers, Territorio's first (decision 0146).</summary>
    public IReadOnlyList<SdoLayoutOption> Layouts => layouts.Shipped();

    /// <summary>The layout chosen: Territorio's at first, the user's choice again after a refusal.</summary>
    public string Layout => HttpContext.Items[SdoUploadForm.LayoutField] as string ?? SdoLayouts.Default;

    public void OnGet()
    {
    }

    // No handler parameters: binding any (even a CancellationToken) makes the framework read the whole form first.
    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        UploadOutcome outcome;
        try
        {
            outcome = await upload.ImportAsync(() => SdoUploadForm.ReadAsync(HttpContext, antiforgery, antiforgeryOptions.Value, upload.Options, layouts, ct), Actor.From(User), ct);
        }
        catch (AntiforgeryValidationException)
        {
            return BadRequest();
        }

        if (outcome.Run is { } run)
        {
            return RedirectToPage("/Riabilitazione/Esecuzione", new { runId = run.Id });
        }

        Error = outcome.Error;
        Response.StatusCode = outcome.Status;
        return Page();
    }
}
