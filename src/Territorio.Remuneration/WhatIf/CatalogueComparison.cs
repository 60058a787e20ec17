using Territorio.Remuneration.Yearly;

namespace Territorio.Remuneration.WhatIf;

/// <summary>One group (an ATS or a pathology) paid under the current and the alternative catalogue.</summary>
public sealed record ComparisonRow(
    string Key,
    decimal Current,
    decimal Alternative,
    int PatientsUnpaidCurrent,
    int PatientsUnpaidAlternative)
{
    public decimal Difference => Alternative - Current;

    /// <summary>Change in percent of the current amount; null when nothing is paid now.</summary>
    public decimal? DifferencePercent => Current == 0 ? null : Math.Round(Difference * 100 / Current, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// What-if: the same year and the same pacts paid with two catalogues, side by side per ATS and
/// per pathology — what a region needs to see before changing a tariff.
/// </summary>
public sealed class CatalogueComparison
{
    private CatalogueComparison(RemunerationResult current, RemunerationResult alternative)
    {
        Current = current;
        Alternative = alternative;
        ByAts = Pair(current.ByAts, alternative.ByAts);
        ByPathology = Pair(current.ByPathology, alternative.ByPathology);
    }

    public RemunerationResult Current { get; }

    public RemunerationResult Alternative { get; }

    public IReadOnlyList<ComparisonRow> ByAts { get; }

    public IReadOnlyList<ComparisonRow> ByPathology { get; }

    public ComparisonRow Overall => new(
        "totale",
        Current.Total,
        Alternative.Total,
        Current.Issues.Select(i => i.Period.PatientId).Distinct(StringComparer.Ordinal).Count(),
        Alternative.Issues.Select(i => i.Period.PatientId).Distinct(StringComparer.Ordinal).Count());

    public static CatalogueComparison Compare(RemunerationResult current, RemunerationResult alternative)
    {
        if (current.Year != alternative.Year)
        {
            throw new ArgumentException($"years differ: {current.Year} vs {alternative.Year}", nameof(alternative));
        }

        return new CatalogueComparison(current, alternative);
    }

    private static List<ComparisonRow> Pair(IReadOnlyList<PaymentTotal> current, IReadOnlyList<PaymentTotal> alternative)
    {
        var now = current.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var then = alternative.ToDictionary(t => t.Key, StringComparer.Ordinal);
        return now.Keys.Union(then.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(key =>
            {
                var a = now.GetValueOrDefault(key);
                var b = then.GetValueOrDefault(key);
                return new ComparisonRow(key, a?.Amount ?? 0, b?.Amount ?? 0, a?.PatientsWithIssues ?? 0, b?.PatientsWithIssues ?? 0);
            })
            .ToList();
    }
}
