using Territorio.CareManagement.CaseManagement;

namespace Territorio.Web.Care;

/// <summary>What a case manager looks for in an item's adherence: since when it is late, by when the next one is due.</summary>
public static class AdherenceViews
{
    public static DateOnly? OverdueSince(ItemAdherence item) =>
        item.Occurrences.Where(o => o.State == OccurrenceState.Overdue).Select(o => (DateOnly?)o.To).Min();

    public static DateOnly? NextDueBy(ItemAdherence item) =>
        item.Occurrences.Where(o => o.State is OccurrenceState.Open or OccurrenceState.Future).Select(o => (DateOnly?)o.To).Min();
}
