using PdfSharp.Drawing;
using PdfSharp.Pdf;
namespace Territorio.Flows.Printing;

/// <summary>Writes flowing text on A4 pages: headings, wrapped paragraphs, page breaks (care letters, rehab verdicts).</summary>
public sealed class PdfPageWriter : IDisposable
{
    private const double Margin = 56;
    private readonly PdfDocument _document = new();
    private readonly XFont _body = PdfFonts.Font(10.5);
    private readonly XFont _bold = PdfFonts.Font(10.5, bold: true);
    private readonly XFont _title = PdfFonts.Font(15, bold: true);
    private PdfPage _page = null!;
    private XGraphics _graphics = null!;
    private double _y;

    public PdfPageWriter(string title)
    {
        _document.Info.Title = title;
        _document.Info.Creator = "Territorio";
        NewPage();
    }

    public static PdfPageWriter Create(string title)
    {
        PdfFonts.EnsureConfigured();
        return new PdfPageWriter(title);
    }

    private double Width => _page.Width.Point - (2 * Margin);

    public PdfPageWriter Title(string text) => Write(text, _title, 8);

    public PdfPageWriter Heading(string text) => Space(6).Write(text, _bold, 4);

    public PdfPageWriter Paragraph(string text) => Write(text, _body, 4);

    public PdfPageWriter Space(double points)
    {
        _y += points;
        return this;
    }

    /// <summary>Continues on a new page (a new letter of a merged document).</summary>
    public PdfPageWriter PageBreak()
    {
        NewPage();
        return this;
    }

    public void Save(Stream stream) => _document.Save(stream, closeStream: false);

    public void Dispose()
    {
        _graphics.Dispose();
        _document.Dispose();
    }

    private PdfPageWriter Write(string text, XFont font, double after)
    {
        double lineHeight = font.GetHeight() * 1.15;
        foreach (var line in Wrap(text, font))
        {
            if (_y + lineHeight > _page.Height.Point - Margin)
            {
                NewPage();
            }

            _graphics.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, lineHeight), XStringFormats.TopLeft);
            _y += lineHeight;
        }

        _y += after;
        return this;
    }

    private IEnumerable<string> Wrap(string text, XFont font)
    {
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics.MeasureString(candidate, font).Width > Width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            yield return line;
        }
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }
}
