using PdfSharp.Fonts;

namespace Territorio.CareManagement.Application.Documents;

/// <summary>No TrueType font for the printable documents: says what to install.</summary>
public sealed class FontNotFoundException(string message) : Exception(message);

/// <summary>
/// PDFsharp 6 on Linux has no system font access: this resolver serves DejaVu Sans (Debian
/// fonts-dejavu-core) or Liberation Sans from the usual folders, or from <c>TERRITORIO_FONTS</c>.
/// </summary>
internal sealed class PdfFonts : IFontResolver
{
    public const string Family = "Territorio Sans";
    public const string FolderVariable = "TERRITORIO_FONTS";

    private static readonly Lock Gate = new();
    private static bool _installed;

    private static readonly (string Regular, string Bold)[] Candidates =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ];

    private static readonly string[] Folders =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/truetype/liberation",
        "/usr/share/fonts/liberation",
        "/usr/local/share/fonts",
    ];

    private readonly byte[] _regular;
    private readonly byte[] _bold;

    private PdfFonts(string regular, string bold)
    {
        _regular = File.ReadAllBytes(regular);
        _bold = File.ReadAllBytes(bold);
    }

    /// <summary>Base64 commercial PDFsharp license; without it the AGPL license is chosen (docs/decisions/0053).</summary>
    public const string LicenseVariable = "TERRITORIO_PDFSHARP_LICENSE";

    /// <summary>
    /// Chooses the PDFsharp license and installs the font resolver, once per process; fails with a
    /// clear message when no font exists.
    /// </summary>
    public static void EnsureReady()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return;
            }

            if (Environment.GetEnvironmentVariable(LicenseVariable) is { Length: > 0 } commercial)
            {
                PdfSharp.PdfSharpLicense.LoadLicense(commercial);
            }
            else
            {
                PdfSharp.PdfSharpLicense.SetAgplLicense();
            }

            var folders = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } custom ? [custom, .. Folders] : Folders;
            foreach (var folder in folders)
            {
                foreach (var (regular, bold) in Candidates)
                {
                    string r = Path.Combine(folder, regular), b = Path.Combine(folder, bold);
                    if (File.Exists(r) && File.Exists(b))
                    {
                        GlobalFontSettings.FontResolver ??= new PdfFonts(r, b);
                        _installed = true;
                        return;
                    }
                }
            }

            throw new FontNotFoundException(
                "nessun font TrueType per i documenti PDF: installare il pacchetto fonts-dejavu-core (apt-get install fonts-dejavu-core) " +
                $"oppure indicare in {FolderVariable} una cartella con DejaVuSans.ttf e DejaVuSans-Bold.ttf");
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "territorio-bold" : "territorio-regular");

    public byte[]? GetFont(string faceName) => faceName == "territorio-bold" ? _bold : _regular;
}
