using System.Globalization;
using System.Net;
using System.Text;
using Territorio.Flows;
using Territorio.Flows.Files;
using Territorio.Flows.Reference;
using Territorio.Rehab.Decree;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Pipeline;

/// <summary>
/// Monitoring indicators per structure, discipline, MDC and level (art.5), as CSV and as a
/// readable HTML page with a chart. Marked provisional when the rule set is.
/// </summary>
public static class RehabReport
{
    /// <summary>Writes <c>name.csv</c> and <c>name.html</c> beside the given path; returns both paths.</summary>
    /// <param name="mdcTable">The diagnosis → MDC table the check read, named in the page; null: not named.</param>
    public static (string Csv, string Html) Write(string path, IReadOnlyList<AdmissionOutcome> admissions, RuleSet rules, string sdoFile, DiagnosisMdcTable? mdcTable = null)
    {
        string csvPath = Path.ChangeExtension(path, ".csv");
        string htmlPath = Path.ChangeExtension(path, ".html");
        var indicators = Monitoring.Indicators(admissions);
        OutputFile.WriteText(csvPath, w => w.Write(Csv(indicators, rules)));
        OutputFile.WriteText(htmlPath, w => w.Write(Html(indicators, rules, sdoFile, mdcTable)));
        return (csvPath, htmlPath);
    }

    public static string Csv(IReadOnlyList<RehabIndicator> indicators, RuleSet rules)
    {
        var text = new StringBuilder();
        text.Append("ruleset,ruleset_version,ruleset_status,dimension,value,total,appropriate,inappropriate,out_of_scope,not_assessable,share_appropriate,median_interval_days\n");
        foreach (var i in indicators)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{RehabOutputs.Csv(rules.Id)},{RehabOutputs.Csv(rules.Version)},{(rules.IsProvisional ? "PROVISIONAL" : rules.Status)},{i.Dimension},{RehabOutputs.Csv(i.Value)},{i.Total},{i.Appropriate},{i.Inappropriate},{i.OutOfScope},{i.NotAssessable},{i.ShareAppropriate?.ToString("0.0000", CultureInfo.InvariantCulture)},{i.MedianIntervalDays?.ToString("0.#", CultureInfo.InvariantCulture)}\n");
        }

        return text.ToString();
    }

    public static string Html(IReadOnlyList<RehabIndicator> indicators, RuleSet rules, string sdoFile, DiagnosisMdcTable? mdcTable = null)
    {
        var it = Italian.Culture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>Appropriatezza dei ricoveri riabilitativi</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".provisional{background:#fff3cd;border:2px solid #d39e00;padding:.75rem;font-weight:bold}</style></head><body>");
        html.Append("<h1>Appropriatezza dei ricoveri di riabilitazione (DM 5 agosto 2021)</h1>");
        if (rules.IsProvisional)
        {
            html.Append("<p class=\"provisional\">PROVVISORIO / PROVISIONAL: gli allegati 1–5 e le soglie delle scale non sono pubblici; questo rapporto usa le regole provvisorie ")
                .Append(WebUtility.HtmlEncode(rules.Label)).Append(", costruito dalla codifica ICD-9-CM. Non ha valore amministrativo (art.6 c.1).</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>File SDO: {WebUtility.HtmlEncode(sdoFile)} — regole {WebUtility.HtmlEncode(rules.Label)}{(mdcTable is null ? "" : " — tabella diagnosi → MDC " + WebUtility.HtmlEncode(mdcTable.Description))} — modalità scale: {(rules.Scales.Mode == ScaleMode.ReportOnly ? "solo rilevazione (sperimentazione)" : "vincolanti")}.</p>");
        html.Append(Chart(indicators.Where(i => i.Dimension == "struttura").Take(30).ToList()));
        foreach (var group in indicators.GroupBy(i => i.Dimension))
        {
            html.Append("<h2>Per ").Append(WebUtility.HtmlEncode(group.Key)).Append("</h2><table><tr><th>")
                .Append(WebUtility.HtmlEncode(group.Key))
                .Append("</th><th>ricoveri</th><th>appropriati</th><th>inappropriati</th><th>fuori ambito</th><th>non valutabili</th><th>% appropriati</th><th>intervallo mediano (gg)</th></tr>");
            foreach (var i in group)
            {
                html.Append("<tr><td>").Append(WebUtility.HtmlEncode(i.Value)).Append("</td><td>")
                    .Append(i.Total.ToString("N0", it)).Append("</td><td>").Append(i.Appropriate.ToString("N0", it)).Append("</td><td>")
                    .Append(i.Inappropriate.ToString("N0", it)).Append("</td><td>").Append(i.OutOfScope.ToString("N0", it)).Append("</td><td>")
                    .Append(i.NotAssessable.ToString("N0", it)).Append("</td><td>").Append(i.ShareAppropriate is { } s ? (s * 100).ToString("0.0", it) : "–")
                    .Append("</td><td>").Append(i.MedianIntervalDays is { } m ? m.ToString("0.#", it) : "–").Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<p>Quota di appropriati: sui ricoveri in ambito (appropriati + inappropriati + non valutabili). Intervallo: giorni tra dimissione per acuti e ammissione in riabilitazione (art.2 c.5), sui ricoveri post-acuzie.</p></body></html>");
        return html.ToString();
    }

    /// <summary>A stacked horizontal bar per structure: appropriate, inappropriate, not assessable, out of scope.</summary>
    private static string Chart(List<RehabIndicator> rows)
    {
        const int BarWidth = 600;
        const int RowHeight = 22;
        int height = (rows.Count * RowHeight) + 40;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<h2>Esiti per struttura</h2><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{BarWidth + 160}\" height=\"{height}\" role=\"img\" aria-label=\"esiti per struttura\">");
        (string Colour, string Label)[] legend = [("#2e7d32", "appropriati"), ("#c62828", "inappropriati"), ("#f9a825", "non valutabili"), ("#9e9e9e", "fuori ambito")];
        for (int k = 0; k < legend.Length; k++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{150 + (k * 150)}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{legend[k].Colour}\"/><text x=\"{166 + (k * 150)}\" y=\"15\" font-size=\"12\">{legend[k].Label}</text>");
        }

        for (int r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            int y = 28 + (r * RowHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 14}\" font-size=\"12\">{WebUtility.HtmlEncode(row.Value)}</text>");
            double x = 150;
            int[] parts = [row.Appropriate, row.Inappropriate, row.NotAssessable, row.OutOfScope];
            for (int k = 0; k < parts.Length; k++)
            {
                double w = row.Total == 0 ? 0 : (double)parts[k] / row.Total * BarWidth;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{RowHeight - 4}\" fill=\"{legend[k].Colour}\"><title>{legend[k].Label}: {parts[k]}</title></rect>");
                x += w;
            }
        }

        return svg.Append("</svg>").ToString();
    }


}
