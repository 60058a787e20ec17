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
}

/// <summary>One planned delivery of a PAI service: the window it is due in, and what happened.</summary>
public sealed record PlannedOccurrence(string Code, int Index, DateOnly From, DateOnly To, OccurrenceState State, DateOnly? DeliveredOn);

public sealed record ItemAdherence(string Code, string Description, int PlannedPerYear, int Due, int Done, int Overdue, IReadOnlyList<PlannedOccurrence> Occurrences)
{
    public double? Percent => Due == 0 ? null : 100.0 * Done / Due;
}

/// <summary>Planned vs delivered for a patient's PAI on a day; reasons per occurrence.</summary>
public sealed record AdherenceReport(string PatientId, DateOnly PlanStart, DateOnly AsOf, IReadOnlyList<ItemAdherence> Items)
{
    public int Due => Items.Sum(i => i.Due);

    public int Done => Items.Sum(i => i.Done);

    public int Overdue => Items.Sum(i => i.Overdue);

    /// <summary>Delivered of what was due so far (windows closed, or done early); null when nothing was due yet.</summary>
    public double? Percent => Due == 0 ? null : 100.0 * Done / Due;

    public DateOnly? OldestOverdueSince => Items.SelectMany(i => i.Occurrences).Where(o => o.State == OccurrenceState.Overdue).Select(o => (DateOnly?)o.To).Min();
}

/// <summary>
/// Adherence to the PAI (DGR X/6164/2017 allegato 1: the Gestore monitors adherence): each service
/// item's yearly count is spread evenly over its window of months; a delivery of the same code
/// inside an occurrence's window fulfils it (earliest first).
/// </summary>
public static class AdherenceCalculator
{
    public static AdherenceReport Compute(string patientId, DateOnly planStart, IEnumerable<PaiItem> items, IReadOnlyList<(string Code, DateOnly Date)> delivered, DateOnly asOf)
    {
        var byCode = delivered.ToLookup(d => d.Code, d => d.Date);
        var result = new List<ItemAdherence>();
        foreach (var item in items.Where(i => i.Kind == PaiItemKind.Service))
        {
            var dates = byCode[item.Code].Order().ToList();
            var used = new bool[dates.Count];
            var occurrences = new List<PlannedOccurrence>();
            foreach (var (index, from, to) in Windows(item, planStart))
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

        return new AdherenceReport(patientId, planStart, asOf, result);
    }

    /// <summary>The windows of a service item: its months split into equal parts, one per occurrence.</summary>
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
