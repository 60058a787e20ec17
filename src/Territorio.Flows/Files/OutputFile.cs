using System.Text;

namespace Territorio.Flows.Files;

/// <summary>
/// An output file being written: the bytes go to a temporary beside the target (same folder, so
/// the final rename is atomic), readable by its owner only; <see cref="Commit"/> moves it into
/// place, and disposing without committing deletes it. A run that fails or is killed never leaves
/// a partial file under a final name, nor overwrites what was there before.
/// </summary>
public sealed class OutputFile : FileStream
{
    private readonly string _target;
    private readonly string _temporary;
    private bool _committed;

    private OutputFile(string target, string temporary, int bufferSize)
        : base(temporary, PrivateFiles.NewFile(bufferSize))
    {
        _target = target;
        _temporary = temporary;
    }

    /// <summary>The file the temporary becomes.</summary>
    public string Target => _target;

    public static OutputFile Create(string path, int bufferSize = 1 << 16)
    {
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target)!;
        string temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        return new OutputFile(target, temporary, bufferSize);
    }

    /// <summary>Writes a whole file as UTF-8 text (no BOM), atomically.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        using var file = Create(path);
        using (var text = new StreamWriter(file, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
        {
            write(text);
        }

        file.Commit();
    }

    /// <summary>Writes a whole file of bytes, atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        using var file = Create(path);
        write(file);
        file.Commit();
    }

    /// <summary>Flushes to disk and moves the temporary onto the target.</summary>
    public void Commit()
    {
        Flush(flushToDisk: true);
        base.Dispose(true);
        File.Move(_temporary, _target, overwrite: true);
        _committed = true;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_committed)
        {
            _committed = true;
            File.Delete(_temporary);
        }
    }
}
