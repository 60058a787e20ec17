using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Territorio.Web.Rehab;

/// <summary>An uploaded SDO file copied to its own temporary folder; disposing deletes it.</summary>
public sealed class UploadedSdo(string folder, string path, string fileName, long bytes, long dataRows) : IDisposable
{
    public string Path { get; } = path;

    /// <summary>The name the user gave the file (sanitised): error messages and the run name it.</summary>
    public string FileName { get; } = fileName;

    public long Bytes { get; } = bytes;

    /// <summary>Records after the header (quoted line breaks do not start a record; blank lines are not records).</summary>
    public long DataRows { get; } = dataRows;

    /// <summary>The region's layout the file is in (decision 0146); null: Territorio's own columns.</summary>
    public Territorio.Flows.Layouts.FlowLayout? Layout { get; set; }

    /// <summary>The file's private folder: a layout's rewrite goes there too, and goes with it.</summary>
    public string Folder { get; } = folder;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or still open on a slow file system: the temporary folder is the system's to clean.
        }
    }
}

/// <summary>Refused upload: larger than <see cref="RehabWebOptions.MaxUploadMegabytes"/>.</summary>
public sealed class UploadTooLargeException(long limitBytes)
    : Exception($"il file supera il limite di {ItalianFormat.Number(limitBytes / (1024 * 1024))} MB")
{
    public long LimitBytes { get; } = limitBytes;
}

/// <summary>
/// Streams an upload to a temporary file in 64 KB pieces, stopping at the size limit and counting
/// the CSV records on the way, so that a file of any size costs no memory.
/// </summary>
public static class SdoUpload
{
    private const int ChunkSize = 64 * 1024;

    private const string FolderPrefix = "territorio-sdo-";

    private static string Root(string? tempDirectory) => tempDirectory is { Length: > 0 } t ? t : System.IO.Path.GetTempPath();

    /// <summary>
    /// At start-up: removes upload folders whose server process is gone (a crash, a kill -9), so
    /// that no SDO file outlives the request that brought it. Folders of live processes are kept.
    /// </summary>
    public static int RemoveLeftovers(string? tempDirectory)
    {
        string root = Root(tempDirectory);
        if (!Directory.Exists(root))
        {
            return 0;
        }

        int removed = 0;
        foreach (string folder in Directory.EnumerateDirectories(root, FolderPrefix + "*"))
        {
            string rest = System.IO.Path.GetFileName(folder)[FolderPrefix.Length..];
            int dash = rest.IndexOf('-', StringComparison.Ordinal);
            // This process may host several applications (tests): its own folders are live uploads.
            if (dash > 0 && int.TryParse(rest.AsSpan(0, dash), out int pid) && (pid == Environment.ProcessId || IsRunning(pid)))
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another user's folder, or in use: not ours to remove.
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Lets the request body reach the upload limit (Kestrel's default is 30 MB); a little more for multipart framing.</summary>
    public static void AllowBody(HttpContext http, long maxBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes + (64 * 1024);
        }
    }

    public static async Task<UploadedSdo> SaveAsync(Stream content, string? fileName, long maxBytes, string? tempDirectory, CancellationToken ct)
    {
        string name = SafeName(fileName);
        // The process id in the name lets a restarted server remove what a crashed one left (RemoveLeftovers).
        string folder = System.IO.Path.Combine(Root(tempDirectory), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, Territorio.Flows.Files.PrivateFiles.OwnerOnlyDirectory);
        }

        string path = System.IO.Path.Combine(folder, name);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            var records = new CsvRecordCounter();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = ChunkSize, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = Territorio.Flows.Files.PrivateFiles.OwnerOnly;
            }

            await using (var file = new FileStream(path, options))
            {
                int n;
                while ((n = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), ct)) > 0)
                {
                    total += n;
                    if (total > maxBytes)
                    {
                        throw new UploadTooLargeException(maxBytes);
                    }

                    records.Feed(buffer.AsSpan(0, n));
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }

            return new UploadedSdo(folder, path, name, total, Math.Max(0, records.Complete() - 1));
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The file name without any folder, with only harmless characters, never empty.</summary>
    public static string SafeName(string? fileName)
    {
        string name = System.IO.Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).Trim('.');
        return safe.Length == 0 ? "sdo.csv" : safe[..Math.Min(safe.Length, 200)];
    }
}

/// <summary>Counts RFC 4180 records: a line feed inside quotes does not end one; empty lines are not records.</summary>
public struct CsvRecordCounter
{
    private long _records;
    private bool _quoted;
    private bool _content;

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            int i = _quoted ? data.IndexOf((byte)'"') : data.IndexOfAny((byte)'"', (byte)'\n');
            if (i < 0)
            {
                _content |= _quoted || ContainsContent(data);
                return;
            }

            if (data[i] == (byte)'"')
            {
                _quoted = !_quoted;
                _content = true;
            }
            else
            {
                _content |= ContainsContent(data[..i]);
                if (_content)
                {
                    _records++;
                }

                _content = false;
            }

            data = data[(i + 1)..];
        }
    }

    /// <summary>Records seen, the last one counted even without a final line feed.</summary>
    public readonly long Complete() => _records + (_content ? 1 : 0);

    // A carriage return alone (CRLF files) is not content.
    private static bool ContainsContent(ReadOnlySpan<byte> data) => data.IndexOfAnyExcept((byte)'\r') >= 0;
}
