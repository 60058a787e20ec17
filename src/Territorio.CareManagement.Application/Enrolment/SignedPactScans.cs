using Territorio.CareManagement.Common;
using Territorio.Flows.Files;

namespace Territorio.CareManagement.Application.Enrolment;

/// <summary>
/// The scans of pacts signed on paper, kept in the data folder's <c>patti-firmati</c> (folder 0700,
/// files 0600: health data, readable only by the service's account). A scan is a PDF, PNG or JPEG
/// (recognised by its first bytes, not by its name) of at most <see cref="MaxBytes"/>; it is stored
/// under a name Territorio makes, so no uploaded name ever reaches the file system.
/// </summary>
public sealed class SignedPactScans(string dataDirectory)
{
    /// <summary>A scanned A4 page or two; a larger file is refused, never cut.</summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    private const string FolderName = "patti-firmati";

    private string Folder => Path.Combine(Path.GetFullPath(dataDirectory), FolderName);

    /// <summary>Stores a scan and returns its stored name; refuses an empty, oversized or unknown file.</summary>
    public async Task<string> StoreAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new CareRuleException($"la scansione del patto supera {MaxBytes / (1024 * 1024)} MB");
            }

            buffer.Write(chunk, 0, read);
        }

        if (Refusal(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } refusal)
        {
            throw new CareRuleException(refusal);
        }

        string extension = ExtensionOf(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))!;
        if (!Directory.Exists(Folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Folder);
            }
            else
            {
                Directory.CreateDirectory(Folder, PrivateFiles.OwnerOnlyDirectory);
            }
        }

        string name = $"patto-{Guid.NewGuid():N}{extension}";
        OutputFile.Write(Path.Combine(Folder, name), file => buffer.WriteTo(file));
        return name;
    }

    /// <summary>The stored scan to send to an authorised reader; null when the name is not one Territorio made or the file is gone.</summary>
    public Stream? Open(string storedName)
    {
        if (!IsStoredName(storedName))
        {
            return null;
        }

        string path = Path.Combine(Folder, storedName);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    /// <summary>Removes a scan whose pact was refused.</summary>
    public void Delete(string storedName)
    {
        if (IsStoredName(storedName))
        {
            File.Delete(Path.Combine(Folder, storedName));
        }
    }

    public static string ContentType(string storedName) => Path.GetExtension(storedName) switch
    {
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        _ => "image/jpeg",
    };

    /// <summary>Why a file cannot be a pact's scan (empty, too large, not PDF/PNG/JPEG), or null when it can.</summary>
    public static string? Refusal(ReadOnlySpan<byte> content) =>
        content.IsEmpty ? "la scansione del patto è vuota"
        : content.Length > MaxBytes ? $"la scansione del patto supera {MaxBytes / (1024 * 1024)} MB"
        : ExtensionOf(content) is null ? "la scansione del patto deve essere un PDF o un'immagine PNG o JPEG"
        : null;

    // "patto-" + 32 hex digits + extension: what StoreAsync makes, nothing else (no path can be smuggled in).
    private static bool IsStoredName(string name) =>
        name.Length == 42 && name.StartsWith("patto-", StringComparison.Ordinal)
        && Guid.TryParseExact(name.AsSpan(6, 32), "N", out _)
        && Path.GetExtension(name) is ".pdf" or ".png" or ".jpg";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    private static string? ExtensionOf(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? ".pdf"
        : bytes.StartsWith(PngSignature) ? ".png"
        : bytes.StartsWith(JpegSignature) ? ".jpg"
        : null;
}
