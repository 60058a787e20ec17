using Territorio.Remuneration.Tariffs;
using Territorio.Remuneration.Yearly;

namespace Territorio.Remuneration.WhatIf;

/// <summary>
/// The ATS's what-if for a year: the same pact periods paid as today (catalogue and levels in
/// force) and under a candidate catalogue with, optionally, each period's level as simulated
/// thresholds would set it; side by side per pathology, level, Gestore and GP.
/// </summary>
public sealed class TariffSimulation
{
    /// <summary>Group key of the patients without a GP in the "per GP" table.</summary>
    public const string NoMmg = "";

    private TariffSimulation(RemunerationResult current, RemunerationResult simulated, int movedPeriods)
    {
        Current = current;
        Simulated = simulated;
        MovedPeriods = movedPeriods;
        ByPathology = Compare(current, simulated, p => p.Pathology.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
        ByLevel = Compare(current, simulated, p => p.Level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ByGestore = Compare(current, simulated, p => p.GestoreId);
        ByMmg = Compare(current, simulated, p => p.MmgId ?? NoMmg);
        Overall = new ComparisonRow("totale", current.Total, simulated.Total, UnpaidPatients(current.Issues), UnpaidPatients(simulated.Issues));
    }

    public RemunerationResult Current { get; }

    public RemunerationResult Simulated { get; }

    /// <summary>Pact periods paid at another level than today's.</summary>
    public int MovedPeriods { get; }

    /// <summary>Per pathology code (two digits).</summary>
    public IReadOnlyList<ComparisonRow> ByPathology { get; }

    /// <summary>Per level 1–3: today's level on the left, the simulated one on the right.</summary>
    public IReadOnlyList<ComparisonRow> ByLevel { get; }

    public IReadOnlyList<ComparisonRow> ByGestore { get; }

    /// <summary>Tariffs paid for the patients of each GP (<see cref="NoMmg"/>: patients without one).</summary>
    public IReadOnlyList<ComparisonRow> ByMmg { get; }

    public ComparisonRow Overall { get; }

    /// <param name="simulatedLevel">The level a period is paid at in the simulation; null keeps the level in force.</param>
    public static TariffSimulation Run(
        IReadOnlyList<PactPeriod> periods,
        TariffCatalogue current,
        TariffCatalogue candidate,
        int year,
        RemunerationOptions? options = null,
        Func<PactPeriod, int>? simulatedLevel = null)
    {
        int moved = 0;
        var simulatedPeriods = periods;
        if (simulatedLevel is not null)
        {
            simulatedPeriods = periods.Select(p =>
            {
                int level = simulatedLevel(p);
                if (level == p.Level)
                {
                    return p;
                }

                moved++;
                return p with { Level = level };
            }).ToList();
        }

        return new TariffSimulation(
            RemunerationEngine.Run(periods, current, year, options),
            RemunerationEngine.Run(simulatedPeriods, candidate, year, options),
            moved);
    }

    private static int UnpaidPatients(IEnumerable<RemunerationIssue> issues) =>
        issues.Select(i => i.Period.PatientId).Distinct(StringComparer.Ordinal).Count();

    private static List<ComparisonRow> Compare(RemunerationResult current, RemunerationResult simulated, Func<PactPeriod, string> key)
    {
        var now = Totals(current, key);
        var then = Totals(simulated, key);
        return now.Keys.Union(then.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(k =>
            {
                var a = now.GetValueOrDefault(k);
                var b = then.GetValueOrDefault(k);
                return new ComparisonRow(k, a?.Amount ?? 0, b?.Amount ?? 0, a?.Unpaid.Count ?? 0, b?.Unpaid.Count ?? 0);
            })
            .ToList();
    }

    private static Dictionary<string, GroupTotal> Totals(RemunerationResult result, Func<PactPeriod, string> key)
    {
        var groups = new Dictionary<string, GroupTotal>(StringComparer.Ordinal);
        foreach (var line in result.Lines)
        {
            Group(line.Period).Amount += line.Amount;
        }

        foreach (var issue in result.Issues)
        {
            Group(issue.Period).Unpaid.Add(issue.Period.PatientId);
        }

        return groups;

        GroupTotal Group(PactPeriod period)
        {
            ref var group = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, key(period), out _);
            return group ??= new GroupTotal();
        }
    }

    private sealed class GroupTotal
    {
        public decimal Amount { get; set; }

        public HashSet<string> Unpaid { get; } = new(StringComparer.Ordinal);
    }
}
