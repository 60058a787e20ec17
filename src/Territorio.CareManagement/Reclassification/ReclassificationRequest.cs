using System.Globalization;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;

namespace Territorio.CareManagement.Reclassification;

/// <summary>
/// A Gestore's proposal to change a patient's level or main pathology, decided by the ATS
/// Commission (DGR X/6164/2017 allegato 1: the Gestore proposes reclassification, the ATS updates
/// it). Approved ones are the classification in force for the tariff and the next stratification.
/// </summary>
public sealed class ReclassificationRequest : AggregateRoot
{
    private ReclassificationRequest()
    {
        PatientId = GestoreId = ToPathologies = Reason = RequestedBy = "";
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public string GestoreId { get; private set; }

    public int FromLevel { get; private set; }

    public string? FromMainPathology { get; private set; }

    public int ToLevel { get; private set; }

    public string ToMainPathology { get; private set; } = "";

    public string ToPathologies { get; private set; }

    /// <summary>The pathologies the request adds and removes ("|"-separated); null on requests recorded before they were kept apart.</summary>
    public string? AddedPathologies { get; private set; }

    public string? RemovedPathologies { get; private set; }

    public string Reason { get; private set; }

    public string RequestedBy { get; private set; }

    public DateOnly RequestedOn { get; private set; }

    public RequestStatus Status { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>Set when the patient's Gestore is not accredited at the new level: the patient is offered a change of Gestore.</summary>
    public string? DecisionNote { get; private set; }

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    /// <summary>
    /// The Gestore names the level, the main pathology, and the pathologies to add or remove; the
    /// patient's other pathologies stay as they are (with the stratification's evidence).
    /// </summary>
    public static ReclassificationRequest Propose(PattoDiCura pact, Classification current, int toLevel, string toMainPathology, IReadOnlyList<string> addPathologies, IReadOnlyList<string> removePathologies, Change change)
    {
        if (change.By.Role is not (ActorRole.ClinicalManager or ActorRole.CaseManager) || !change.By.ActsFor(pact.GestoreId))
        {
            throw new CareRuleException($"la riclassificazione del paziente {pact.PatientId} la propone il suo Gestore ({pact.GestoreId})");
        }

        string reason = change.RequireReason("proporre una riclassificazione");
        if (!pact.IsActiveOn(change.Day))
        {
            throw new CareRuleException($"il paziente {pact.PatientId} non ha un patto attivo con il Gestore {pact.GestoreId}");
        }

        if (toLevel is < 1 or > 5)
        {
            throw new CareRuleException($"livello proposto {toLevel} non valido (da 1 a 5)");
        }

        Guard.Text(toMainPathology, "patologia principale proposta");
        if (removePathologies.Contains(toMainPathology))
        {
            throw new CareRuleException($"la patologia principale proposta {toMainPathology} non può essere tolta");
        }

        var pathologies = Reclassified(current.Pathologies, toMainPathology, addPathologies, removePathologies);
        if (toLevel == current.Level && toMainPathology == current.MainPathology && string.Join('|', pathologies) == current.Pathologies)
        {
            throw new CareRuleException($"la proposta non cambia nulla: il paziente {pact.PatientId} è già di livello {toLevel} con patologia principale {toMainPathology}");
        }

        var request = new ReclassificationRequest
        {
            PatientId = pact.PatientId,
            GestoreId = pact.GestoreId,
            FromLevel = current.Level,
            FromMainPathology = current.MainPathology,
            ToLevel = toLevel,
            ToMainPathology = toMainPathology,
            ToPathologies = string.Join('|', pathologies),
            AddedPathologies = string.Join('|', addPathologies),
            RemovedPathologies = string.Join('|', removePathologies),
            Reason = reason,
            RequestedBy = change.By.ToString(),
            RequestedOn = change.Day,
            Status = RequestStatus.Pending,
        };
        request.Record("riclassificazione proposta", change, $"livello {current.Level}→{toLevel}, patologia {current.MainPathology}→{toMainPathology}"
            + (addPathologies.Count > 0 ? $", aggiunte {string.Join(' ', addPathologies)}" : "") + (removePathologies.Count > 0 ? $", tolte {string.Join(' ', removePathologies)}" : ""));
        return request;
    }

    /// <summary>The patient's pathologies after the request: the current ones, the main one first, plus those added, less those removed.</summary>
    public static IReadOnlyList<string> Reclassified(string currentPathologies, string main, IReadOnlyList<string> add, IReadOnlyList<string> remove)
    {
        var kept = currentPathologies.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(add).Where(p => p != main && !remove.Contains(p)).Distinct(StringComparer.Ordinal);
        return [main, .. kept];
    }

    /// <summary>
    /// The Commission approves. <paramref name="pact"/> is the patient's active pact (null: none) and
    /// <paramref name="gestore"/> its Gestore: the pact's level follows from the decision's day
    /// (<see cref="PattoDiCura.FollowReclassification"/>). If the Gestore is not accredited at the
    /// new level, the decision says so: the pact stays until a change of Gestore (DGR X/6164/2017
    /// allegato 1: the Gestore takes in charge the levels it is accredited for; the Commission
    /// decides changes of Gestore).
    /// </summary>
    public void Approve(PattoDiCura? pact, Gestore? gestore, Change change, Classification? current = null)
    {
        if (pact is not null && (pact.PatientId != PatientId || gestore?.Id != pact.GestoreId))
        {
            throw new CareRuleException($"la riclassificazione n.{Id} va decisa sul patto e sul Gestore del paziente {PatientId}");
        }

        Decide(RequestStatus.Approved, change);

        // DGR X/6164/2017 allegato 1 (the ATS updates the classification the Gestore reports on): the
        // decision changes only what the request names, applied to the pathologies in force on the day
        // of the decision — a stratification imported since the proposal may have found others.
        if (current is not null && current.PersonId == PatientId && AddedPathologies is not null && RemovedPathologies is not null)
        {
            ToPathologies = string.Join('|', Reclassified(current.Pathologies, ToMainPathology, Split(AddedPathologies), Split(RemovedPathologies)));
        }

        if (pact is null || !pact.IsActiveOn(change.Day))
        {
            return;
        }

        pact.FollowReclassification(this, change);
        if (CareLevels.IsEligible(ToLevel) && !gestore!.IsEligible(pact.Ats, ToLevel))
        {
            DecisionNote = $"il Gestore {gestore.Name} ({gestore.Id}) non è accreditato per il livello {ToLevel}: al paziente va proposto il cambio di Gestore; il patto in corso resta in vigore fino al cambio";
            Record("cambio di Gestore da proporre", change, DecisionNote);
        }
    }

    private static string[] Split(string pathologies) => pathologies.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public void Reject(Change change)
    {
        change.RequireReason("respingere la riclassificazione");
        Decide(RequestStatus.Rejected, change);
    }

    /// <summary>The classification this request puts in force once approved.</summary>
    public Classification? AsClassification() => Status == RequestStatus.Approved && DecidedOn is { } on
        ? new Classification(PatientId, ToLevel, ToMainPathology, ToPathologies, on, $"riclassificazione n.{Id}")
        : null;

    private void Decide(RequestStatus outcome, Change change)
    {
        Guard.Role(change, "decisione sulla riclassificazione", ActorRole.AtsCommission);
        if (Status != RequestStatus.Pending)
        {
            throw new CareRuleException($"la riclassificazione {Id} è già stata decisa");
        }

        Status = outcome;
        DecidedBy = change.By.ToString();
        DecidedOn = change.Day;
        DecisionReason = change.Reason;
        Record(outcome == RequestStatus.Approved ? "riclassificazione approvata" : "riclassificazione respinta", change);
    }
}
