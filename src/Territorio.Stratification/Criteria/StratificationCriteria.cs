namespace Territorio.Stratification.Criteria;

/// <summary>Which regional flow a criterion searches, and which flow an evidence came from.</summary>
public enum CriterionKind : byte
{
    /// <summary>SDO diagnoses (principal or secondary), ICD-9-CM.</summary>
    SdoDiagnosis,

    /// <summary>SDO procedures, ICD-9-CM volume 3.</summary>
    SdoProcedure,

    /// <summary>Drug dispensing (territorial pharmacy and direct distribution), ATC.</summary>
    Drugs,

    /// <summary>Co-payment exemptions for chronic disease (DM 329/1999), active at the as-of date.</summary>
    Exemption,

    /// <summary>Outpatient services, national nomenclator code.</summary>
    Outpatient,
}

/// <summary>
/// One tracing criterion of a pathology ("criterio tracciante", national model prototype 2.0):
/// codes to look for in one flow, within a look-back window, with minimum thresholds. A
/// code covers itself and every code below it (the national model's "codice radice").
/// Thresholds that are set must all be reached; none set means one record suffices. Ages are
/// completed years at the as-of date, both bounds included.
/// </summary>
public sealed record Criterion(
    CriterionKind Kind,
    IReadOnlyList<string> Codes,
    int WindowMonths,
    int MinCount,
    double MinPacks,
    double MinDdd,
    int MinDates,
    int MinAge,
    int MaxAge,
    string Rationale,
    int Line)
{
    /// <summary>Packs that stand for <see cref="MinDdd"/> when a dispensing comes without DDD (no licensed DDD file loaded).</summary>
    public double FallbackPacks { get; init; }
}

/// <summary>
/// The criteria of one catalogue pathology, its ranking weight (which pathology is the main one)
/// and the pathologies it replaces when present (complicated over plain, dialysis over CKD).
/// </summary>
public sealed record PathologyCriteria(
    CatalogueEntry Pathology,
    double Weight,
    string WeightRationale,
    IReadOnlyList<int> Replaces,
    IReadOnlyList<Criterion> Criteria);

/// <summary>A versioned criteria file, loaded and validated once.</summary>
public sealed record StratificationCriteria(
    string Version,
    string Status,
    int UseWindowMonths,
    IReadOnlyList<PathologyCriteria> Pathologies,
    string SourceName)
{
    public bool IsProvisional => Status.Contains("PROVVISORI", StringComparison.OrdinalIgnoreCase)
        || Status.Contains("PROVISIONAL", StringComparison.OrdinalIgnoreCase);

    /// <summary>The exemption codes of both generations; flows are normalised by it (none: codes as read).</summary>
    public ExemptionCodes ExemptionCodes { get; init; } = ExemptionCodes.None;

    /// <summary>What reports print beside results, e.g. "criteri 2026.1 — PROVVISORIO".</summary>
    public string Label => $"criteri {Version} — {Status}";
}
