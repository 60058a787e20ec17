using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Common;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Mmg;

/// <summary>
/// The GP's view of an assistito in charge: what the Gestore did (PAI versions and decisions,
/// bookings, adherence, contacts), read-only; the GP drafts the PAI from the template as the
/// Gestore's collaborator or proposes a change, which the Gestore accepts or rejects.
/// </summary>
public sealed class PazienteModel(PatientAccess access, PatientFileQuery files, CareDesk desk, CareDocumentDownloads documents) : CarePageModel
{
    public PatientFile? Record { get; private set; }

    public async Task<IActionResult> OnGetAsync(string patientId, CancellationToken ct)
    {
        Record = await files.OpenAsync(Me, patientId, "pagina Scheda paziente del MMG", bookingGestoreId: null, ct, withContacts: true);
        return Record is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostDraftAsync(string patientId, string? reason, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "bozza PAI dal modello", async () =>
        {
            var draft = await desk.DraftPaiAsync(Me, patientId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ct);
            return $"Bozza del PAI (versione {draft.Number}, {draft.Items.Count} voci) inviata al Gestore per la validazione.";
        }, ct);

    public async Task<IActionResult> OnGetFirmaAsync(string patientId, long pactId, int? rinnovo, CancellationToken ct) =>
        documents.SignatureScan(await files.OpenAsync(Me, patientId, "scansione del Patto di Cura firmato (MMG)", bookingGestoreId: null, ct), pactId, rinnovo);

    public async Task<IActionResult> OnGetPattoPdfAsync(string patientId, CancellationToken ct) =>
        await documents.PactAsync(await files.OpenAsync(Me, patientId, "PDF del Patto di Cura (MMG)", bookingGestoreId: null, ct), ct);

    public async Task<IActionResult> OnGetPaiPdfAsync(string patientId, CancellationToken ct) =>
        await documents.PaiAsync(await files.OpenAsync(Me, patientId, "PDF del PAI (MMG)", bookingGestoreId: null, ct), ct);

    private Task<IActionResult> OnVisiblePatientAsync(string patientId, string what, Func<Task<string>> operation, CancellationToken ct) =>
        OnVisiblePatientAsync(access, patientId, "MMG: " + what, operation, ct);
}
