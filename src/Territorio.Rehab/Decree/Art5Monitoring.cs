using System.Globalization;
using Territorio.Rehab.Engine;

namespace Territorio.Rehab.Decree;

/// <summary>
/// What a run keeps of each judged admission for counts and reports: its line, the record's
/// structure, discipline and MDC (the report's dimensions) and the decision without its checks.
/// A value holding only strings shared by many admissions (structure ids, articles, levels), so
/// that 400,000 of them promote nothing through the collector's generations (decision 0112); the
/// record ids are in the verdicts the pipeline writes.
/// </summary>
public readonly record struct AdmissionOutcome(
    long Line,
    string StructureId,
    int Discipline,
    int Mdc,
    Verdict Verdict,
    bool PostAcute,
    int? IntervalDays,
    string Article,
    string Level,
    bool MdcContradicted = false);

/// <summary>One row of the monitoring indicators (DM 5/8/2021 art.5): a group and its counts.</summary>
public sealed record RehabIndicator(
    string Dimension,
    string Value,
    int Total,
    int Appropriate,
    int Inappropriate,
    int OutOfScope,
    int NotAssessable,
    double? ShareAppropriate,
    double? MedianIntervalDays);

/// <summary>DM 5/8/2021 art.5: the monitoring indicators the region reports on its rehab admissions.</summary>
public static class Monitoring
{
    /// <summary>
    /// DM 5/8/2021 art.5 — counts per structure, discipline, MDC and level: each verdict, the share
    /// appropriate among those in scope, and the median interval (art.2 c.5) of post-acute admissions.
    /// </summary>
    public static List<RehabIndicator> Indicators(IReadOnlyList<AdmissionOutcome> admissions)
    {
        // One pass over the admissions, tallying every group of every dimension at once.
        var total = new Tally();
        (string Name, Func<AdmissionOutcome, string> Key, Dictionary<string, Tally> Groups)[] dimensions =
        [
            ("struttura", a => a.StructureId, new(StringComparer.Ordinal)),
            ("disciplina", a => Number(a.Discipline), new(StringComparer.Ordinal)),
            ("mdc", a => Number(a.Mdc), new(StringComparer.Ordinal)),
            ("livello", a => a.Level.Length > 0 ? a.Level : "(nessuno)", new(StringComparer.Ordinal)),
        ];
        foreach (var admission in admissions)
        {
            total.Add(admission);
            foreach (var (_, key, groups) in dimensions)
            {
                string value = key(admission);
                if (!groups.TryGetValue(value, out var tally))
                {
                    groups[value] = tally = new Tally();
                }

                tally.Add(admission);
            }
        }

        var rows = new List<RehabIndicator> { total.Indicator("totale", "tutti") };
        foreach (var (name, _, groups) in dimensions)
        {
            rows.AddRange(groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value.Indicator(name, g.Key)));
        }

        return rows;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    /// <summary>The counts of one group, and its post-acute intervals for the median.</summary>
    private sealed class Tally
    {
        private readonly int[] _byVerdict = new int[4];
        private readonly List<int> _intervals = [];
        private int _total;

        public void Add(AdmissionOutcome admission)
        {
            _total++;
            _byVerdict[(int)admission.Verdict]++;
            if (admission.IntervalDays is { } days)
            {
                _intervals.Add(days);
            }
        }

        public RehabIndicator Indicator(string dimension, string value)
        {
            int appropriate = _byVerdict[(int)Verdict.Appropriate];
            int inappropriate = _byVerdict[(int)Verdict.Inappropriate];
            int notAssessable = _byVerdict[(int)Verdict.NotAssessable];
            int inScope = appropriate + inappropriate + notAssessable;
            _intervals.Sort();
            int n = _intervals.Count;
            double? median = n == 0 ? null
                : n % 2 == 1 ? _intervals[n / 2]
                : (_intervals[(n / 2) - 1] + _intervals[n / 2]) / 2.0;
            return new RehabIndicator(dimension, value, _total, appropriate, inappropriate, _byVerdict[(int)Verdict.OutOfScope], notAssessable,
                inScope == 0 ? null : (double)appropriate / inScope, median);
        }
    }
}
