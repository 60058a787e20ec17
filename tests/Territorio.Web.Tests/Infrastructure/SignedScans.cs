using Microsoft.Playwright;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>A scanned paper pact as the Gestore uploads it (the first bytes are what the store checks).</summary>
public static class SignedScans
{
    public const string ScanLabel = "Scansione del patto firmato (PDF, PNG o JPEG, al massimo 8 MB)";

    public static readonly byte[] Pdf = "%PDF-1.4\n% Patto di Cura firmato su carta (scansione di prova)\n%%EOF\n"u8.ToArray();

    public static string PdfBase64 => Convert.ToBase64String(Pdf);

    /// <summary>On the enrolment form: signed on paper (the default choice), the scan attached.</summary>
    public static Task AttachPdfAsync(IPage page) =>
        page.GetByLabel(ScanLabel).SetInputFilesAsync(new FilePayload { Name = "patto-firmato.pdf", MimeType = "application/pdf", Buffer = Pdf });
}
