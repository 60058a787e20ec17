using System.Globalization;
using System.Net;
using System.Text;
using Territorio.Stratification.Engine;

namespace Territorio.Flows.Stratification;

/// <summary>
/// Writes the pyramid per region, ATS and GP as CSV and as an HTML page with SVG charts beside
/// the seed's reference shape (DGR X/6164/2017). Both say which criteria were used and whether
/// they are provisional.
/// </summary>
public static class PyramidReportWriter
{
    public const string CsvHeader = "scope,ats,mmg_id,persons,level_1,level_2,level_3,level_4,level_5,share_1,share_2,share_3,share_4,share_5,deceased_excluded,criteria";

    /// <summary>What each level 1–5 means (DGR X/6164/2017, classificazione della domanda).</summary>
    public static readonly IReadOnlyList<string> LevelNames =
        ["fragilità clinica", "cronicità polipatologica", "cronicità monopatologica", "utenti sporadici", "non utenti"];

    public static void WriteCsv(TextWriter writer, StratificationSummary summary, string criteriaLabel)
    {
        writer.WriteLine(CsvHeader);
        string criteria = Quote(criteriaLabel);
        Row(writer, "region", "", "", summary.Pyramid.Region, criteria);
        foreach (var (ats, counts) in summary.Pyramid.ByAts.OrderBy(a => summary.Groups[a.Ats], StringComparer.Ordinal))
        {
            Row(writer, "ats", summary.Groups[ats], "", counts, criteria);
        }

        foreach (var (mmg, ats, counts) in summary.Pyramid.ByMmg.OrderBy(m => summary.Groups[m.Ats], StringComparer.Ordinal).ThenBy(m => summary.Groups[m.Mmg], StringComparer.Ordinal))
        {
            Row(writer, "mmg", summary.Groups[ats], summary.Groups[mmg], counts, criteria);
        }
    }

    public static void WriteHtml(TextWriter writer, StratificationSummary summary, string criteriaLabel, bool provisional, DateOnly asOf)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>Piramide della domanda</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:1rem 0}")
            .Append("td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
            .Append(".prov{background:#fff3cd;border:2px solid #c90;padding:.5rem 1rem;font-weight:bold}.charts{display:flex;gap:2rem;flex-wrap:wrap}")
            .Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Piramide della domanda — stratificazione al {asOf:dd/MM/yyyy}</h1>");
        if (provisional)
        {
            html.Append("<p class=\"prov\">PROVVISORIO: i criteri di classificazione usati non sono quelli ufficiali della DGR X/6164/2017 (")
                .Append(WebUtility.HtmlEncode(criteriaLabel)).Append("). I livelli vanno letti come stima.</p>");
        }
        else
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(criteriaLabel)).Append("</p>");
        }

        var region = summary.Pyramid.Region;
        html.Append(CultureInfo.InvariantCulture, $"<p>Assistiti: {Number(region.Living)} in vita; {Number(region.Deceased)} deceduti prima della data di riferimento, esclusi e contati a parte.</p>");
        html.Append("<div class=\"charts\">")
            .Append(Chart("Regione (questa stratificazione)", l => region.Share(l)))
            .Append(Chart("Riferimento DGR X/6164/2017 (Lombardia)", l => Pyramid.ReferenceShare(Pyramid.ReferenceLombardy, l)))
            .Append("</div>");

        html.Append("<h2>Per ATS</h2><table><tr><th>ATS</th><th>assistiti</th>");
        for (int level = 1; level <= 5; level++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>liv. {level}</th>");
        }

        html.Append("<th>deceduti esclusi</th></tr>");
        HtmlRow(html, "Regione", region);
        foreach (var (ats, counts) in summary.Pyramid.ByAts.OrderBy(a => summary.Groups[a.Ats], StringComparer.Ordinal))
        {
            HtmlRow(html, "ATS " + summary.Groups[ats], counts);
        }

        html.Append("<tr><td>Riferimento DGR (quote)</td><td></td>");
        for (int level = 1; level <= 5; level++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<td>{Number(Pyramid.ReferenceLombardy[level - 1])} ({Percent(Pyramid.ReferenceShare(Pyramid.ReferenceLombardy, level))})</td>");
        }

        html.Append("<td></td></tr></table>");
        html.Append("<h2>Per medico di medicina generale</h2><p>Riferimento per MMG (DGR): 20 / 200 / 300 / 450 / 530 assistiti per livello.</p><table><tr><th>MMG (ATS)</th><th>assistiti</th>");
        for (int level = 1; level <= 5; level++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>liv. {level}</th>");
        }

        html.Append("<th>deceduti esclusi</th></tr>");
        foreach (var (mmg, ats, counts) in summary.Pyramid.ByMmg.OrderBy(m => summary.Groups[m.Ats], StringComparer.Ordinal).ThenBy(m => summary.Groups[m.Mmg], StringComparer.Ordinal))
        {
            string name = summary.Groups[mmg].Length == 0 ? "(senza MMG)" : summary.Groups[mmg];
            HtmlRow(html, $"{name} ({summary.Groups[ats]})", counts);
        }

        html.Append("</table></body></html>");
        writer.Write(html.ToString());
    }

    /// <summary>
    /// A horizontal-bar pyramid as inline SVG (no script, no style attribute): level 1 at the top,
    /// bar width proportional to the share. The web application shows the same chart.
    /// </summary>
    public static string Chart(string title, Func<int, double> share)
    {
        const int width = 420;
        const int barHeight = 30;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{WebUtility.HtmlEncode(title)}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{(barHeight + 6) * 5}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
        string[] colours = ["#b2182b", "#ef8a62", "#fddbc7", "#d1e5f0", "#67a9cf"];
        for (int level = 1; level <= 5; level++)
        {
            double value = share(level);
            double bar = Math.Max(1, value * (width - 20) / 0.4);
            double x = (width - Math.Min(bar, width - 20)) / 2;
            int y = (level - 1) * (barHeight + 6);
            // Dark text with a white halo stays readable over every bar colour.
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y}\" width=\"{Math.Min(bar, width - 20):0.#}\" height=\"{barHeight}\" fill=\"{colours[level - 1]}\"><title>livello {level}: {Percent(value)}</title></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{y + 20}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1f24\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">liv. {level} {LevelNames[level - 1]}: {Percent(value)}</text>");
        }

        return svg.Append("</svg></figure>").ToString();
    }

    private static void HtmlRow(StringBuilder html, string name, Pyramid.Counts counts)
    {
        html.Append("<tr><td>").Append(WebUtility.HtmlEncode(name)).Append("</td><td>").Append(Number(counts.Living)).Append("</td>");
        for (int level = 1; level <= 5; level++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<td>{Number(counts[level])} ({Percent(counts.Share(level))})</td>");
        }

        html.Append("<td>").Append(Number(counts.Deceased)).Append("</td></tr>");
    }

    private static void Row(TextWriter writer, string scope, string ats, string mmg, Pyramid.Counts counts, string criteria)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{scope},{Quote(ats)},{Quote(mmg)},{counts.Living}");
        for (int level = 1; level <= 5; level++)
        {
            line.Append(CultureInfo.InvariantCulture, $",{counts[level]}");
        }

        for (int level = 1; level <= 5; level++)
        {
            line.Append(CultureInfo.InvariantCulture, $",{counts.Share(level):0.######}");
        }

        line.Append(CultureInfo.InvariantCulture, $",{counts.Deceased},{criteria}");
        writer.WriteLine(line.ToString());
    }

    private static string Quote(string value) => Files.CsvCells.Text(value);


    private static string Number(long value) => Italian.Number(value);

    private static string Percent(double share) => share.ToString("0.0%", Italian.Culture);
}
