using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Paziente;

/// <summary>The patient's own pact, PAI and appointments, read-only.</summary>
public sealed class PercorsoModel(PatientFileQuery files, CareDocumentDownloads documents) : PageModel
{
    public PatientFile? Record { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Record = await files.OpenAsync(actor, actor.PersonId!, "pagina Il mio percorso", bookingGestoreId: null, ct);
        return Record is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetPattoPdfAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        return await documents.PactAsync(await files.OpenAsync(actor, actor.PersonId!, "PDF del mio Patto di Cura", bookingGestoreId: null, ct), ct);
    }

    public async Task<IActionResult> OnGetPaiPdfAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        return await documents.PaiAsync(await files.OpenAsync(actor, actor.PersonId!, "PDF del mio PAI", bookingGestoreId: null, ct), ct);
    }
}
