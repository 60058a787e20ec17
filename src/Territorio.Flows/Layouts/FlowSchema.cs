namespace Territorio.Flows.Layouts;

/// <summary>
/// A canonical flow as Territorio reads it: its header, which fields are dates (written yyyy-MM-dd),
/// which are lists (codes joined by <see cref="ListSeparator"/>) and which may be left unmapped.
/// A <see cref="FlowLayout"/> maps a region's own columns onto it.
/// </summary>
/// <param name="Omissible">
/// Optional fields left out of the rewritten header when unmapped, for readers that tell an absent
/// column from an empty one (the drugs' <c>ddd</c>: absent means "not loaded", empty is an error).
/// </param>
public sealed record FlowSchema(
    string Name,
    IReadOnlyList<string> Columns,
    IReadOnlySet<string> Dates,
    IReadOnlySet<string> Lists,
    IReadOnlySet<string> Optional,
    char ListSeparator = '|',
    IReadOnlySet<string>? Omissible = null)
{
    /// <summary>The SDO flow (today's 21 columns, <c>data/sdo/layouts/territorio.json</c>).</summary>
    public static readonly FlowSchema Sdo = new(
        "SDO",
        Territorio.Flows.Sdo.SdoColumns.Names,
        new HashSet<string>(["birth_date", "admission_date", "discharge_date"], StringComparer.Ordinal),
        new HashSet<string>(["secondary_dx", "procedures"], StringComparer.Ordinal),
        // An empty MDC is derived from the principal diagnosis; the DRG is informative; the rest
        // are empty in many stays (no transfer, scales not collected).
        new HashSet<string>(["mdc", "drg", "secondary_dx", "procedures", "transfer_from_discipline", "rankin", "barthel", "barthel_dyspnoea", "six_minute_walk_m", "rcs"], StringComparer.Ordinal));
}
