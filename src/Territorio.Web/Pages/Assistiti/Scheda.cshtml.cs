using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.Flows.Printing;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Assistiti;

public sealed class SchedaModel(PatientAccess access, CareServices care, IConfiguration configuration, TimeProvider clock) : CarePageModel
{
    public PatientSummary? Patient { get; private set; }

    /// <summary>The GP by name and code.</summary>
    public string? DoctorName { get; private set; }

    /// <summary>Whether the ATS has invited this patient (the letter can be printed again).</summary>
    public bool HasLetter { get; private set; }

    /// <summary>The change of Gestore the patient is offered (ATS only): their Gestore is not accredited at the level in force.</summary>
    public ChangeOffer? Offer { get; private set; }

    /// <summary>The ATS operator may choose the new Gestore on the patient's behalf.</summary>
    public bool CanChooseForPatient => Actor.From(User).Roles.Contains(TerritorioRoles.AtsOperatore);

    /// <summary>The ATS operator records a death by hand (the controller only reads).</summary>
    public bool CanRecordDeath => CanChooseForPatient;

    public async Task<IActionResult> OnGetAsync(string patientId, CancellationToken cancellationToken)
    {
        var patient = await access.OpenAsync(Actor.From(User), patientId, "pagina Scheda assistito", cancellationToken);
        if (patient is null)
        {
            return NotFound();
        }

        Patient = PatientSummary.Of(patient, ItalianTime.Today(clock));
        DoctorName = await PeopleNames.DoctorAsync(care.Db, patient.MmgId, cancellationToken);
        HasLetter = Actor.From(User).IsAts && await care.Enrolment.LatestLetterAsync(patient.Id, cancellationToken) is not null;
        Offer = Actor.From(User).IsAts ? await care.Enrolment.ChangeOfferAsync(patient.Id, cancellationToken) : null;
        return Page();
    }

    /// <summary>The ATS chooses, on the patient's behalf, a new Gestore accredited at the level in force (DGR X/6164/2017 allegato 1).</summary>
    public Task<IActionResult> OnPostCambioAsync(string patientId, string? gestoreId, string? decorrenza, CancellationToken cancellationToken) =>
        OnVisiblePatientAsync(access, patientId, "ATS: cambio di Gestore per conto del paziente", () => CanChooseForPatient
            ? ChangeOfferView.ChooseAsync(care, patientId, gestoreId, decorrenza, CareActors.AtsOperator(Actor.From(User)), cancellationToken)
            : throw new RefusedException("il cambio di Gestore per conto del paziente lo chiede un operatore ATS"), cancellationToken);

    /// <summary>The ATS prints again the invitation letter it sent (DGR X/6164/2017 allegato 1: the ATS informs the patient).</summary>

    public async Task<IActionResult> OnGetLetteraAsync(string patientId, CancellationToken cancellationToken)
    {
        var actor = Actor.From(User);
        if (!actor.IsAts || await access.OpenAsync(actor, patientId, "lettera di invito (PDF)", cancellationToken) is null
            || await care.Enrolment.LatestLetterAsync(patientId, cancellationToken) is not { } letter)
        {
            return NotFound();
        }

        if (!PdfLicense.TryApply(configuration[PdfLicense.SettingKey]))
        {
            return StatusCode(StatusCodes.Status503ServiceUnavailable, PdfLicense.MissingMessage);
        }

        var pdf = new MemoryStream();
        CareDocuments.WriteLetter(letter, care.Catalogues.AtsLabel(letter.Letter.Ats), pdf);
        return File(pdf.ToArray(), "application/pdf", $"lettera-{patientId}.pdf");
    }
}
