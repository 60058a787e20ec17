using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Territorio.Flows.Printing;

/// <summary>
/// PDFsharp on Linux has no font of its own: this resolver serves one sans-serif family from the
/// system's TrueType files (DejaVu Sans, else Liberation Sans), decision 0064. Set once per
/// process, as PDFsharp requires; a clear error when no font is installed.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    /// <summary>The family name documents use.</summary>
    public const string Family = "Territorio Sans";

    private static readonly string[] SearchRoots = ["/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/fonts/truetype"];

    private static readonly (string Regular, string Bold)[] Candidates =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ];

    private static readonly Lock Gate = new();

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private PdfFonts(byte[] regular, byte[] bold)
    {
        _regular = regular;
        _bold = bold;
    }

    /// <summary>Installs the resolver unless one is already set (by this or another module).</summary>
    public static void EnsureConfigured(string? fontDirectory = null)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not null)
            {
                return;
            }

            var (regular, bold) = Find(fontDirectory);
            GlobalFontSettings.FontResolver = new PdfFonts(File.ReadAllBytes(regular), File.ReadAllBytes(bold));
        }
    }

    public static (string Regular, string Bold) Find(string? fontDirectory)
    {
        string[] roots = fontDirectory is null ? SearchRoots : [fontDirectory];
        foreach (var (regular, bold) in Candidates)
        {
            foreach (string root in roots.Where(Directory.Exists))
            {
                string? r = Directory.EnumerateFiles(root, regular, SearchOption.AllDirectories).FirstOrDefault();
                string? b = Directory.EnumerateFiles(root, bold, SearchOption.AllDirectories).FirstOrDefault();
                if (r is not null && b is not null)
                {
                    return (r, b);
                }
            }
        }

        throw new FileNotFoundException(
            $"nessun font TrueType per i PDF (cercati DejaVu Sans e Liberation Sans in {string.Join(", ", roots)}): " +
            "installare il pacchetto fonts-dejavu-core (apt-get install fonts-dejavu-core)");
    }

    /// <summary>
    /// A font of the family for every PDF Territorio writes. Always Unicode (Identity-H with a
    /// ToUnicode map): with PDFsharp's automatic choice a title such as "2026 — remunerazione" lost
    /// its dash, and readers could not copy "—", "€" or "•" back out of the page.
    /// </summary>
    public static XFont Font(double size, bool bold = false) =>
        new(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "territorio-bold" : "territorio-regular", false, italic);

    public byte[]? GetFont(string faceName) => faceName == "territorio-bold" ? _bold : _regular;
}
