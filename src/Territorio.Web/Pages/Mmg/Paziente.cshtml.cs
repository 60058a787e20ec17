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
public sealed class PazienteModel(CareServices care, PatientAccess access, PatientFileQuery files, CareDesk desk) : CarePageModel
{
    public PatientFile? Record { get; private set; }

    public IReadOnlyDictionary<string, string> Nomenclator => care.Catalogues.Vocabulary.Services;

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

    public Task<IActionResult> OnPostProposeAsync(string patientId, List<ServiceEdit> services, string? newCode, int? newPerYear, string? reason, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "proposta di modifica del PAI", async () =>
        {
            var basis = (await care.Pai.FindAsync(patientId, ct))?.ActiveVersion
                ?? throw new CareRuleException($"il paziente {patientId} non ha un PAI in vigore: redigere una bozza dal modello");
            var items = PaiItemsInput.Edit(basis, services, newCode, newPerYear, care.Catalogues.Vocabulary);
            var proposal = await desk.ProposePaiAsync(Me, patientId, items, reason, ct);
            return $"Proposta di modifica (versione {proposal.Number}) inviata al Gestore.";
        }, ct);

    private Task<IActionResult> OnVisiblePatientAsync(string patientId, string what, Func<Task<string>> operation, CancellationToken ct) =>
        OnVisiblePatientAsync(access, patientId, "MMG: " + what, operation, ct);
}
