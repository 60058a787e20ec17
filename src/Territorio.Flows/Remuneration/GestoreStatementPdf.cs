using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Territorio.Flows.Printing;
using Territorio.Remuneration.Tariffs;
using Territorio.Remuneration.Yearly;

namespace Territorio.Flows.Remuneration;

/// <summary>
/// The printable yearly statement of one Gestore (A4, Italian): every line with its tariff, days
/// and amount, the totals, the GP pay it passes on; PROVVISORIO on every page when it is.
/// </summary>
public static class GestoreStatementPdf
{
    private const double Margin = 40;
    private const double RowHeight = 13;

    private static readonly (string Header, double Width, bool Right)[] Columns =
    [
        ("Assistito", 118, false), ("Codice fiscale", 84, false), ("Patto", 40, false), ("Pat.", 24, true), ("Liv.", 20, true), ("Dal", 46, false),
        ("Al", 46, false), ("Giorni", 28, true), ("Tariffa €", 52, true), ("Importo €", 56, true),
    ];

    public static void Write(GestoreStatement statement, RemunerationResult result, string path, string? fontDirectory = null, PartyNames? names = null)
    {
        using var file = File.Create(path);
        Write(statement, result, file, fontDirectory, names);
    }

    public static void Write(GestoreStatement statement, RemunerationResult result, Stream output, string? fontDirectory = null, PartyNames? names = null)
    {
        PdfFonts.EnsureConfigured(fontDirectory);
        var n = names ?? PartyNames.None;
        using var document = new PdfDocument();
        document.Info.Title = $"Estratto remunerazione {result.Year} - Gestore " + (n.Gestore(statement.GestoreId) is { Length: > 0 } gestore ? $"{gestore} ({statement.GestoreId})" : statement.GestoreId);
        var page = new Page(document, statement, result, n);

        page.Line(RowText(Columns.Select(c => c.Header)), bold: true);
        foreach (var line in statement.Lines)
        {
            page.Line(RowText([
                n.Patient(line.Period.PatientId) is { Length: > 0 } name ? name : line.Period.PatientId, n.FiscalCode(line.Period.PatientId), line.Period.PactId, Fmt(line.Tariff.Pathology), Fmt(line.Tariff.Level), Date(line.From), Date(line.To),
                Fmt(line.Days), Money(line.Tariff.Total) + (line.Tariff.Provisional ? "*" : ""), Money(line.Amount),
            ]));
        }

        page.Gap();
        page.Text($"Righe: {Fmt(statement.Lines.Count)}   Assistiti: {Fmt(statement.Patients)}", bold: false);
        page.Text($"Totale dovuto dall'ATS al Gestore: € {Money(statement.Total)}", bold: true);
        page.Text($"di cui quote MMG 8% da riconoscere ai MMG della cooperativa: € {Money(statement.MmgShares)}", bold: false);
        page.Text($"compensi per PAI dovuti ai MMG collaboratori: € {Money(statement.PaiFees)}", bold: false);
        page.Gap();
        page.Text("Importo di riga = tariffa × giorni attivi nell'anno / giorni dell'anno, arrotondato al centesimo (DGR X/6164/2017;", bold: false);
        page.Text("decisione 0062). Le motivazioni complete di ogni riga sono nel file righe.csv. * = tariffa provvisoria.", bold: false);

        if (statement.MmgLines.Count > 0)
        {
            page.Gap();
            page.Text("Compensi ai medici di medicina generale", bold: true);
            foreach (var mmg in statement.MmgLines.GroupBy(l => l.MmgId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                decimal shares = mmg.Where(l => l.Kind == MmgPayKind.GpShare).Sum(l => l.Amount);
                decimal fees = mmg.Where(l => l.Kind == MmgPayKind.PaiFee).Sum(l => l.Amount);
                string doctor = n.Doctor(mmg.Key) is { Length: > 0 } name ? $"{name} ({mmg.Key})" : mmg.Key;
                page.Text($"MMG {doctor}: quota 8% € {Money(shares)}; compensi PAI € {Money(fees)}; totale € {Money(shares + fees)}", bold: false);
            }
        }

        page.Finish();
        document.Save(output, closeStream: false);
    }

    private static string[] RowText(IEnumerable<string> cells) => cells.ToArray();

    private static string Fmt(int value) => Italian.Number(value);

    private static string Money(decimal value) => value.ToString("N2", Italian.Culture);

    private static string Date(DateOnly date) => Italian.Date(date);

    /// <summary>Writes lines top-down, starting a new page (with header and footer) when full.</summary>
    private sealed class Page
    {
        private readonly PdfDocument _document;
        private readonly GestoreStatement _statement;
        private readonly RemunerationResult _result;
        private readonly PartyNames _names;
        private readonly XFont _regular = PdfFonts.Font(8);
        private readonly XFont _bold = PdfFonts.Font(8, bold: true);
        private readonly XFont _title = PdfFonts.Font(12, bold: true);
        private PdfPage? _page;
        private XGraphics? _graphics;
        private double _y;
        private int _number;

        public Page(PdfDocument document, GestoreStatement statement, RemunerationResult result, PartyNames names)
        {
            _names = names;
            _document = document;
            _statement = statement;
            _result = result;
            NewPage();
        }

        public void Line(string[] cells, bool bold = false)
        {
            Room();
            double x = Margin;
            for (int i = 0; i < Columns.Length; i++)
            {
                var (_, width, right) = Columns[i];
                var box = new XRect(x, _y, width - 4, RowHeight);
                _graphics!.DrawString(Fit(cells[i], width - 4, bold ? _bold : _regular), bold ? _bold : _regular, XBrushes.Black, box, right ? XStringFormats.TopRight : XStringFormats.TopLeft);
                x += width;
            }

            _y += RowHeight;
        }

        public void Text(string text, bool bold)
        {
            Room();
            _graphics!.DrawString(text, bold ? _bold : _regular, XBrushes.Black, new XRect(Margin, _y, _page!.Width.Point - 2 * Margin, RowHeight), XStringFormats.TopLeft);
            _y += RowHeight;
        }

        public void Gap() => _y += RowHeight / 2;

        public void Finish() => _graphics?.Dispose();

        private void Room()
        {
            if (_y + RowHeight > _page!.Height.Point - Margin - RowHeight)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _number++;
            _y = Margin;
            double width = _page.Width.Point - 2 * Margin;
            _graphics.DrawString($"Estratto annuale {_result.Year} — remunerazione della presa in carico", _title, XBrushes.Black, new XRect(Margin, _y, width, 16), XStringFormats.TopLeft);
            _y += 18;
            string gestore = _names.Gestore(_statement.GestoreId) is { Length: > 0 } name ? $"{name} ({_statement.GestoreId})" : _statement.GestoreId;
            _graphics.DrawString($"Gestore {gestore} — {string.Join(", ", _statement.AtsIds.Select(_names.AtsLabel))} — catalogo {_result.Catalogue.Label} ({_result.Catalogue.Source})",
                _regular, XBrushes.Black, new XRect(Margin, _y, width, RowHeight), XStringFormats.TopLeft);
            _y += RowHeight;
            if (_names.GestoreSeats.GetValueOrDefault(_statement.GestoreId) is { } seat)
            {
                _graphics.DrawString(seat, _regular, XBrushes.Black, new XRect(Margin, _y, width, RowHeight), XStringFormats.TopLeft);
                _y += RowHeight;
            }

            if (_result.Catalogue.Provisional || _statement.UsesProvisionalTariffs)
            {
                _graphics.DrawString("PROVVISORIO: tariffe stimate, non pubblicate dalla Regione — non utilizzabile per pagamenti", _bold, XBrushes.DarkRed,
                    new XRect(Margin, _y, width, RowHeight), XStringFormats.TopLeft);
                _y += RowHeight;
            }

            _graphics.DrawString($"pagina {_number}", _regular, XBrushes.Gray, new XRect(Margin, _page.Height.Point - Margin, width, RowHeight), XStringFormats.TopRight);
            _y += RowHeight / 2;
        }

        private string Fit(string text, double width, XFont font)
        {
            while (text.Length > 1 && _graphics!.MeasureString(text, font).Width > width)
            {
                text = text[..^2] + "…";
            }

            return text;
        }
    }
}
