using System.Text;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Files;

/// <summary>
/// A file's text decoded once (issue 20, the stratification's hot path): the strict UTF-8 decoder
/// refuses what is not UTF-8 as it decodes, instead of <see cref="CheckedTextStream"/> validating
/// every byte before the decoder reads it again. The byte-order mark and NUL checks stay on the
/// bytes. When anything is wrong the file is read again from the start through the validating
/// <see cref="CheckedTextStream"/>, whose error names the file and the line: the second pass only
/// for a bad file.
/// </summary>
public sealed class Utf8FileReader : TextReader
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly StreamReader _inner;
    private readonly string _path;
    private readonly string _shownAs;

    private Utf8FileReader(StreamReader inner, string path, string shownAs)
    {
        _inner = inner;
        _path = path;
        _shownAs = shownAs;
    }

    /// <param name="shownAs">The name errors give the file.</param>
    /// <param name="read">Told the bytes read, for a progress display; null: not told.</param>
    public static TextReader Open(string path, string? shownAs = null, Action<long>? read = null)
    {
        var checkedText = new CheckedTextStream(CheckedTextStream.OpenFile(path), shownAs ?? path, validateUtf8: false) { Counted = read };
        var text = new StreamReader(checkedText, Strict, detectEncodingFromByteOrderMarks: false, 1 << 16);
        return new Utf8FileReader(text, path, shownAs ?? path);
    }

    public override int Peek()
    {
        try
        {
            return _inner.Peek();
        }
        catch (Exception ex) when (ex is DecoderFallbackException or TextFault)
        {
            throw Located();
        }
    }

    public override int Read()
    {
        try
        {
            return _inner.Read();
        }
        catch (Exception ex) when (ex is DecoderFallbackException or TextFault)
        {
            throw Located();
        }
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        try
        {
            return _inner.Read(buffer);
        }
        catch (Exception ex) when (ex is DecoderFallbackException or TextFault)
        {
            throw Located();
        }
    }

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer.AsSpan(index, count)));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The validating reader's error for this file, with its line.</summary>
    private InputDataException Located()
    {
        using var check = CheckedTextStream.OpenText(_path, _shownAs);
        var buffer = new char[1 << 16];
        try
        {
            while (check.Read(buffer) > 0)
            {
            }
        }
        catch (InputDataException ex)
        {
            return ex;
        }

        return new InputDataException(new InputError(_shownAs, 0, InputError.WholeFile, "", "il file non è testo UTF-8 valido"));
    }
}
