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

    /// <summary>The layout chosen (a shipped one's name, or <see cref="SdoLayouts.Uploaded"/>); sent before the file.</summary>
    public const string LayoutField = "layout";

    /// <summary>The layout JSON, when the choice is <see cref="SdoLayouts.Uploaded"/>; sent before the file.</summary>
    public const string LayoutFileField = "layoutFile";

    private const int MaxTokenLength = 8 * 1024;

    /// <summary>The uploaded file, or null when the form carried none. A missing or bad token throws.</summary>
    public static async Task<UploadedSdo?> ReadAsync(HttpContext http, IAntiforgery antiforgery, AntiforgeryOptions options, RehabWebOptions rehab, SdoLayouts layouts, CancellationToken ct)
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
        string? layoutChoice = null;
        UploadedLayout? layoutFile = null;
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
            else if (validated && name == LayoutField)
            {
                layoutChoice = System.Text.Encoding.UTF8.GetString(await ReadSmallAsync(section.Body, 200, "scelta del layout troppo lunga", ct));
                // The page shows the same choice again if the upload is refused.
                http.Items[LayoutField] = layoutChoice.Trim();
            }
            else if (validated && name == LayoutFileField && disposition.IsFileDisposition())
            {
                var layoutName = disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName;
                if (HeaderUtilities.RemoveQuotes(layoutName).Value is { Length: > 0 } givenLayout)
                {
                    layoutFile = new UploadedLayout(SdoUpload.SafeName(givenLayout), await ReadSmallAsync(section.Body, SdoLayouts.MaxLayoutBytes,
                        $"il layout supera {SdoLayouts.MaxLayoutBytes / 1024} KB", ct));
                }
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

                // The layout is read before the file is received: a bad one is refused at once.
                var layout = Choose(layouts, layoutChoice, layoutFile);
                var file = await SdoUpload.SaveAsync(section.Body, given, rehab.MaxUploadBytes, rehab.TempDirectory, ct);
                file.Layout = layout;
                return file;
            }
        }

        if (!validated)
        {
            throw new AntiforgeryValidationException("token antiforgery mancante");
        }

        return null;
    }

    private sealed record UploadedLayout(string FileName, byte[] Json);

    private static Territorio.Flows.Layouts.FlowLayout? Choose(SdoLayouts layouts, string? choice, UploadedLayout? uploaded)
    {
        if (choice?.Trim() != SdoLayouts.Uploaded)
        {
            return layouts.Named(choice);
        }

        return uploaded is null
            ? throw new LayoutRefusedException(new Territorio.Kernel.Errors.InputError("(modulo)", 0, LayoutFileField, "", "scelto un layout proprio, ma nessun file JSON del layout è stato caricato"))
            : SdoLayouts.Parse(uploaded.Json, uploaded.FileName);
    }

    /// <summary>A small part of the form, whole, refused beyond <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]> ReadSmallAsync(Stream body, int limit, string tooLong, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await body.ReadAsync(buffer, ct)) > 0)
        {
            copy.Write(buffer, 0, n);
            if (copy.Length > limit)
            {
                throw new LayoutRefusedException(new Territorio.Kernel.Errors.InputError("(modulo)", 0, LayoutFileField, "", tooLong));
            }
        }

        return copy.ToArray();
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
