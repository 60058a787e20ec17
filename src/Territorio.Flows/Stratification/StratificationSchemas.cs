using Territorio.Flows.Layouts;

namespace Territorio.Flows.Stratification;

/// <summary>
/// The canonical flows of a stratification as layouts see them (issue 20, <c>docs/flow-layouts.md</c>):
/// a region's persons, drugs, exemptions and outpatient files are rewritten into these columns
/// and read by the same readers as Territorio's own files. The SDO is <see cref="FlowSchema.Sdo"/>.
/// </summary>
public static class StratificationSchemas
{
    public static readonly FlowSchema Persons = new(
        "anagrafe",
        PersonsCsvReader.Columns,
        Set("birth_date", "death_date"),
        Set(),
        // A resident may have no GP and no death; files from before identities have no identity columns.
        Set(["mmg_id", "death_date", .. PersonsCsvReader.Columns[6..]]));

    /// <summary>Drugs coded by ATC; <c>ddd</c> left out when unmapped (the criteria then count packs).</summary>
    public static readonly FlowSchema DrugsByAtc = new(
        "farmaceutica per ATC", ["person_id", "date", "atc", "packs", "ddd"], Set("date"), Set(), Set("ddd"), Omissible: Set("ddd"));

    /// <summary>Drugs coded by the pack's AIC, as the regional flows carry them.</summary>
    public static readonly FlowSchema DrugsByAic = new("farmaceutica per AIC", ["person_id", "date", "aic", "packs"], Set("date"), Set(), Set());

    public static readonly FlowSchema Exemptions = new("esenzioni", EventCsvReaders.ExemptionColumns, Set("start_date", "end_date"), Set(), Set("end_date"));

    public static readonly FlowSchema Outpatient = new("specialistica ambulatoriale", EventCsvReaders.OutpatientColumns, Set("date"), Set(), Set());

    /// <summary>A drugs layout that names <c>aic</c> reads a flow by AIC; otherwise by ATC.</summary>
    public static FlowSchema DrugsShape(Func<string, bool> names) => names("aic") ? DrugsByAic : DrugsByAtc;

    private static HashSet<string> Set(params string[] fields) => new(fields, StringComparer.Ordinal);
}
