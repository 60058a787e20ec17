using System.Globalization;
using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Plans;

/// <summary>
/// A prescription the patient needs outside the PAI, shared between MMG and Gestore
/// (DGR X/6164/2017 allegato 1: "prescrizioni non previste nel PAI … condivise"): one side
/// records it, the other acknowledges it.
/// </summary>
public sealed class SharedPrescription : AggregateRoot
{
    private SharedPrescription()
    {
        PatientId = GestoreId = Code = Description = PrescribedBy = Reason = "";
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public string GestoreId { get; private set; }

    public PaiItemKind Kind { get; private set; }

    public string Code { get; private set; }

    public string Description { get; private set; }

    public string PrescribedBy { get; private set; }

    public ActorRole PrescriberRole { get; private set; }

    public DateOnly PrescribedOn { get; private set; }

    public string Reason { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public DateOnly? AcknowledgedOn { get; private set; }

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    public static SharedPrescription Record(Pai pai, PaiItemKind kind, string code, string description, Change change)
    {
        RequireParty(pai.GestoreId, pai.MmgId, change, "registrare una prescrizione condivisa");
        if (kind is not (PaiItemKind.Service or PaiItemKind.Drug))
        {
            throw new CareRuleException("una prescrizione condivisa è una prestazione o un farmaco");
        }

        var prescription = new SharedPrescription
        {
            PatientId = pai.PatientId,
            GestoreId = pai.GestoreId,
            Kind = kind,
            Code = Guard.Text(code, "codice"),
            Description = description,
            PrescribedBy = change.By.ToString(),
            PrescriberRole = change.By.Role,
            PrescribedOn = change.Day,
            Reason = change.RequireReason("una prescrizione fuori PAI"),
        };
        prescription.Record("prescrizione fuori PAI", change, $"{kind} {code}");
        return prescription;
    }

    /// <summary>The other party (Gestore if the MMG prescribed, and vice versa) takes note.</summary>
    public void Acknowledge(string? mmgId, Change change)
    {
        RequireParty(GestoreId, mmgId, change, "prendere visione della prescrizione");
        bool prescribedByMmg = PrescriberRole == ActorRole.Mmg;
        if (prescribedByMmg == (change.By.Role == ActorRole.Mmg))
        {
            throw new CareRuleException("la presa visione spetta all'altra parte (Gestore o MMG) rispetto a chi ha prescritto");
        }

        if (AcknowledgedOn is not null)
        {
            throw new CareRuleException($"la prescrizione {Id} è già stata vista il {AcknowledgedOn:dd/MM/yyyy}");
        }

        AcknowledgedBy = change.By.ToString();
        AcknowledgedOn = change.Day;
        Record("prescrizione condivisa vista", change);
    }

    private static void RequireParty(string gestoreId, string? mmgId, Change change, string what)
    {
        bool gestoreSide = change.By.IsStaffOf(gestoreId);
        bool mmgSide = change.By.Role == ActorRole.Mmg && change.By.Id == mmgId;
        if (!gestoreSide && !mmgSide)
        {
            throw new CareRuleException($"solo il Gestore {gestoreId} o il MMG del paziente può {what}");
        }
    }
}
