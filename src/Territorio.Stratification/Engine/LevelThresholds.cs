namespace Territorio.Stratification.Engine;

/// <summary>
/// How many chronic pathologies put a person at level 1 and at level 2; one pathology alone is
/// level 3, none leaves the person to levels 4–5 (use of services). The regional values are
/// <see cref="Dgr6164"/>; an ATS may simulate others (what-if) without touching the real data.
/// </summary>
public sealed record LevelThresholds(int PathologiesForLevel1, int PathologiesForLevel2)
{
    /// <summary>
    /// DGR X/6164/2017 (levels_definitions.csv): level 1 = main pathology + at least 3 comorbidities,
    /// level 2 = main pathology + 1–2 comorbidities, level 3 = main pathology only.
    /// </summary>
    public static readonly LevelThresholds Dgr6164 = new(4, 2);

    /// <summary>At most as many pathologies as a criteria file may hold (the engine's bit set).</summary>
    public const int MaxPathologies = 128;

    /// <summary>Level 1–3 for a chronic person, null when no chronic pathology was found.</summary>
    public int? ChronicLevel(int pathologies) => pathologies switch
    {
        _ when pathologies >= PathologiesForLevel1 => 1,
        _ when pathologies >= PathologiesForLevel2 => 2,
        >= 1 => 3,
        _ => null,
    };

    /// <summary>Why these thresholds cannot be used, in Italian; null when they can.</summary>
    public string? Invalid() =>
        PathologiesForLevel2 < 2 ? $"il livello 2 richiede almeno 2 patologie (indicate {PathologiesForLevel2}): con una sola patologia si è al livello 3"
        : PathologiesForLevel1 <= PathologiesForLevel2 ? $"il livello 1 richiede più patologie del livello 2 (indicate {PathologiesForLevel1} e {PathologiesForLevel2})"
        : PathologiesForLevel1 > MaxPathologies ? $"il livello 1 non può richiedere più di {MaxPathologies} patologie (indicate {PathologiesForLevel1})"
        : null;

    public override string ToString() =>
        $"livello 1 da {PathologiesForLevel1} patologie, livello 2 da {PathologiesForLevel2}, livello 3 con una";
}
