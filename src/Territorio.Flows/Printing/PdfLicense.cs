using PdfSharp;

namespace Territorio.Flows.Printing;

/// <summary>
/// PDFsharp 6.5 writes nothing until a license is chosen: "AGPL" (its AGPL v3 terms) or a
/// commercial key (base64). Which one is the product owner's decision (decision 0064), so it
/// comes from configuration (<c>Pdf:PdfSharpLicense</c>), never from code.
/// </summary>
public static class PdfLicense
{
    public const string SettingKey = "Pdf:PdfSharpLicense";
    public const string Agpl = "AGPL";

    public static string MissingMessage =>
        $"i PDF richiedono una licenza PDFsharp 6.5: impostare {SettingKey} (variabile Pdf__PdfSharpLicense) a '{Agpl}' " +
        "per usarlo alle condizioni AGPL v3, oppure alla chiave di una licenza commerciale (vedi docs/decisions/0064)";

    /// <summary>Applies the configured license; false when the setting is empty or the key is not valid.</summary>
    public static bool TryApply(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return false;
        }

        if (setting.Trim().Equals(Agpl, StringComparison.OrdinalIgnoreCase))
        {
            PdfSharpLicense.SetAgplLicense();
            return true;
        }

        try
        {
            PdfSharpLicense.LoadLicense(setting.Trim());
            return true;
        }
        catch (Exception)
        {
            // PDFsharp refuses a malformed or foreign key; the caller reports it as missing.
            return false;
        }
    }
}
