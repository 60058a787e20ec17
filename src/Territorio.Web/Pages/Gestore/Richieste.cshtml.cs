using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Application.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Reclassification;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

/// <summary>
/// The patient's requests to the ATS Commission (DGR X/6164/2017 allegato 1): the Gestore's
/// reclassification proposals with their clinical evidence and the justified changes of Gestore,
/// beside the pathologies and evidence of the classification in force; their state and decisions.
/// Apart from the patient file, which the case manager opens many times a day.
/// </summary>
public sealed class RichiesteModel(CareServices care, PatientAccess access, PatientFileQuery files) : CarePageModel
{
    public PatientFile? Record { get; private set; }

    public IReadOnlyDictionary<string, string[]> NoErrors { get; } = new Dictionary<string, string[]>();

    /// <summary>The patient's requests to the ATS Commission, newest first.</summary>
    public IReadOnlyList<ReclassificationRequest> Reclassifications { get; private set; } = [];

    public IReadOnlyList<ChangeOfGestoreRequest> Changes { get; private set; } = [];

    /// <summary>The Gestori of the ATS's list a change may go to (not this one).</summary>
    public IReadOnlyList<EligibleGestore> OtherGestori { get; private set; } = [];

    /// <summary>"Name (code)" of the Gestori the patient's changes go from and to.</summary>
    public IReadOnlyDictionary<string, string> GestoreNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Pathologies => care.Catalogues.Pathologies;

    /// <summary>The change of Gestore the patient is offered: this Gestore is not accredited at the level in force.</summary>
    public ChangeOffer? Offer { get; private set; }

    /// <summary>A change of Gestore is asked by the case manager on the patient's behalf (the care rules decide who may).</summary>
    public bool CanRequestChange => Me.Roles.Contains(TerritorioRoles.GestoreCaseManager);

    public async Task<IActionResult> OnGetAsync(string patientId, CancellationToken ct)
    {
        Record = await files.OpenAsync(Me, patientId, "pagina Richieste alla Commissione del Gestore", Me.GestoreId, ct);
        if (Record is null)
        {
            return NotFound();
        }

        Reclassifications = await care.Reclassification.OfPatientAsync(patientId, ct);
        Changes = await care.Enrolment.ChangesOfAsync(patientId, ct);
        GestoreNames = await PeopleNames.GestoriAsync(care.Db, Changes.SelectMany(c => new[] { c.FromGestoreId, c.ToGestoreId }), ct);
        Offer = await care.Enrolment.ChangeOfferAsync(patientId, ct);
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
            var to = await PeopleNames.GestoriAsync(care.Db, [request.ToGestoreId], ct);
            return $"Richiesta di cambio Gestore n.{request.Id} inviata alla Commissione ATS: verso {to.GetValueOrDefault(request.ToGestoreId, request.ToGestoreId)} dal {ItalianFormat.Date(request.EffectiveDate)}.";
        }, ct);

    public string PathologyLabel(string? code) => code is null ? "—" : Pathologies.TryGetValue(code, out var name) ? $"{code} {name}" : code;

    private static void ThrowIfInvalid(ApiProblems.Validation validation)
    {
        if (!validation.IsValid)
        {
            throw new RefusedException(string.Join("; ", validation.Errors.SelectMany(e => e.Value)));
        }
    }


    private Task<IActionResult> OnVisiblePatientAsync(string patientId, string what, Func<Task<string>> operation, CancellationToken ct) =>
        OnVisiblePatientAsync(access, patientId, "Gestore: " + what, operation, ct);
}
