using System.Text;
using System.Text.Unicode;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Files;

/// <summary>
/// A file's bytes as they are read, refused at the first thing that is not UTF-8 text: a UTF-16 or
/// UTF-32 byte-order mark, a NUL byte (a binary file, or UTF-16 without its mark), a byte sequence
/// that is not UTF-8 (Latin-1 or Windows-1252 from a spreadsheet), a file cut inside a character.
/// The error names the file and the physical line. A UTF-8 byte-order mark is skipped.
/// </summary>
public sealed class CheckedTextStream : Stream
{
    private readonly Stream _inner;
    private readonly string _fileName;
    private readonly byte[] _carry = new byte[4];
    private int _carryLength;
    private bool _started;
    private long _line = 1;
    private long _bytes;

    private readonly bool _validateUtf8;

    public CheckedTextStream(Stream inner, string fileName)
        : this(inner, fileName, validateUtf8: true)
    {
    }

    /// <param name="validateUtf8">
    /// False for <see cref="Utf8FileReader"/>, whose strict decoder validates as it decodes: only the
    /// byte-order mark and NUL bytes are checked here, and a NUL throws <see cref="TextFault"/> for
    /// the reader to locate by reading the file again with validation.
    /// </param>
    internal CheckedTextStream(Stream inner, string fileName, bool validateUtf8)
    {
        _inner = inner;
        _fileName = fileName;
        _validateUtf8 = validateUtf8;
    }

    /// <summary>Opens a file as checked UTF-8 text, for readers that take a <see cref="TextReader"/>.</summary>
    /// <param name="shownAs">The name errors give the file (an upload's own name, not its temporary path).</param>
    public static StreamReader OpenText(string path, string? shownAs = null) =>
        new(new CheckedTextStream(OpenFile(path), shownAs ?? path), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, 1 << 16);

    /// <summary>The file for sequential reading; one that cannot be opened is the input's fault, named as such.</summary>
    internal static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputDataException(new InputError(path, 0, InputError.WholeFile, "", "file non leggibile: " + ex.Message));
        }
    }

    /// <summary>
    /// Checks the first <paramref name="length"/> bytes of a file read by a scanner of its own (the
    /// SDO flow): an empty file, a foreign encoding or a binary file is refused before the scan.
    /// </summary>
    public static void CheckHead(string path, string? shownAs = null, int length = 1 << 16)
    {
        using var text = OpenText(path, shownAs);
        var buffer = new char[length];
        int read = text.ReadBlock(buffer, 0, length);
        if (read == 0 || buffer.AsSpan(0, read).Trim().IsEmpty)
        {
            throw new InputDataException(new InputError(shownAs ?? path, 1, InputError.WholeFile, "", "file vuoto: attesa l'intestazione"));
        }
    }

    /// <summary>Bytes read so far (after the byte-order mark), for "empty file" checks.</summary>
    public long BytesRead => _bytes;

    /// <summary>Told the byte count of every read, for a progress display; null: not told.</summary>
    internal Action<long>? Counted { get; init; }

    public override int Read(Span<byte> buffer)
    {
        int read;
        if (!_started)
        {
            _started = true;
            read = ReadAfterByteOrderMark(buffer);
        }
        else
        {
            read = _inner.Read(buffer);
            Check(buffer[..read]);
        }

        Counted?.Invoke(read);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    private int ReadAfterByteOrderMark(Span<byte> buffer)
    {
        Span<byte> head = stackalloc byte[4];
        int got = ReadAtLeast(head);
        head = head[..got];
        string? foreign = head switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] or [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32",
            [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] => "UTF-16",
            _ => null,
        };
        if (foreign is not null)
        {
            throw Refused(1, $"codifica {foreign} (indicata dal BOM) non accettata: salvare il file come testo UTF-8");
        }

        int skip = head is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
        var rest = head[skip..];
        rest.CopyTo(buffer);
        int read = rest.Length;
        if (read > 0 && buffer.Length > read)
        {
            read += _inner.Read(buffer[read..]);
        }

        Check(buffer[..read]);
        return read;
    }

    private int ReadAtLeast(Span<byte> head)
    {
        int got = 0;
        while (got < head.Length)
        {
            int n = _inner.Read(head[got..]);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        return got;
    }

    private void Check(ReadOnlySpan<byte> bytes)
    {
        if (!_validateUtf8)
        {
            _bytes += bytes.Length;
            if (bytes.Contains((byte)0))
            {
                throw new TextFault();
            }

            return;
        }

        if (bytes.IsEmpty)
        {
            if (_carryLength > 0)
            {
                throw Refused(_line, "il file termina a metà di un carattere UTF-8 (file troncato?)");
            }

            return;
        }

        _bytes += bytes.Length;
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw Refused(_line + bytes[..nul].Count((byte)'\n'),
                "byte nullo: file binario o in UTF-16 senza BOM, atteso testo UTF-8");
        }

        // A character split across two reads: complete it with the first bytes of this read.
        int start = 0;
        if (_carryLength > 0)
        {
            int need = SequenceLength(_carry[0]) - _carryLength;
            int take = Math.Min(need, bytes.Length);
            bytes[..take].CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += take;
            start = take;
            if (_carryLength < SequenceLength(_carry[0]))
            {
                return;
            }

            if (!Utf8.IsValid(_carry.AsSpan(0, _carryLength)))
            {
                throw NotUtf8(_line, _carry[0]);
            }

            _carryLength = 0;
        }

        var body = bytes[start..];
        int tail = IncompleteTail(body);
        var whole = body[..^tail];
        if (!Utf8.IsValid(whole))
        {
            int bad = FirstInvalid(whole);
            throw NotUtf8(_line + whole[..bad].Count((byte)'\n'), whole[bad]);
        }

        _line += whole.Count((byte)'\n');
        body[^tail..].CopyTo(_carry);
        _carryLength = tail;
    }

    /// <summary>How many bytes at the end begin a character that the next read completes.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (int back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            byte b = bytes[^back];
            if ((b & 0xC0) != 0x80)
            {
                // A lead byte (or ASCII): incomplete when its sequence runs past the end.
                return SequenceLength(b) > back ? back : 0;
            }
        }

        return 0;
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0x80 => 1,
        >= 0xF0 and < 0xF8 => 4,
        >= 0xE0 => 3,
        >= 0xC0 => 2,
        _ => 1,
    };

    private static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        int at = 0;
        while (at < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[at..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return 0;
    }

    private InputDataException NotUtf8(long line, byte value) =>
        Refused(line, $"byte 0x{value:X2} non valido in UTF-8: il file sembra in Latin-1 o Windows-1252, salvarlo come testo UTF-8");

    private InputDataException Refused(long line, string reason) =>
        new(new InputError(_fileName, line, InputError.WholeFile, "", reason));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>Something in a file that is not UTF-8 text, found without its line: the caller reads the file again to name it.</summary>
internal sealed class TextFault : Exception
{
}
