namespace Territorio.CareManagement.Common;

/// <summary>Who acts in the care path; the role decides what they may change.</summary>
public enum ActorRole
{
    Ats,
    AtsCommission,
    ClinicalManager,
    CaseManager,
    Mmg,
    Erogatore,
    Patient,
    System,
}

/// <summary>
/// A person acting: their role, their own id and the organisation they act for (the Gestore for a
/// clinical or case manager, the ATS for ATS staff). Stored as <c>role:id@organisation</c>.
/// </summary>
public sealed record Actor(ActorRole Role, string Id, string? Organisation = null)
{
    public static readonly Actor System = new(ActorRole.System, "territorio");

    public override string ToString() => Organisation is null ? $"{Role}:{Id}" : $"{Role}:{Id}@{Organisation}";

    public bool ActsFor(string organisation) => string.Equals(Organisation, organisation, StringComparison.Ordinal);

    /// <summary>A case manager or clinical manager of the Gestore (its Centro Servizi).</summary>
    public bool IsStaffOf(string gestoreId) => Role is ActorRole.CaseManager or ActorRole.ClinicalManager && ActsFor(gestoreId);

    /// <summary>Builds the actor of one person in the role an operation needs.</summary>
    public sealed class Factory(string personId)
    {
        public Actor Ats(string ats) => new(ActorRole.Ats, personId, ats);

        public Actor Commission(string ats) => new(ActorRole.AtsCommission, personId, ats);

        public Actor ClinicalManager(string gestore) => new(ActorRole.ClinicalManager, personId, gestore);

        public Actor CaseManager(string gestore) => new(ActorRole.CaseManager, personId, gestore);

        public static Actor Mmg(string mmgId) => new(ActorRole.Mmg, mmgId);

        public Actor Erogatore(string erogatore) => new(ActorRole.Erogatore, personId, erogatore);
    }
}

/// <summary>Who changes something, when (UTC instant) and why. Every state change takes one.</summary>
public sealed record Change(Actor By, DateTime AtUtc, string? Reason = null)
{
    /// <summary>Longest reason kept (the stores' column): a reason is a sentence or two, not a document.</summary>
    public const int MaxReasonLength = 1000;

    // Territorio's rule, from every door: an over-long reason is refused, never cut nor stored.
    public string? Reason { get; init; } = Reason is { Length: > MaxReasonLength }
        ? throw new CareRuleException($"la motivazione supera {MaxReasonLength} caratteri ({Reason.Length})")
        : Reason;

    /// <summary>The calendar day of the change in Italy.</summary>
    public DateOnly Day => RomeCalendar.DateOf(AtUtc);

    public string RequireReason(string what) =>
        Reason is { Length: > 0 } reason && !string.IsNullOrWhiteSpace(reason)
            ? reason.Trim()
            : throw new CareRuleException($"serve una motivazione per {what}");
}

/// <summary>Dates of the care path are calendar days of Europe/Rome (docs/decisions/0050).</summary>
public static class RomeCalendar
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static DateOnly DateOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow().UtcDateTime);
}
