using System.Text;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>PDFsharp writes the document's title as a literal or as UTF-16BE hex: either spells the name.</summary>
public static class PdfText
{
    public static bool InfoContains(byte[] pdf, string text)
    {
        string raw = Encoding.Latin1.GetString(pdf);
        string hex = Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text));
        return raw.Contains(text, StringComparison.Ordinal) || raw.Contains(hex, StringComparison.OrdinalIgnoreCase)
            || raw.Contains(Encoding.Latin1.GetString(Encoding.BigEndianUnicode.GetBytes(text)), StringComparison.Ordinal);
    }
}
