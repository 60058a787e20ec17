namespace Territorio.CareManagement.Plans;

public enum PaiChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One item that a version adds, removes or changes (count, window, dosage) with respect to another.</summary>
public sealed record PaiItemChange(PaiChangeKind Kind, PaiItemKind ItemKind, string Code, PaiItem? Before, PaiItem? After);

/// <summary>
/// What an MMG proposal would change in the PAI in force, item by item (an item is its kind and
/// code), so the Gestore decides on the differences rather than on two lists.
/// </summary>
public static class PaiDiff
{
    public static IReadOnlyList<PaiItemChange> Between(IReadOnlyList<PaiItem> before, IReadOnlyList<PaiItem> after)
    {
        var old = before.ToDictionary(i => (i.Kind, i.Code));
        var changes = new List<PaiItemChange>();
        foreach (var item in after)
        {
            if (!old.Remove((item.Kind, item.Code), out var previous))
            {
                changes.Add(new PaiItemChange(PaiChangeKind.Added, item.Kind, item.Code, null, item));
            }
            else if (!SameTerms(previous, item))
            {
                changes.Add(new PaiItemChange(PaiChangeKind.Changed, item.Kind, item.Code, previous, item));
            }
        }

        changes.AddRange(before.Where(i => old.ContainsKey((i.Kind, i.Code)))
            .Select(i => new PaiItemChange(PaiChangeKind.Removed, i.Kind, i.Code, i, null)));
        return changes;
    }

    private static bool SameTerms(PaiItem a, PaiItem b) =>
        a.PerYear == b.PerYear && a.FromMonth == b.FromMonth && a.ToMonth == b.ToMonth
        && string.Equals(a.Dosage, b.Dosage, StringComparison.Ordinal);
}
