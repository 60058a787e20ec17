using System.Collections.Frozen;

namespace Territorio.Rehab.Rules;

/// <summary>
/// A versioned, replaceable set of the criteria of DM 5/8/2021 (art.6): annex code lists,
/// time limits, scale thresholds and the scope. Loaded from a rule-set file by
/// <see cref="RuleSetParser"/>; the engine holds no list or threshold of its own.
/// </summary>
public sealed class RuleSet
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    /// <summary>"provisional" until the authorities publish the annexes and thresholds.</summary>
    public required string Status { get; init; }

    public string Title { get; init; } = "";

    public string Source { get; init; } = "";

    /// <summary>Where it was loaded from (file name), for messages and reports.</summary>
    public string Origin { get; init; } = "";

    public bool IsProvisional => Status.Equals("provisional", StringComparison.OrdinalIgnoreCase);

    public string Label => $"{Id} v{Version}{(IsProvisional ? " (PROVVISORIO)" : "")}";

    public required ScopeRules Scope { get; init; }

    public required LinkageRules Linkage { get; init; }

    /// <summary>Annex 1: grave cerebrolesione acquisita.</summary>
    public required CodeList Annex1 { get; init; }

    /// <summary>Annex 2: mielolesione.</summary>
    public required CodeList Annex2 { get; init; }

    /// <summary>Annex 3: codes that make a rehab admission complex.</summary>
    public required CodeList Annex3 { get; init; }

    /// <summary>Annex-3 exceptions: pathologies for which fewer codes make a 56a.</summary>
    public required IReadOnlyList<Annex3Exception> Annex3Exceptions { get; init; }

    /// <summary>Annex 4: acute diagnoses clinically correlated with a rehab admission, per MDC.</summary>
    public required FrozenDictionary<int, CodeList> Annex4 { get; init; }

    public required IntervalLimits Annex5 { get; init; }

    public required ScaleRules Scales { get; init; }

    public required TransferRules Transfers { get; init; }

    /// <summary>The codes' Italian descriptions, for the reasons of the verdicts.</summary>
    public CodeLabels CodeLabels { get; init; } = CodeLabels.None;

    public CodeList Annex4For(int mdc) => Annex4.GetValueOrDefault(mdc) ?? CodeList.Empty;
}

public sealed record ScopeRules(
    FrozenSet<int> Disciplines,
    FrozenSet<int> Regimes,
    FrozenSet<int> Mdcs,
    int MinAge,
    FrozenSet<string> ExcludedDischargeModes,
    string Rationale);

/// <summary>Art.2 c.2 and art.3 c.4: the look-back and continuity days; the arithmetic is <see cref="Decree.Linkage"/>'s.</summary>
public sealed record LinkageRules(int LookbackMonths, int ContinuityDays, string Rationale);

/// <summary>An Annex-3 exception: a record with one of these codes is 56a with fewer codes.</summary>
public sealed record Annex3Exception(CodeList Codes, int MinCodes);

/// <summary>Annex 5: maximum days from acute discharge to rehab admission (art.2 c.5).</summary>
public sealed record IntervalLimits(FrozenDictionary<(int Discipline, int Mdc), int> Days, string Rationale)
{
    /// <summary>The limit for a discipline and MDC (an MDC-specific entry wins); null if none.</summary>
    public int? For(int discipline, int mdc) =>
        Days.TryGetValue((discipline, mdc), out int days) ? days
        : Days.TryGetValue((discipline, 0), out days) ? days
        : null;
}

public enum ScaleMode
{
    /// <summary>The trial (art.6): scale checks are reported, never change the verdict.</summary>
    ReportOnly,

    /// <summary>Scales decide: missing → not assessable, out of range → criterion not met.</summary>
    Required,
}

public enum Scale
{
    Rankin,
    Barthel,
    BarthelDyspnoea,
    SixMinuteWalk,
    Rcs,
}

/// <summary>The SDO column names of the scales, as rule sets and outputs write them.</summary>
public static class ScaleNames
{
    public static readonly IReadOnlyDictionary<string, Scale> ByName = new Dictionary<string, Scale>(StringComparer.Ordinal)
    {
        ["rankin"] = Scale.Rankin,
        ["barthel"] = Scale.Barthel,
        ["barthel_dyspnoea"] = Scale.BarthelDyspnoea,
        ["six_minute_walk_m"] = Scale.SixMinuteWalk,
        ["rcs"] = Scale.Rcs,
    };

    public static string Of(Scale scale) => scale switch
    {
        Scale.Rankin => "rankin",
        Scale.Barthel => "barthel",
        Scale.BarthelDyspnoea => "barthel_dyspnoea",
        Scale.SixMinuteWalk => "six_minute_walk_m",
        _ => "rcs",
    };
}

public sealed record ScaleRange(Scale Scale, int Min, int Max)
{
    public bool Contains(int value) => value >= Min && value <= Max;
}

public sealed record ScaleRules(ScaleMode Mode, FrozenDictionary<string, IReadOnlyList<ScaleRange>> ByLevel, string Rationale)
{
    public IReadOnlyList<ScaleRange> For(string level) => ByLevel.GetValueOrDefault(level) ?? [];
}

/// <summary>Art.4 c.4: total length of stay allowed for a 56→56 transfer, per MDC (DM 18/10/2012).</summary>
public sealed record TransferRules(FrozenDictionary<int, int> MaxStayByMdc, string Rationale);
