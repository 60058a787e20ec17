namespace Territorio.CareManagement.Common;

/// <summary>One state change of the care path, as the audit trail keeps it.</summary>
public sealed record HistoryEntry(
    string EntityType,
    string EntityId,
    string? PatientId,
    string Action,
    Actor By,
    DateTime AtUtc,
    string? Reason,
    string Details);

/// <summary>
/// Base of the aggregates: each state change is recorded (who, when, why) for the audit trail, and
/// bumps <see cref="Version"/>, the optimistic-concurrency token of the row.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<HistoryEntry> _pendingHistory = [];

    public int Version { get; private set; }

    /// <summary>Changes not yet written to the audit trail; the unit of work drains them.</summary>
    public IReadOnlyList<HistoryEntry> PendingHistory => _pendingHistory;

    public void ClearPendingHistory() => _pendingHistory.Clear();

    /// <summary>The id used in the audit trail (database ids may be assigned on save).</summary>
    protected abstract string AuditId { get; }

    protected abstract string? AuditPatientId { get; }

    protected void Record(string action, Change change, string details = "")
    {
        Version++;
        _pendingHistory.Add(new HistoryEntry(GetType().Name, AuditId, AuditPatientId, action, change.By, change.AtUtc, change.Reason, details));
    }

    /// <summary>Fills ids assigned by the database into the entries recorded before saving.</summary>
    public IEnumerable<HistoryEntry> DrainHistory()
    {
        var drained = _pendingHistory.Select(h => h with { EntityId = AuditId }).ToList();
        _pendingHistory.Clear();
        return drained;
    }
}

public static class Guard
{
    public static void Role(Change change, string what, params ActorRole[] allowed)
    {
        if (!allowed.Contains(change.By.Role))
        {
            throw new CareRuleException($"{what}: operazione riservata a {string.Join(" o ", allowed.Select(RoleNames.Italian))} (richiesta da {RoleNames.Italian(change.By.Role)} {change.By.Id})");
        }
    }

    /// <summary>A required text of at most <paramref name="maxLength"/> characters (the store's column).</summary>
    public static string Text(string? value, string field, int maxLength = Change.MaxReasonLength) =>
        string.IsNullOrWhiteSpace(value) ? throw new CareRuleException($"{field} mancante")
        : value.Trim() is { Length: > 0 } text && text.Length > maxLength ? throw new CareRuleException($"{field}: al massimo {maxLength} caratteri ({text.Length})")
        : value.Trim();
}

public static class RoleNames
{
    public static string Italian(ActorRole role) => role switch
    {
        ActorRole.Ats => "l'ATS",
        ActorRole.AtsCommission => "la Commissione ATS",
        ActorRole.ClinicalManager => "il responsabile clinico del Gestore",
        ActorRole.CaseManager => "il case manager del Gestore",
        ActorRole.Mmg => "il medico di medicina generale",
        ActorRole.Erogatore => "l'erogatore",
        ActorRole.Patient => "il paziente",
        _ => "il sistema",
    };
}
