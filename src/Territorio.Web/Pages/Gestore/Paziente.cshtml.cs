using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

/// <summary>
/// The case manager's patient file: pathologies with evidence, pact, PAI versions, MMG proposals
/// to decide, bookings (book, reschedule, cancel), adherence and contacts.
/// </summary>
public sealed class PazienteModel(PatientAccess access, PatientFileQuery files, CareDesk desk, CareDocumentDownloads documents, CareServices care, TimeProvider clock) : CarePageModel
{
    public PatientFile? Record { get; private set; }

    /// <summary>Only the Gestore's clinical manager writes the PAI and decides MMG proposals (DGR X/6164/2017; enforced by the care domain).</summary>
    public bool CanWritePai => Me.Roles.Contains(TerritorioRoles.GestoreResponsabileClinico);

    public IReadOnlyDictionary<string, string[]> NoErrors { get; } = new Dictionary<string, string[]>();

    /// <summary>The active pact when it is in its renewal window today (the renewal form shows), else null.</summary>
    public PattoDiCura? Renewable => Record?.ActivePact is { } pact && pact.IsInRenewalWindowOn(ItalianTime.Today(clock)) ? pact : null;

    public async Task<IActionResult> OnGetAsync(string patientId, CancellationToken ct)
    {
        Record = await files.OpenAsync(Me, patientId, "pagina Scheda paziente del Gestore", Me.GestoreId, ct, withContacts: true);
        return Record is null ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostWriteFromTemplateAsync(string patientId, string? reason, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "scrittura PAI dal modello", async () =>
        {
            var version = await desk.WritePaiFromTemplateAsync(Me, patientId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ct);
            return $"PAI versione {version.Number} scritto dal modello: {version.Items.Count} voci.";
        }, ct);

    public async Task<IActionResult> OnGetFirmaAsync(string patientId, long pactId, int? rinnovo, CancellationToken ct) =>
        documents.SignatureScan(await files.OpenAsync(Me, patientId, "scansione del Patto di Cura firmato (Gestore)", Me.GestoreId, ct), pactId, rinnovo);

    /// <summary>
    /// The operator renews the pact on the patient's signature: the scan of the renewal signed on
    /// paper, or the patient's confirmation from their page, countersigned (DGR X/6164/2017 allegato 1).
    /// </summary>
    public Task<IActionResult> OnPostRenewAsync(string patientId, long pactId, string? signatureMethod, IFormFile? signatureScan, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "rinnovo del Patto di Cura", async () =>
        {
            var validation = new ApiProblems.Validation();
            var (method, scan) = PactSignatureInput.Read(null, signatureMethod, await PactSignatureInput.ReadUploadAsync(signatureScan, ct), validation);
            if (!validation.IsValid)
            {
                throw new RefusedException(string.Join("; ", validation.Errors.SelectMany(e => e.Value)));
            }

            var renewed = await desk.RenewPactAsync(Me, pactId, method!.Value, scan, ct);
            return $"Patto di Cura rinnovato fino al {ItalianFormat.Date(renewed.EndDate)}: {PactSignatures.Describe(renewed.RenewalHistory[^1])}.";
        }, ct);

    public async Task<IActionResult> OnGetPattoPdfAsync(string patientId, CancellationToken ct) =>
        await documents.PactAsync(await files.OpenAsync(Me, patientId, "PDF del Patto di Cura (Gestore)", Me.GestoreId, ct), ct);

    public async Task<IActionResult> OnGetPaiPdfAsync(string patientId, CancellationToken ct) =>
        await documents.PaiAsync(await files.OpenAsync(Me, patientId, "PDF del PAI (Gestore)", Me.GestoreId, ct), ct);

    public Task<IActionResult> OnPostDecideAsync(string patientId, bool? accept, string? reason, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "decisione sulla proposta del MMG", async () =>
        {
            var decision = accept ?? throw new RefusedException("scegliere se accettare o respingere la proposta");
            var accepted = await desk.DecideProposalAsync(Me, patientId, decision, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ct);
            return accepted is null ? "Proposta del MMG respinta." : $"Proposta del MMG accettata: versione {accepted.Number} in vigore.";
        }, ct);

    public Task<IActionResult> OnPostBookAsync(string patientId, long slotId, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "prenotazione", async () =>
        {
            var booking = await desk.BookAsync(Me, patientId, slotId, ct);
            return $"Prenotata {care.Catalogues.ServiceLabel(booking.ServiceCode)} il {ItalianFormat.Date(booking.Date)} alle {booking.Start:HH\\:mm} presso {await PeopleNames.ErogatoreAsync(care.Db, booking.ErogatoreId, ct)}.";
        }, ct);

    public Task<IActionResult> OnPostRescheduleAsync(string patientId, long bookingId, long slotId, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "spostamento prenotazione", async () =>
        {
            var booking = await desk.RescheduleAsync(Me, patientId, bookingId, slotId, null, ct);
            return $"Prenotazione spostata al {ItalianFormat.Date(booking.Date)} alle {booking.Start:HH\\:mm} presso {await PeopleNames.ErogatoreAsync(care.Db, booking.ErogatoreId, ct)}.";
        }, ct);

    public Task<IActionResult> OnPostCancelAsync(string patientId, long bookingId, string? reason, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "disdetta prenotazione", async () =>
        {
            await desk.CancelAsync(Me, patientId, bookingId, reason, ct);
            return $"Prenotazione {bookingId} disdetta.";
        }, ct);

    public Task<IActionResult> OnPostContactAsync(string patientId, string? kind, string? date, string? outcome, string? note, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "registrazione contatto", async () =>
        {
            var validation = new ApiProblems.Validation();
            if (!ContactNames.TryParseKind(kind, out var contactKind))
            {
                validation.Add("kind", "scegliere il tipo di contatto");
            }

            if (!ContactNames.TryParseOutcome(outcome, out var contactOutcome))
            {
                validation.Add("outcome", "scegliere l'esito del contatto");
            }

            var on = AuditEndpoints.ParseDay(date, "date", validation);
            if (!validation.IsValid)
            {
                throw new RefusedException(string.Join("; ", validation.Errors.SelectMany(e => e.Value)));
            }

            var contact = await desk.RecordContactAsync(Me, patientId, contactKind, on, contactOutcome, note, ct);
            return $"Contatto registrato: {ContactNames.Italian(contact.Kind)} del {ItalianFormat.Date(contact.Date)}, {ContactNames.Italian(contact.Outcome)}.";
        }, ct);

    private Task<IActionResult> OnVisiblePatientAsync(string patientId, string what, Func<Task<string>> operation, CancellationToken ct) =>
        OnVisiblePatientAsync(access, patientId, "Gestore: " + what, operation, ct);
}
