using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>What a PDF of the product says: its title, and its pages' text read back through each font's ToUnicode map.</summary>
public static partial class PdfText
{
    /// <summary>PDFsharp writes the document's title as a literal or as UTF-16BE hex: either spells the name.</summary>
    public static bool InfoContains(byte[] pdf, string text)
    {
        string raw = Encoding.Latin1.GetString(pdf);
        string hex = Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text));
        return raw.Contains(text, StringComparison.Ordinal) || raw.Contains(hex, StringComparison.OrdinalIgnoreCase)
            || raw.Contains(Encoding.Latin1.GetString(Encoding.BigEndianUnicode.GetBytes(text)), StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether the pages say <paramref name="text"/>, whitespace aside: a paragraph that wraps is
    /// read back without the space at its line break.
    /// </summary>
    public static bool Says(byte[] pdf, string text) => WithoutSpaces(Of(pdf)).Contains(WithoutSpaces(text), StringComparison.Ordinal);

    private static string WithoutSpaces(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The text of every page, a line per text object (PdfPageWriter draws one line at a time).</summary>
    public static string Of(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            IReadOnlyDictionary<int, string> glyphs = new Dictionary<int, string>();
            foreach (var op in ContentReader.ReadContent(page).OfType<COperator>())
            {
                switch (op.OpCode.Name)
                {
                    case "Tf" when op.Operands[0] is CName font:
                        glyphs = ToUnicode(fonts?.Elements.GetDictionary(font.Name));
                        break;
                    case "Tj" when op.Operands[0] is CString shown:
                        Decode(shown, glyphs, text);
                        break;
                    case "TJ" when op.Operands[0] is CArray parts:
                        foreach (var part in parts.OfType<CString>())
                        {
                            Decode(part, glyphs, text);
                        }

                        break;
                    case "ET":
                        text.Append('\n');
                        break;
                }
            }
        }

        return text.ToString();
    }

    // Identity-H fonts: two bytes per glyph; single-byte fonts: one.
    private static void Decode(CString shown, IReadOnlyDictionary<int, string> glyphs, StringBuilder text)
    {
        string value = shown.Value;
        if (glyphs.Count == 0)
        {
            text.Append(value);
            return;
        }

        for (int i = 0; i + 1 < value.Length; i += 2)
        {
            text.Append(glyphs.GetValueOrDefault((value[i] << 8) | value[i + 1], "?"));
        }
    }

    private static Dictionary<int, string> ToUnicode(PdfDictionary? font)
    {
        var map = new Dictionary<int, string>();
        if (font?.Elements.GetDictionary("/ToUnicode")?.Stream.UnfilteredValue is not { } bytes)
        {
            return map;
        }

        string cmap = Encoding.ASCII.GetString(bytes);
        foreach (Match section in Section().Matches(cmap))
        {
            bool range = section.Groups[1].Value == "range";
            foreach (Match entry in (range ? RangeEntry() : CharEntry()).Matches(section.Groups[2].Value))
            {
                int from = Hex(entry.Groups[1].Value);
                int to = range ? Hex(entry.Groups[2].Value) : from;
                string target = entry.Groups[range ? 3 : 2].Value;
                int first = Hex(target);
                for (int glyph = from; glyph <= to; glyph++)
                {
                    map[glyph] = to == from ? Encoding.BigEndianUnicode.GetString(Convert.FromHexString(target)) : char.ConvertFromUtf32(first + glyph - from);
                }
            }
        }

        return map;
    }

    private static int Hex(string value) => int.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"beginbf(char|range)(.*?)endbf\1", RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex CharEntry();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex RangeEntry();
}
