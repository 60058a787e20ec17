using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;

namespace Territorio.CareManagement.CaseManagement;

public enum OccurrenceState
{
    Done,

    /// <summary>Its window has closed without a delivery.</summary>
    Overdue,

    /// <summary>Its window contains the as-of day and nothing was delivered yet.</summary>
    Open,
    Future,

    /// <summary>Its window runs past the pact's last day and nothing was delivered by then: not due under this pact.</summary>
    Lapsed,
}

/// <summary>One planned delivery of a PAI service: the window it is due in, and what happened.</summary>
public sealed record PlannedOccurrence(string Code, int Index, DateOnly From, DateOnly To, OccurrenceState State, DateOnly? DeliveredOn);

public sealed record ItemAdherence(string Code, string Description, int PlannedPerYear, int Due, int Done, int Overdue, IReadOnlyList<PlannedOccurrence> Occurrences)
{
    public double? Percent => Due == 0 ? null : 100.0 * Done / Due;
}

/// <summary>Planned vs delivered for a patient's PAI on a day, within the pact's period (<paramref name="PlanStart"/> to <paramref name="LastDay"/>); reasons per occurrence.</summary>
public sealed record AdherenceReport(string PatientId, DateOnly PlanStart, DateOnly AsOf, IReadOnlyList<ItemAdherence> Items, DateOnly LastDay)
{
    public int Due => Items.Sum(i => i.Due);

    public int Done => Items.Sum(i => i.Done);

    public int Overdue => Items.Sum(i => i.Overdue);

    /// <summary>Delivered of what was due so far (windows closed, or done early); null when nothing was due yet.</summary>
    public double? Percent => Due == 0 ? null : 100.0 * Done / Due;

    public DateOnly? OldestOverdueSince => Items.SelectMany(i => i.Occurrences).Where(o => o.State == OccurrenceState.Overdue).Select(o => (DateOnly?)o.To).Min();
}

/// <summary>
/// Adherence to the PAI (DGR X/6164/2017 allegato 1: the Gestore monitors adherence to the PAI it is
/// responsible for): each service item's yearly count is spread evenly over its window of months, in
/// every plan year of the pact; a delivery of the same code inside an occurrence's window fulfils it
/// (earliest first).
/// </summary>
public static class AdherenceCalculator
{
    /// <summary>Adherence to the PAI of a pact: only the pact's own period counts (issue 16: adherence counts only delivered services within the pact's period).</summary>
    public static AdherenceReport Compute(PattoDiCura pact, IEnumerable<PaiItem> items, IReadOnlyList<(string Code, DateOnly Date)> delivered, DateOnly asOf) =>
        Compute(pact.PatientId, pact.StartDate, pact.EndDate, items, delivered, asOf);

    /// <summary>
    /// Adherence over the period from <paramref name="planStart"/> to <paramref name="lastDay"/> (the pact's
    /// last day in force, docs/decisions/0243): a delivery outside it belongs to another pact — the one
    /// before a change of Gestore, or after it — and never counts here; a window after the last day is
    /// not planned; a window the last day cuts short counts only if fulfilled by then, never as overdue
    /// (docs/decisions/0263-adherence-within-the-pacts-period.md).
    /// </summary>
    public static AdherenceReport Compute(string patientId, DateOnly planStart, DateOnly lastDay, IEnumerable<PaiItem> items, IReadOnlyList<(string Code, DateOnly Date)> delivered, DateOnly asOf)
    {
        var byCode = delivered.Where(d => d.Date >= planStart && d.Date <= lastDay).ToLookup(d => d.Code, d => d.Date);
        var result = new List<ItemAdherence>();
        foreach (var item in items.Where(i => i.Kind == PaiItemKind.Service))
        {
            var dates = byCode[item.Code].Order().ToList();
            var used = new bool[dates.Count];
            var occurrences = new List<PlannedOccurrence>();
            foreach (var (index, from, to) in Windows(item, planStart, lastDay))
            {
                int hit = dates.FindIndex(d => d >= from && d <= to);
                while (hit >= 0 && used[hit])
                {
                    hit = dates.FindIndex(hit + 1, d => d >= from && d <= to);
                }

                OccurrenceState state;
                DateOnly? on = null;
                if (hit >= 0 && dates[hit] <= asOf)
                {
                    used[hit] = true;
                    state = OccurrenceState.Done;
                    on = dates[hit];
                }
                else if (to > lastDay && asOf > lastDay)
                {
                    state = OccurrenceState.Lapsed;
                }
                else
                {
                    state = to < asOf ? OccurrenceState.Overdue : from <= asOf ? OccurrenceState.Open : OccurrenceState.Future;
                }

                occurrences.Add(new PlannedOccurrence(item.Code, index, from, to, state, on));
            }

            int done = occurrences.Count(o => o.State == OccurrenceState.Done);
            int overdue = occurrences.Count(o => o.State == OccurrenceState.Overdue);
            result.Add(new ItemAdherence(item.Code, item.Description, item.PerYear ?? 0, done + overdue, done, overdue, occurrences));
        }

        return new AdherenceReport(patientId, planStart, asOf, result, lastDay);
    }

    /// <summary>
    /// The windows of a service item in every plan year that starts by <paramref name="lastDay"/> (a
    /// renewed pact runs its PAI again each year, DGR X/6164/2017 allegato 1: the pact is confirmed
    /// each year and the PAI plans the year's services), numbered across years.
    /// </summary>
    public static IEnumerable<(int Index, DateOnly From, DateOnly To)> Windows(PaiItem item, DateOnly planStart, DateOnly lastDay)
    {
        int index = 0;
        for (int year = 0; planStart.AddYears(year) <= lastDay; year++)
        {
            var yearStart = planStart.AddYears(year);
            foreach (var (_, from, to) in Windows(item, yearStart))
            {
                if (from <= lastDay)
                {
                    yield return (++index, from, to);
                }
            }
        }
    }

    /// <summary>The windows of a service item in one plan year: its months split into equal parts, one per occurrence.</summary>
    public static IEnumerable<(int Index, DateOnly From, DateOnly To)> Windows(PaiItem item, DateOnly planStart)
    {
        var windowStart = planStart.AddMonths(item.FromMonth - 1);
        var windowEnd = planStart.AddMonths(item.ToMonth).AddDays(-1);
        int days = windowEnd.DayNumber - windowStart.DayNumber + 1;
        int count = item.PerYear ?? 1;
        for (int k = 0; k < count; k++)
        {
            var from = windowStart.AddDays(days * k / count);
            var to = windowStart.AddDays((days * (k + 1) / count) - 1);
            yield return (k + 1, from, to);
        }
    }
}
