using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.Flows.Printing;

namespace Territorio.Web.Pages.Ats.Lettere;

/// <summary>Letters as a PDF download, with the PDFsharp license the configuration chooses (decision 0090).</summary>
public static class LetterDownload
{
    public static IActionResult File(IConfiguration configuration, string atsName, IReadOnlyList<LetterContent> letters, string fileName)
    {
        if (!PdfLicense.TryApply(configuration[PdfLicense.SettingKey]))
        {
            return new ObjectResult(PdfLicense.MissingMessage) { StatusCode = StatusCodes.Status503ServiceUnavailable };
        }

        var pdf = new MemoryStream();
        CareDocuments.WriteLetters(letters, atsName, pdf);
        return new FileContentResult(pdf.ToArray(), "application/pdf") { FileDownloadName = fileName };
    }
}
