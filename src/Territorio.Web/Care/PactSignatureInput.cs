using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Pacts;
using Territorio.Web.Api;

namespace Territorio.Web.Care;

/// <summary>
/// How the patient signed, as the web form and the REST API give it: the method's code, and on
/// paper the scan. The former free-text signatory is refused by name (DGR X/6164/2017: the pact is
/// the patient's act, not a name the Gestore types).
/// </summary>
public static class PactSignatureInput
{
    public const string SignatoryField = "patientSignatory", MethodField = "signatureMethod", ScanField = "signatureScan";

    /// <summary>The REST request's fields (the scan as base64).</summary>
    public static (SignatureMethod? Method, Stream? Scan) Read(string? patientSignatory, string? methodCode, string? scanBase64, ApiProblems.Validation validation)
    {
        byte[]? scan = null;
        if (!string.IsNullOrWhiteSpace(scanBase64))
        {
            scan = new byte[scanBase64.Length * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(scanBase64.Trim(), scan, out int written))
            {
                validation.Add(ScanField, "Scansione del patto firmato: non è un contenuto base64 valido");
                return (null, null);
            }

            Array.Resize(ref scan, written);
        }

        return Read(patientSignatory, methodCode, scan, validation);
    }

    /// <summary>The form's or the request's fields, with the scan's bytes (null: none sent).</summary>
    public static (SignatureMethod? Method, Stream? Scan) Read(string? patientSignatory, string? methodCode, byte[]? scan, ApiProblems.Validation validation)
    {
        if (!string.IsNullOrWhiteSpace(patientSignatory))
        {
            validation.Add(SignatoryField, $"Firma del paziente come testo libero: non più accettata; indicare {MethodField} (\"{GroundNames.PaperCode}\" con la scansione del patto firmato, o \"{GroundNames.PatientPageCode}\" se il paziente ha confermato dalla sua pagina)");
        }

        var method = GroundNames.OperatorMethod(methodCode);
        if (method is null)
        {
            validation.Add(MethodField, string.IsNullOrWhiteSpace(methodCode)
                ? $"Modo della firma: campo obbligatorio (\"{GroundNames.PaperCode}\" o \"{GroundNames.PatientPageCode}\")"
                : $"Modo della firma: \"{methodCode.Trim()}\" non previsto (\"{GroundNames.PaperCode}\" o \"{GroundNames.PatientPageCode}\")");
        }

        if (method == SignatureMethod.Paper)
        {
            if (scan is null)
            {
                validation.Add(ScanField, "Scansione del patto firmato: obbligatoria per la firma su carta (PDF o immagine PNG/JPEG)");
            }
            else if (SignedPactScans.Refusal(scan) is { } refusal)
            {
                validation.Add(ScanField, "Scansione del patto firmato: " + refusal);
            }
        }

        return (method, method == SignatureMethod.Paper && scan is not null ? new MemoryStream(scan, writable: false) : null);
    }

    /// <summary>The scan uploaded with a form (null: none); a file larger than a scan is refused without reading it all.</summary>
    public static async Task<byte[]?> ReadUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is not { Length: > 0 })
        {
            return null;
        }

        if (file.Length > SignedPactScans.MaxBytes)
        {
            return new byte[SignedPactScans.MaxBytes + 1];
        }

        using var memory = new MemoryStream((int)file.Length);
        await file.CopyToAsync(memory, ct);
        return memory.ToArray();
    }
}
