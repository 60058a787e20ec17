using System.Globalization;

namespace Territorio.Web.Remuneration;

/// <summary>One group of a paired bar chart: today's bar above, the simulated one below.</summary>
public sealed record PairedBar(string Label, double Current, double Simulated, string CurrentText, string SimulatedText, double Y, double CurrentWidth, double SimulatedWidth);

/// <summary>
/// A horizontal paired bar chart drawn on the server as SVG (no script): per group, today and the
/// simulation on one scale, values written beside the bars so the chart reads without hovering.
/// </summary>
public sealed class ComparisonChart
{
    public const double LabelWidth = 260;
    public const double BarWidth = 420;
    public const double BarHeight = 14;
    public const double GroupHeight = 2 * BarHeight + 12;

    private ComparisonChart(string title, IReadOnlyList<PairedBar> bars, bool truncated)
    {
        Title = title;
        Bars = bars;
        Truncated = truncated;
    }

    public string Title { get; }

    public IReadOnlyList<PairedBar> Bars { get; }

    /// <summary>Only the largest groups are drawn; the table beside lists them all.</summary>
    public bool Truncated { get; }

    public double Width => LabelWidth + BarWidth + 140;

    public double Height => Math.Max(1, Bars.Count) * GroupHeight;

    public static ComparisonChart Of<T>(string title, IEnumerable<T> items, Func<T, string> label, Func<T, double> current, Func<T, double> simulated, Func<double, string> text, int maxGroups = 15, bool largestFirst = true)
    {
        var all = items.ToList();
        var shown = (largestFirst ? all.OrderByDescending(i => Math.Max(current(i), simulated(i))) : all.AsEnumerable()).Take(maxGroups).ToList();
        double max = shown.Count == 0 ? 0 : shown.Max(i => Math.Max(current(i), simulated(i)));
        double Scale(double value) => max <= 0 ? 0 : Math.Max(0, value) / max * BarWidth;
        var bars = shown.Select((item, index) => new PairedBar(
            label(item),
            current(item),
            simulated(item),
            text(current(item)),
            text(simulated(item)),
            index * GroupHeight,
            Scale(current(item)),
            Scale(simulated(item)))).ToList();
        return new ComparisonChart(title, bars, all.Count > shown.Count);
    }

    /// <summary>SVG coordinates are culture-invariant numbers.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
