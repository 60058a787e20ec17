using System.Globalization;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;

namespace Territorio.CareManagement.Pacts;

public enum RequestStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A justified change of Gestore, decided by the ATS Commission (DGR X/6164/2017 allegato 1:
/// the Commission decides "cambi motivati di Gestore"). Approval does not move the patient: the
/// change takes effect on its date, when the patient signs the pact with the new Gestore; only then
/// the old pact closes (the day before) and the new one starts. Until then the old pact runs.
/// </summary>
public sealed class ChangeOfGestoreRequest : AggregateRoot
{
    private ChangeOfGestoreRequest()
    {
        PatientId = FromGestoreId = ToGestoreId = Reason = RequestedBy = "";
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public long PactId { get; private set; }

    public string FromGestoreId { get; private set; }

    public string ToGestoreId { get; private set; }

    public DateOnly EffectiveDate { get; private set; }

    public string Reason { get; private set; }

    public string RequestedBy { get; private set; }

    public DateOnly RequestedOn { get; private set; }

    public RequestStatus Status { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public string? DecisionReason { get; private set; }

    public long? NewPactId { get; private set; }

    /// <summary>Approved, and the patient has not signed the new pact yet.</summary>
    public bool AwaitsSignature => Status == RequestStatus.Approved && NewPactId is null;

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    public static ChangeOfGestoreRequest Submit(PattoDiCura current, Gestore to, DateOnly effectiveDate, int levelInForce, Change change)
    {
        Guard.Role(change, "richiesta di cambio Gestore", ActorRole.Patient, ActorRole.CaseManager, ActorRole.Mmg, ActorRole.Ats, ActorRole.System);
        string reason = change.RequireReason("chiedere il cambio di Gestore");
        if (!current.IsActiveOn(change.Day))
        {
            throw new CareRuleException($"il patto {current.Id} non è attivo: il cambio di Gestore non serve, si firma un nuovo patto");
        }

        if (to.Id == current.GestoreId)
        {
            throw new CareRuleException($"il paziente {current.PatientId} è già in carico al Gestore {to.Id}");
        }

        if (effectiveDate <= current.StartDate)
        {
            throw new CareRuleException($"il cambio deve decorrere dopo l'inizio del patto in corso ({current.StartDate:dd/MM/yyyy})");
        }

        // The new Gestore must be accredited for the level in force (after a reclassification, not the pact's original one).
        to.EnsureEligible(current.Ats, levelInForce);
        var request = new ChangeOfGestoreRequest
        {
            PatientId = current.PatientId,
            PactId = current.Id,
            FromGestoreId = current.GestoreId,
            ToGestoreId = to.Id,
            EffectiveDate = effectiveDate,
            Reason = reason,
            RequestedBy = change.By.ToString(),
            RequestedOn = change.Day,
            Status = RequestStatus.Pending,
        };
        request.Record("cambio Gestore richiesto", change, $"da {current.GestoreId} a {to.Id} dal {effectiveDate:yyyy-MM-dd}");
        return request;
    }

    /// <summary>The Commission approves; nothing moves until the patient signs with the new Gestore on or after the date.</summary>
    public void Approve(Change change)
    {
        RequireCommissionDecision(change);
        Decide(RequestStatus.Approved, change);
    }

    /// <summary>
    /// The patient signs the pact with the new Gestore: not before the change's date (DGR X/6164/2017
    /// allegato 1: the patient "sottoscrive con il Gestore un Patto di Cura"; the Commission's
    /// approval is not the patient's signature). The old pact closes the day before the new one.
    /// </summary>
    public SignedPact SignNewPact(PattoDiCura current, Gestore to, PactSigning signing, Change change)
    {
        if (!AwaitsSignature)
        {
            throw new CareRuleException(Status == RequestStatus.Approved
                ? $"il cambio di Gestore n.{Id} ha già il suo nuovo patto (n.{NewPactId})"
                : $"il cambio di Gestore n.{Id} non è approvato dalla Commissione ATS");
        }

        if (current.Id != PactId || to.Id != ToGestoreId)
        {
            throw new CareRuleException($"la richiesta {Id} riguarda il patto {PactId} e il Gestore {ToGestoreId}");
        }

        if (change.Day < EffectiveDate)
        {
            throw new CareRuleException($"il cambio di Gestore decorre dal {EffectiveDate:dd/MM/yyyy}: fino ad allora resta in vigore il patto n.{PactId} con il Gestore {FromGestoreId}, e il nuovo patto si firma da quel giorno");
        }

        // Signed after the effective date: the old pact stays in force until the signature (ConsentRules.RequireStart).
        var start = new[] { signing.StartDate, EffectiveDate, change.Day }.Max();
        current.CloseForChangeOfGestore(start, change);
        var signed = PactRules.Sign(signing with { StartDate = start }, to, [current], change);
        Record("nuovo patto firmato dal paziente", change, $"con il Gestore {to.Id} dal {start:yyyy-MM-dd}");
        return signed;
    }

    public void LinkNewPact(long pactId) => NewPactId = pactId;

    public void Reject(Change change)
    {
        RequireCommissionDecision(change);
        change.RequireReason("respingere la richiesta");
        Decide(RequestStatus.Rejected, change);
    }

    private void RequireCommissionDecision(Change change)
    {
        Guard.Role(change, "decisione sul cambio di Gestore", ActorRole.AtsCommission);
        if (Status != RequestStatus.Pending)
        {
            throw new CareRuleException($"la richiesta {Id} è già stata decisa");
        }
    }

    private void Decide(RequestStatus outcome, Change change)
    {
        Status = outcome;
        DecidedBy = change.By.ToString();
        DecidedOn = change.Day;
        DecisionReason = change.Reason;
        Record(outcome == RequestStatus.Approved ? "cambio Gestore approvato" : "cambio Gestore respinto", change);
    }
}
