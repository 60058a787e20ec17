using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.Flows.Printing;

namespace Territorio.Web.Care;

/// <summary>
/// The Patto di Cura and the PAI as PDFs, for whoever sees them in a patient file (Gestore, MMG,
/// patient): the CLI's generators (PDFsharp), on a file the caller already opened through
/// <see cref="PatientFileQuery"/> (access checked and logged).
/// </summary>
public sealed class CareDocumentDownloads(CareServices care, IConfiguration configuration, SignedPactScans scans)
{
    /// <summary>
    /// The scan of a pact of the file signed on paper, or of its renewal number <paramref name="renewal"/>
    /// (404 for another patient's pact, or a pact or renewal without scan).
    /// </summary>
    public IActionResult SignatureScan(PatientFile? file, long pactId, int? renewal = null)
    {
        var pact = file?.Pacts.FirstOrDefault(p => p.Id == pactId);
        string? stored = renewal is { } number ? pact?.RenewalHistory.FirstOrDefault(r => r.Number == number)?.Scan : pact?.SignatureScan;
        if (stored is null || scans.Open(stored) is not { } content)
        {
            return new NotFoundResult();
        }

        string name = renewal is { } n ? $"patto-di-cura-{pactId}-rinnovo-{n}-firmato" : $"patto-di-cura-{pactId}-firmato";
        return new FileStreamResult(content, SignedPactScans.ContentType(stored)) { FileDownloadName = name + Path.GetExtension(stored) };
    }

    public async Task<IActionResult> PactAsync(PatientFile? file, CancellationToken ct)
    {
        if (file?.ActivePact is not { } pact)
        {
            return new NotFoundResult();
        }

        return await PdfAsync($"patto-di-cura-{pact.Id}.pdf", async output =>
        {
            var (found, gestore, pai) = await care.Enrolment.PactDocumentAsync(pact.Id, ct);
            await care.WritePactAsync(found, gestore, pai, output, ct);
        });
    }

    public async Task<IActionResult> PaiAsync(PatientFile? file, CancellationToken ct)
    {
        if (file?.ActivePact is not { } pact || file.ActivePai is not { } version)
        {
            return new NotFoundResult();
        }

        return await PdfAsync($"pai-{pact.PatientId}-versione-{version.Number}.pdf", async output =>
        {
            var (found, gestore, _) = await care.Enrolment.PactDocumentAsync(pact.Id, ct);
            var doctor = found.MmgId is null ? null : await care.Db.GeneralPractitioners.FindAsync([found.MmgId], ct);
            var document = new PaiDocument(version, found, gestore, file.Patient.FiscalCode is { } cf ? $"{file.Patient.Name}, codice fiscale {cf}" : file.Patient.Id, care.Catalogues.HasProvisionalItems(version), care.Catalogues.PathologyName)
            {
                GestoreSeat = await care.Organisations.FindAsync(Kernel.Organisations.OrganisationKind.Gestore, gestore.Id, ct),
                DoctorName = doctor is null ? null : $"{doctor.DisplayName} ({doctor.Id})",
            };
            CareDocuments.WritePai(document, output);
        });
    }

    private async Task<IActionResult> PdfAsync(string fileName, Func<Stream, Task> write)
    {
        if (!PdfLicense.TryApply(configuration[PdfLicense.SettingKey]))
        {
            return new ObjectResult(PdfLicense.MissingMessage) { StatusCode = StatusCodes.Status503ServiceUnavailable };
        }

        var pdf = new MemoryStream();
        await write(pdf);
        return new FileContentResult(pdf.ToArray(), "application/pdf") { FileDownloadName = fileName };
    }
}
