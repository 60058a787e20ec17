namespace Territorio.CareManagement.Common;

/// <summary>A stored line of the audit trail: every state change of the care path.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        EntityType = EntityId = Action = Actor = Details = "";
    }

    public AuditEntry(HistoryEntry entry)
    {
        EntityType = entry.EntityType;
        EntityId = entry.EntityId;
        PatientId = entry.PatientId;
        Action = entry.Action;
        Actor = entry.By.ToString();
        AtUtc = entry.AtUtc;
        Reason = entry.Reason;
        Details = entry.Details;
    }

    public long Id { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    public string? PatientId { get; private set; }

    public string Action { get; private set; }

    public string Actor { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string? Reason { get; private set; }

    public string Details { get; private set; }
}
