using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Territorio.Web.Rehab;

/// <summary>
/// The upload form of the screens, read as a stream: the framework would buffer the whole file
/// to check the antiforgery token first. The form sends the token before the file, so the token
/// is checked as soon as it arrives (through the antiforgery header, which the framework reads
/// without touching the form) and the file then flows straight to its temporary copy.
/// </summary>
public static class SdoUploadForm
{
    public const string FileField = "sdo";

    private const int MaxTokenLength = 8 * 1024;

    /// <summary>The uploaded file, or null when the form carried none. A missing or bad token throws.</summary>
    public static async Task<UploadedSdo?> ReadAsync(HttpContext http, IAntiforgery antiforgery, AntiforgeryOptions options, RehabWebOptions rehab, CancellationToken ct)
    {
        SdoUpload.AllowBody(http, rehab.MaxUploadBytes);
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            // Not a file upload: an ordinary (small) form, checked the ordinary way.
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }

        string header = options.HeaderName ?? throw new InvalidOperationException("antiforgery header name not configured");
        var reader = new MultipartReader(boundary, http.Request.Body);
        bool validated = false;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            string? name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (!validated && name == options.FormFieldName)
            {
                http.Request.Headers[header] = await ReadTokenAsync(section.Body, ct);
                await antiforgery.ValidateRequestAsync(http);
                validated = true;
            }
            else if (name == FileField && disposition.IsFileDisposition())
            {
                if (!validated)
                {
                    throw new AntiforgeryValidationException("il token antiforgery deve precedere il file");
                }

                var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName;
                string? given = HeaderUtilities.RemoveQuotes(fileName).Value;
                if (string.IsNullOrEmpty(given))
                {
                    // A file field left empty: browsers send an empty part without a name.
                    continue;
                }

                return await SdoUpload.SaveAsync(section.Body, given, rehab.MaxUploadBytes, rehab.TempDirectory, ct);
            }
        }

        if (!validated)
        {
            throw new AntiforgeryValidationException("token antiforgery mancante");
        }

        return null;
    }

    private static async Task<string> ReadTokenAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[MaxTokenLength + 1];
        int length = 0;
        int n;
        while (length <= MaxTokenLength && (n = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += n;
        }

        return length > MaxTokenLength
            ? throw new AntiforgeryValidationException("token antiforgery troppo lungo")
            : System.Text.Encoding.ASCII.GetString(buffer, 0, length);
    }
}
