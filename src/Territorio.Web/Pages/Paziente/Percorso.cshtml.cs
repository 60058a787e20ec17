using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Paziente;

/// <summary>
/// The patient's own pact, PAI and appointments; before a pact, the Gestori they may choose and
/// "Chiedo la presa in carico" (DGR X/6164/2017 allegato 1: the patient freely chooses the Gestore).
/// </summary>
public sealed class PercorsoModel(PatientFileQuery files, CareDocumentDownloads documents, CareServices care, TimeProvider clock) : CarePageModel
{
    public PatientFile? Record { get; private set; }

    /// <summary>Shown only while the patient has no active pact.</summary>
    public EnrolmentChoice? Choice { get; private set; }

    /// <summary>Shown while the patient's Gestore is not accredited at the level in force of their pact.</summary>
    public ChangeOffer? Offer { get; private set; }

    /// <summary>The patient's active pact when it is in its renewal window today (they may confirm the renewal), else null.</summary>
    public CareManagement.Pacts.PattoDiCura? Renewable => Record?.ActivePact is { } pact && pact.IsInRenewalWindowOn(ItalianTime.Today(clock)) ? pact : null;

    /// <summary>The names of the appointments' services, erogatori and sites.</summary>
    public Api.AgendaNames? Agenda { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = Me;
        Record = await files.OpenAsync(actor, actor.PersonId!, "pagina Il mio percorso", bookingGestoreId: null, ct);
        if (Record is null)
        {
            return NotFound();
        }

        Agenda = await Api.AgendaNames.LoadAsync(care, [actor.PersonId!], Record.Bookings.Select(b => b.ErogatoreId), ct);
        if (Record.ActivePact is null)
        {
            Choice = await care.Enrolment.ChoiceOfAsync(actor.PersonId!, ct);
        }
        else
        {
            Offer = await care.Enrolment.ChangeOfferAsync(actor.PersonId!, ct);
        }

        return Page();
    }

    /// <summary>"Chiedo la presa in carico": the patient's own request to the Gestore they chose.</summary>
    public Task<IActionResult> OnPostRichiestaAsync(string? gestoreId, CancellationToken ct) =>
        RunAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(gestoreId))
            {
                throw new RefusedException("scegliere il Gestore a cui chiedere la presa in carico");
            }

            var request = await care.Enrolment.RequestEnrolmentAsync(Me.PersonId!, gestoreId.Trim(), CareActors.OfPatient(Me), ct);
            var gestori = await PeopleNames.GestoriAsync(care.Db, [request.GestoreId], ct);
            return $"Richiesta di presa in carico inviata al Gestore {gestori.GetValueOrDefault(request.GestoreId, request.GestoreId)} il {ItalianFormat.Date(request.RequestedOn)}: il Gestore la vede e firma con lei/lui il Patto di Cura.";
        });

    /// <summary>
    /// The patient confirms the renewal of their pact from their own page (DGR X/6164/2017 allegato 1:
    /// the patient confirms the pact each year); the Gestore's operator then countersigns it.
    /// </summary>
    public Task<IActionResult> OnPostRinnovoAsync(CancellationToken ct) =>
        RunAsync(async () =>
        {
            var pact = await care.Enrolment.ConfirmRenewalAsync(Me.PersonId!, CareActors.OfPatient(Me), ct);
            return $"Rinnovo del Patto di Cura confermato il {ItalianFormat.Date(pact.RenewalConfirmedOn!.Value)}: il Gestore lo completerà con la controfirma di un suo operatore.";
        });

    /// <summary>The patient chooses a new Gestore accredited at their new level (DGR X/6164/2017 allegato 1: the patient freely chooses the Gestore).</summary>
    public Task<IActionResult> OnPostCambioAsync(string? gestoreId, string? decorrenza, CancellationToken ct) =>
        RunAsync(() => ChangeOfferView.ChooseAsync(care, Me.PersonId!, gestoreId, decorrenza, CareActors.OfPatient(Me), ct));

    public async Task<IActionResult> OnGetPattoPdfAsync(CancellationToken ct)
    {
        var actor = Me;
        return await documents.PactAsync(await files.OpenAsync(actor, actor.PersonId!, "PDF del mio Patto di Cura", bookingGestoreId: null, ct), ct);
    }

    public async Task<IActionResult> OnGetPaiPdfAsync(CancellationToken ct)
    {
        var actor = Me;
        return await documents.PaiAsync(await files.OpenAsync(actor, actor.PersonId!, "PDF del mio PAI", bookingGestoreId: null, ct), ct);
    }

    public async Task<IActionResult> OnGetFirmaAsync(long pactId, int? rinnovo, CancellationToken ct)
    {
        var actor = Me;
        return documents.SignatureScan(await files.OpenAsync(actor, actor.PersonId!, "scansione del mio Patto di Cura firmato", bookingGestoreId: null, ct), pactId, rinnovo);
    }
}
