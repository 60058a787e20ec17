using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

/// <summary>
/// The case manager's patient file: pathologies with evidence, pact, PAI versions, MMG proposals
/// to decide, bookings (book, reschedule, cancel), adherence and contacts.
/// </summary>
public sealed class PazienteModel(CareServices care, PatientAccess access, PatientFileQuery files, CareDesk desk, CareDocumentDownloads documents) : CarePageModel
{
    public PatientFile? Record { get; private set; }

    /// <summary>Only the Gestore's clinical manager writes the PAI and decides MMG proposals (DGR X/6164/2017; enforced by the care domain).</summary>
    public bool CanWritePai => Me.Roles.Contains(TerritorioRoles.GestoreResponsabileClinico);

    public IReadOnlyDictionary<string, string[]> NoErrors { get; } = new Dictionary<string, string[]>();

    /// <summary>The patient's requests to the ATS Commission, newest first.</summary>
    public IReadOnlyList<Territorio.CareManagement.Reclassification.ReclassificationRequest> Reclassifications { get; private set; } = [];

    public IReadOnlyList<Territorio.CareManagement.Pacts.ChangeOfGestoreRequest> Changes { get; private set; } = [];

    /// <summary>The Gestori of the ATS's list a change may go to (not this one).</summary>
    public IReadOnlyList<Territorio.CareManagement.Application.Gestori.EligibleGestore> OtherGestori { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Pathologies => care.Catalogues.Pathologies;

    /// <summary>A change of Gestore is asked by the case manager on the patient's behalf (the care rules decide who may).</summary>
    public bool CanRequestChange => Me.Roles.Contains(TerritorioRoles.GestoreCaseManager);

    public async Task<IActionResult> OnGetAsync(string patientId, CancellationToken ct)
    {
        Record = await files.OpenAsync(Me, patientId, "pagina Scheda paziente del Gestore", Me.GestoreId, ct, withContacts: true);
        if (Record is null)
        {
            return NotFound();
        }

        Reclassifications = await care.Reclassification.OfPatientAsync(patientId, ct);
        Changes = await care.Enrolment.ChangesOfAsync(patientId, ct);
        OtherGestori = [.. (await care.Gestori.EligibleAsync(Me.Ats, null, ct)).Where(g => g.Id != Me.GestoreId)];
        return Page();
    }

    /// <summary>DGR X/6164/2017 allegato 1: the Gestore proposes a reclassification, the ATS Commission decides it.</summary>
    public Task<IActionResult> OnPostReclassifyAsync(string patientId, int? level, string? mainPathology, List<string>? otherPathologies, string? evidence, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "proposta di riclassificazione", async () =>
        {
            var validation = new ApiProblems.Validation();
            if (level is not (>= 1 and <= 3))
            {
                validation.Add("level", "scegliere il livello proposto (1, 2 o 3)");
            }

            if (string.IsNullOrWhiteSpace(mainPathology))
            {
                validation.Add("mainPathology", "scegliere la patologia principale proposta");
            }

            // The Commission decides on evidence: the proposal says what the Gestore found.
            if (string.IsNullOrWhiteSpace(evidence))
            {
                validation.Add("evidence", "descrivere le evidenze cliniche che motivano la proposta");
            }

            ThrowIfInvalid(validation);
            var others = (otherPathologies ?? []).Where(c => !string.IsNullOrWhiteSpace(c) && c != mainPathology).Distinct().ToList();
            var request = await care.Reclassification.ProposeAsync(patientId, level!.Value, mainPathology!, others, CareActors.OfGestore(Me), evidence!.Trim(), ct);
            return $"Riclassificazione n.{request.Id} proposta alla Commissione ATS: livello {request.FromLevel} → {request.ToLevel}, patologia principale {PathologyLabel(request.ToMainPathology)}.";
        }, ct);

    /// <summary>DGR X/6164/2017 allegato 1: the Commission decides the justified changes of Gestore.</summary>
    public Task<IActionResult> OnPostRequestChangeAsync(string patientId, string? toGestore, string? effective, string? reason, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "richiesta di cambio Gestore", async () =>
        {
            var validation = new ApiProblems.Validation();
            if (string.IsNullOrWhiteSpace(toGestore))
            {
                validation.Add("toGestore", "scegliere il nuovo Gestore");
            }

            var from = AuditEndpoints.ParseDay(effective, "effective", validation);
            if (from is null && validation.IsValid)
            {
                validation.Add("effective", "indicare la data di decorrenza");
            }

            if (string.IsNullOrWhiteSpace(reason))
            {
                validation.Add("reason", "indicare il motivo del cambio");
            }

            ThrowIfInvalid(validation);
            var request = await care.Enrolment.RequestChangeAsync(patientId, toGestore!, from!.Value, CareActors.OfGestore(Me), reason!.Trim(), ct);
            return $"Richiesta di cambio Gestore n.{request.Id} inviata alla Commissione ATS: verso {request.ToGestoreId} dal {ItalianFormat.Date(request.EffectiveDate)}.";
        }, ct);

    public string PathologyLabel(string? code) => code is null ? "—" : Pathologies.TryGetValue(code, out var name) ? $"{code} {name}" : code;

    private static void ThrowIfInvalid(ApiProblems.Validation validation)
    {
        if (!validation.IsValid)
        {
            throw new RefusedException(string.Join("; ", validation.Errors.SelectMany(e => e.Value)));
        }
    }

    public Task<IActionResult> OnPostWriteFromTemplateAsync(string patientId, string? reason, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "scrittura PAI dal modello", async () =>
        {
            var version = await desk.WritePaiFromTemplateAsync(Me, patientId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ct);
            return $"PAI versione {version.Number} scritto dal modello: {version.Items.Count} voci.";
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
            return $"Prenotata {booking.ServiceCode} il {ItalianFormat.Date(booking.Date)} alle {booking.Start:HH\\:mm} presso {booking.ErogatoreId}.";
        }, ct);

    public Task<IActionResult> OnPostRescheduleAsync(string patientId, long bookingId, long slotId, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "spostamento prenotazione", async () =>
        {
            var booking = await desk.RescheduleAsync(Me, patientId, bookingId, slotId, null, ct);
            return $"Prenotazione spostata al {ItalianFormat.Date(booking.Date)} alle {booking.Start:HH\\:mm}.";
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
