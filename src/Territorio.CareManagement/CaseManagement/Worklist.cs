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

    /// <summary>A new pact: its PAI is to be written within the days allowed (listed from the day of signature).</summary>
    PaiToWrite = 5,
}

public sealed record WorklistFinding(WorklistReason Reason, string Detail, int DaysLate);

public sealed record WorklistEntry(string PatientId, int Level, long PactId, IReadOnlyList<WorklistFinding> Findings)
{
    public WorklistReason MostUrgent => Findings.Min(f => f.Reason);

    public int DaysLate => Findings.Where(f => f.Reason == MostUrgent).Max(f => f.DaysLate);

    /// <summary>The contacts of the last <see cref="WorklistRules.ContactWindowDays"/> days, if any.</summary>
    public ContactSummary? Contacts { get; init; }

    /// <summary>The day the patient was reached about their findings: the entry waits below those not yet contacted.</summary>
    public DateOnly? ContactedOn { get; init; }
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
    AdherenceReport? Adherence,
    ContactSummary? Contacts = null);

/// <summary>
/// The Gestore's worklist of patients to call (DGR X/6164/2017 allegato 1: case management and
/// proactive follow-up): missed appointments, overdue services, PAIs not written N days after the
/// pact, pacts ending within 30 days, new pacts whose PAI is still to be written; ordered by reason,
/// then by how late (for a PAI to write: the nearest deadline first), then by level (1 first).
/// A patient reached (outcome "raggiunto") in the last <see cref="ContactHoldDays"/> days, on or
/// after the day their newest finding arose, is already being followed: listed after every patient
/// not yet contacted, in the same order among themselves (docs/decisions/0088).
/// </summary>
public sealed class WorklistRules(int paiDueDays = WorklistRules.DefaultPaiDueDays, int expiringWithinDays = 30, int missedAfterDays = 1)
{
    /// <summary>
    /// Days from the pact's start within which its PAI is written. Territorio's own rule: DGR X/6164/2017
    /// allegato 1 has the Gestore write the PAI after the pact without a term in days; 30 lets the first
    /// services of the year be booked in the pact's first months.
    /// </summary>
    public const int DefaultPaiDueDays = 30;

    /// <summary>How long a contact that reached the patient lowers their place in the worklist.</summary>
    public const int ContactHoldDays = 7;

    /// <summary>How far back the worklist counts contacts.</summary>
    public const int ContactWindowDays = 30;

    public int PaiDueDays { get; } = paiDueDays;

    public int ExpiringWithinDays { get; } = expiringWithinDays;

    public int MissedAfterDays { get; } = missedAfterDays;

    /// <summary>The last day to write the PAI of a pact that starts on <paramref name="pactStart"/>.</summary>
    public DateOnly PaiDueBy(DateOnly pactStart) => pactStart.AddDays(PaiDueDays - 1);

    public IReadOnlyList<WorklistEntry> Build(IEnumerable<CaseSnapshot> cases, DateOnly asOf)
    {
        var entries = new List<WorklistEntry>();
        foreach (var snapshot in cases)
        {
            var findings = Findings(snapshot, asOf).ToList();
            if (findings.Count > 0)
            {
                entries.Add(new WorklistEntry(snapshot.PatientId, snapshot.Level, snapshot.PactId, findings)
                {
                    Contacts = snapshot.Contacts,
                    ContactedOn = ContactedAbout(findings, snapshot.Contacts, asOf),
                });
            }
        }

        return entries
            .OrderBy(e => e.ContactedOn is not null)
            .ThenBy(e => e.MostUrgent)
            .ThenByDescending(e => e.DaysLate)
            .ThenBy(e => e.Level)
            .ThenBy(e => e.PatientId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The day the patient was reached after the newest finding arose (its days late ago), if recent enough.</summary>
    private static DateOnly? ContactedAbout(IReadOnlyList<WorklistFinding> findings, ContactSummary? contacts, DateOnly asOf)
    {
        if (contacts?.LastReachedOn is not { } reached)
        {
            return null;
        }

        var newestArose = asOf.AddDays(-findings.Min(f => f.DaysLate));
        return reached >= newestArose && reached <= asOf && asOf.DayNumber - reached.DayNumber < ContactHoldDays ? reached : null;
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
        else if (!c.HasActivePai && sincePact >= 0)
        {
            // Listed from the day of signature, so that the case manager takes the new patient up at once (decision 0258).
            yield return new WorklistFinding(WorklistReason.PaiToWrite, $"PAI da redigere entro il {PaiDueBy(c.PactStart):dd/MM/yyyy}", sincePact);
        }

        int toEnd = c.PactEnd.DayNumber - asOf.DayNumber;
        if (toEnd >= 0 && toEnd <= ExpiringWithinDays)
        {
            yield return new WorklistFinding(WorklistReason.PactExpiring, $"patto in scadenza il {c.PactEnd:dd/MM/yyyy}", ExpiringWithinDays - toEnd);
        }
    }
}
