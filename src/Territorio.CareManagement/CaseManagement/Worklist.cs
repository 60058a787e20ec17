namespace Territorio.CareManagement.CaseManagement;

/// <summary>Why a case manager should call a patient, most urgent first.</summary>
public enum WorklistReason
{
    /// <summary>A booked appointment passed without delivery.</summary>
    MissedBooking = 1,

    /// <summary>A PAI service whose window closed without delivery.</summary>
    OverdueService = 2,

    /// <summary>The pact started N days ago and no PAI is active yet.</summary>
    PaiNotWritten = 3,

    /// <summary>The pact ends within 30 days and has not been renewed.</summary>
    PactExpiring = 4,
}

public sealed record WorklistFinding(WorklistReason Reason, string Detail, int DaysLate);

public sealed record WorklistEntry(string PatientId, int Level, long PactId, IReadOnlyList<WorklistFinding> Findings)
{
    public WorklistReason MostUrgent => Findings.Min(f => f.Reason);

    public int DaysLate => Findings.Where(f => f.Reason == MostUrgent).Max(f => f.DaysLate);
}

/// <summary>What the worklist knows about one patient in charge.</summary>
public sealed record CaseSnapshot(
    string PatientId,
    int Level,
    long PactId,
    DateOnly PactStart,
    DateOnly PactEnd,
    bool HasActivePai,
    IReadOnlyList<DateOnly> MissedBookingDates,
    AdherenceReport? Adherence);

/// <summary>
/// The Gestore's worklist of patients to call (DGR X/6164/2017 allegato 1: case management and
/// proactive follow-up): missed appointments, overdue services, PAIs not written N days after the
/// pact, pacts ending within 30 days; ordered by reason, then by how late, then by level (1 first).
/// </summary>
public sealed class WorklistRules(int paiDueDays = WorklistRules.DefaultPaiDueDays, int expiringWithinDays = 30, int missedAfterDays = 1)
{
    public const int DefaultPaiDueDays = 30;

    public int PaiDueDays { get; } = paiDueDays;

    public int ExpiringWithinDays { get; } = expiringWithinDays;

    public int MissedAfterDays { get; } = missedAfterDays;

    public IReadOnlyList<WorklistEntry> Build(IEnumerable<CaseSnapshot> cases, DateOnly asOf)
    {
        var entries = new List<WorklistEntry>();
        foreach (var snapshot in cases)
        {
            var findings = Findings(snapshot, asOf).ToList();
            if (findings.Count > 0)
            {
                entries.Add(new WorklistEntry(snapshot.PatientId, snapshot.Level, snapshot.PactId, findings));
            }
        }

        return entries
            .OrderBy(e => e.MostUrgent)
            .ThenByDescending(e => e.DaysLate)
            .ThenBy(e => e.Level)
            .ThenBy(e => e.PatientId, StringComparer.Ordinal)
            .ToList();
    }

    private IEnumerable<WorklistFinding> Findings(CaseSnapshot c, DateOnly asOf)
    {
        foreach (var date in c.MissedBookingDates.Where(d => d.AddDays(MissedAfterDays) <= asOf))
        {
            yield return new WorklistFinding(WorklistReason.MissedBooking, $"appuntamento del {date:dd/MM/yyyy} non risulta erogato", asOf.DayNumber - date.DayNumber);
        }

        if (c.Adherence is { } adherence)
        {
            foreach (var item in adherence.Items.Where(i => i.Overdue > 0))
            {
                var oldest = item.Occurrences.Where(o => o.State == OccurrenceState.Overdue).Min(o => o.To);
                yield return new WorklistFinding(WorklistReason.OverdueService, $"{item.Code} {item.Description}: {item.Overdue} in ritardo", asOf.DayNumber - oldest.DayNumber);
            }
        }

        int sincePact = asOf.DayNumber - c.PactStart.DayNumber;
        if (!c.HasActivePai && sincePact >= PaiDueDays)
        {
            yield return new WorklistFinding(WorklistReason.PaiNotWritten, $"PAI non ancora scritto a {sincePact} giorni dal patto", sincePact - PaiDueDays);
        }

        int toEnd = c.PactEnd.DayNumber - asOf.DayNumber;
        if (toEnd >= 0 && toEnd <= ExpiringWithinDays)
        {
            yield return new WorklistFinding(WorklistReason.PactExpiring, $"patto in scadenza il {c.PactEnd:dd/MM/yyyy}", ExpiringWithinDays - toEnd);
        }
    }
}
