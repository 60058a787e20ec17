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
/// the Commission decides "cambi motivati di Gestore"). Approval closes the old pact the day
/// before the new one starts.
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

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    public static ChangeOfGestoreRequest Submit(PattoDiCura current, Gestore to, DateOnly effectiveDate, Change change)
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

        to.EnsureEligible(current.Ats, current.Level);
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

    /// <summary>Approves: closes the current pact the day before and signs the new one.</summary>
    public SignedPact Approve(PattoDiCura current, Gestore to, PactSigning signing, Change change)
    {
        RequireCommissionDecision(change);
        if (current.Id != PactId || to.Id != ToGestoreId)
        {
            throw new CareRuleException($"la richiesta {Id} riguarda il patto {PactId} e il Gestore {ToGestoreId}");
        }

        current.CloseForChangeOfGestore(EffectiveDate, change);
        var signed = PactRules.SignFor(signing with { StartDate = EffectiveDate }, to, [current], change);
        Decide(RequestStatus.Approved, change);
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
