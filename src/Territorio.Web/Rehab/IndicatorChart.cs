using Territorio.Data.Rehab;

namespace Territorio.Web.Rehab;

/// <summary>One coloured piece of a bar: a verdict's share of the group.</summary>
public sealed record ChartSegment(string CssClass, string Label, int Count, double X, double Width);

public sealed record ChartBar(string Label, int Total, double Y, IReadOnlyList<ChartSegment> Segments);

/// <summary>
/// The geometry of the indicators chart: a stacked horizontal bar per group (appropriate,
/// inappropriate, not assessable, out of scope), drawn by the page as inline SVG — no script,
/// colours from the stylesheet.
/// </summary>
public sealed record IndicatorChart(IReadOnlyList<ChartBar> Bars, double Width, double Height)
{
    public const double LabelWidth = 180;
    public const double BarWidth = 560;
    public const double RowHeight = 26;
    public const double Top = 8;

    public static readonly IReadOnlyList<(string CssClass, string Label)> Legend =
    [
        ("seg-appropriate", "appropriati"), ("seg-inappropriate", "inappropriati"), ("seg-not-assessable", "non valutabili"), ("seg-out-of-scope", "fuori ambito"),
    ];

    public static IndicatorChart Of(IReadOnlyList<RehabRunIndicator> rows)
    {
        var bars = new List<ChartBar>(rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            int[] counts = [row.Appropriate, row.Inappropriate, row.NotAssessable, row.OutOfScope];
            var segments = new List<ChartSegment>(counts.Length);
            double x = LabelWidth;
            for (int k = 0; k < counts.Length; k++)
            {
                double width = row.Total == 0 ? 0 : (double)counts[k] / row.Total * BarWidth;
                segments.Add(new ChartSegment(Legend[k].CssClass, Legend[k].Label, counts[k], x, width));
                x += width;
            }

            bars.Add(new ChartBar(row.Value, row.Total, Top + (r * RowHeight), segments));
        }

        return new IndicatorChart(bars, LabelWidth + BarWidth + 70, Top + (rows.Count * RowHeight) + 4);
    }
}
