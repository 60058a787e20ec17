using System.Globalization;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;

namespace Territorio.CareManagement.Pacts;

/// <summary>Who asked for the presa in carico.</summary>
public enum EnrolmentRequestSource
{
    /// <summary>The patient, from their own page ("Chiedo la presa in carico").</summary>
    Patient,

    /// <summary>The patient's GP, with the enrolment message of their record software (picMMG).</summary>
    Mmg,
}

/// <summary>
/// A request of presa in carico addressed to a Gestore the patient chose (DGR X/6164/2017
/// allegato 1: "il paziente sceglie il Gestore"). It is one of the grounds a pact can be signed on
/// (<see cref="ConsentRules"/>); the pact it led to is linked when signed, and a request is used once.
/// </summary>
public sealed class EnrolmentRequest : AggregateRoot
{
    public const int MaxReferenceLength = 120;

    private EnrolmentRequest()
    {
        PatientId = GestoreId = Ats = RequestedBy = "";
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public string GestoreId { get; private set; }

    public string Ats { get; private set; }

    public int Level { get; private set; }

    public EnrolmentRequestSource Source { get; private set; }

    /// <summary>The GP's message id (picMMG); null for the patient's own request.</summary>
    public string? Reference { get; private set; }

    public string RequestedBy { get; private set; }

    public DateOnly RequestedOn { get; private set; }

    /// <summary>The pact signed on this request (null: not yet signed).</summary>
    public long? PactId { get; private set; }

    public bool IsOpen => PactId is null;

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    public ConsentBasis AsBasis() => new(Source == EnrolmentRequestSource.Patient ? ConsentGround.PatientRequest : ConsentGround.MmgRequest, Id, PatientId, GestoreId, RequestedOn);

    /// <summary>The patient asks a Gestore eligible for their ATS and level to take them in charge; only they can.</summary>
    public static EnrolmentRequest ByPatient(string patientId, string ats, Classification classification, Gestore gestore, IReadOnlyCollection<EnrolmentRequest> open, Change change)
    {
        Guard.Role(change, "richiesta di presa in carico", ActorRole.Patient);
        if (change.By.Id != patientId)
        {
            throw new CareRuleException("la richiesta di presa in carico la fa solo il paziente stesso, dalla sua pagina");
        }

        return New(patientId, ats, classification, gestore, open, EnrolmentRequestSource.Patient, null, change);
    }

    /// <summary>The GP's enrolment message for their cooperative (arrives through the system's message door).</summary>
    public static EnrolmentRequest ByMmg(string patientId, string ats, Classification classification, Gestore gestore, string messageId, Change change)
    {
        Guard.Role(change, "adesione inviata dal MMG", ActorRole.Mmg, ActorRole.System);
        return New(patientId, ats, classification, gestore, [], EnrolmentRequestSource.Mmg, Guard.Text(messageId, "identificativo del messaggio", MaxReferenceLength), change);
    }

    private static EnrolmentRequest New(string patientId, string ats, Classification classification, Gestore gestore, IReadOnlyCollection<EnrolmentRequest> open,
        EnrolmentRequestSource source, string? reference, Change change)
    {
        // DGR X/6164/2017: levels 1–3 are eligible, among the eligible Gestori of the patient's ATS.
        int level = CareLevels.RequireEligible(classification.Level);
        gestore.EnsureEligible(ats, level);
        if (open.FirstOrDefault(r => r.IsOpen && r.GestoreId == gestore.Id) is { } already)
        {
            throw new CareRuleException($"la richiesta di presa in carico al Gestore {gestore.Id} è già stata inviata il {already.RequestedOn:dd/MM/yyyy}");
        }

        var request = new EnrolmentRequest
        {
            PatientId = patientId,
            GestoreId = gestore.Id,
            Ats = ats,
            Level = level,
            Source = source,
            Reference = reference,
            RequestedBy = change.By.ToString(),
            RequestedOn = change.Day,
        };
        request.Record("richiesta di presa in carico", change, $"Gestore {gestore.Id}, livello {level}" + (reference is null ? "" : $", messaggio {reference}"));
        return request;
    }

    /// <summary>Links the pact signed on this request; a request serves one pact.</summary>
    public void LinkPact(long pactId)
    {
        if (PactId is { } linked && linked != pactId)
        {
            throw new CareRuleException($"la richiesta di presa in carico n.{Id} ha già il suo patto (n.{linked})");
        }

        PactId = pactId;
    }
}
