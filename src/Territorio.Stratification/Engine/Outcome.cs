using Territorio.Stratification.Criteria;

namespace Territorio.Stratification.Engine;

/// <summary>One record that proved a pathology: which flow, which code, which date.</summary>
public readonly record struct Evidence(int Pathology, CriterionKind Source, string Code, DateOnly Date)
{
    /// <summary>A DDD threshold judged on packs, because some dispensing came without DDD (none loaded).</summary>
    public bool PacksInsteadOfDdd { get; init; }

    /// <summary>Flow names as in the input file names: sdo, drugs, exemptions, outpatient.</summary>
    public string SourceName => Source switch
    {
        CriterionKind.SdoDiagnosis or CriterionKind.SdoProcedure => "sdo",
        CriterionKind.Drugs => "drugs",
        CriterionKind.Exemption => "exemptions",
        _ => "outpatient",
    };
}

/// <summary>
/// The stratification of one person: level, pathologies (ranked, main first) and the evidence of
/// each. Reused between persons by the engine to avoid allocating per person.
/// </summary>
public sealed class Outcome
{
    public string PersonId { get; internal set; } = "";

    /// <summary>1–5; 0 when the person died before the as-of date (excluded, counted apart).</summary>
    public int Level { get; internal set; }

    public DateOnly? DeathDate { get; internal set; }

    public int AtsIndex { get; internal set; }

    public int MmgIndex { get; internal set; }

    /// <summary>Catalogue codes, main pathology first, then by ranking weight and catalogue order.</summary>
    public List<int> Pathologies { get; } = [];

    public int? MainPathology => Pathologies.Count > 0 ? Pathologies[0] : null;

    public List<Evidence> Evidence { get; } = [];

    /// <summary>Whether a DDD threshold of this person's evidence was judged on packs (DDDs not loaded).</summary>
    public bool JudgedOnPacks => Evidence.Exists(e => e.PacksInsteadOfDdd);

    /// <summary>Date of the latest use of services (SDO, drugs, outpatient) up to the as-of date.</summary>
    public DateOnly? LastUse { get; internal set; }

    public bool IsExcluded => Level == 0;

    /// <summary>The approved reclassification put in place of the engine's result, if any.</summary>
    public ClassificationOverride? AppliedOverride { get; private set; }

    /// <summary>The level the flows gave, before an approved reclassification replaced it.</summary>
    public int StratifiedLevel { get; private set; }

    /// <summary>Why this level, in words a controller can check (levels_definitions.csv).</summary>
    public string Reason => AppliedOverride is { } applied ? applied.Describe(StratifiedLevel) : Level switch
    {
        0 => $"deceduto il {DeathDate:yyyy-MM-dd}, prima della data di riferimento: escluso",
        1 => $"{Pathologies.Count} patologie (principale + almeno 3 comorbilità): livello 1",
        2 => $"{Pathologies.Count} patologie (principale + 1-2 comorbilità): livello 2",
        3 => "una sola patologia cronica: livello 3",
        4 => $"nessuna patologia cronica, ultimo uso dei servizi il {LastUse:yyyy-MM-dd} (entro 12 mesi): livello 4",
        _ => LastUse is { } last
            ? $"nessuna patologia cronica, ultimo uso dei servizi il {last:yyyy-MM-dd} (oltre 12 mesi): livello 5"
            : "nessuna patologia cronica e nessun uso dei servizi: livello 5",
    };

    internal void Override(ClassificationOverride approved)
    {
        StratifiedLevel = Level;
        AppliedOverride = approved;
        Level = approved.Level;
        Pathologies.Clear();
        Pathologies.AddRange(approved.Pathologies);
    }

    internal void Reset()
    {
        AppliedOverride = null;
        Pathologies.Clear();
        Evidence.Clear();
        DeathDate = null;
        LastUse = null;
    }
}
