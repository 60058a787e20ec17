using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Territorio.Flows.Sdo;

/// <summary>
/// RFC 4180 rows and fields over UTF-8 bytes, without allocating: the hot path of every SDO
/// read. A row ends at a line feed outside quotes (a trailing carriage return is dropped).
/// </summary>
public static class Utf8Csv
{
    private const byte Quote = (byte)'"';
    private const byte Comma = (byte)',';
    private const byte LineFeed = (byte)'\n';

    /// <summary>The text without leading and trailing spaces; most fields have none, so that case costs two compares.</summary>
    // Several times per row: inlined by the native build too, which has no run-time profile (decision 0114).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> TrimSpaces(ReadOnlySpan<byte> text) =>
        text.IsEmpty || (text[0] != (byte)' ' && text[^1] != (byte)' ') ? text : text.Trim((byte)' ');

    /// <summary>The '|'-separated parts of a codes field, each trimmed (empty ones included).</summary>
    public static CodeParts Codes(ReadOnlySpan<byte> field) => new(field);

    /// <summary>
    /// Enumerates <see cref="Codes"/>: a plain loop, inlined by the native build as by the JIT (the
    /// runtime's span splitter is not, decision 0114).
    /// </summary>
    public ref struct CodeParts(ReadOnlySpan<byte> field)
    {
        private ReadOnlySpan<byte> _rest = field;
        private bool _done;

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly CodeParts GetEnumerator() => this;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MoveNext()
        {
            if (_done)
            {
                return false;
            }

            int bar = _rest.IndexOf((byte)'|');
            _done = bar < 0;
            Current = TrimSpaces(_done ? _rest : _rest[..bar]);
            _rest = _done ? default : _rest[(bar + 1)..];
            return true;
        }
    }

    /// <summary>
    /// Length of the row starting at <paramref name="data"/>[0], up to but excluding its line
    /// feed; -1 when the row is not complete within <paramref name="data"/>. Reports whether the
    /// row has quotes and how many line feeds sit inside quoted fields.
    /// </summary>
    public static int RowLength(ReadOnlySpan<byte> data, out bool quoted, out int innerLineFeeds)
    {
        quoted = false;
        innerLineFeeds = 0;
        int i = data.IndexOfAny(LineFeed, Quote);
        if (i < 0 || data[i] == LineFeed)
        {
            return i;
        }

        quoted = true;
        bool inQuotes = false;
        for (; i < data.Length; i++)
        {
            byte b = data[i];
            if (b == Quote)
            {
                inQuotes = !inQuotes;
            }
            else if (b == LineFeed)
            {
                if (!inQuotes)
                {
                    return i;
                }

                innerLineFeeds++;
            }
        }

        return -1;
    }

    /// <summary>
    /// Splits a row into fields. Unquoted rows yield ranges into <paramref name="row"/>; quoted
    /// rows are unescaped into <paramref name="scratch"/> and the ranges point there
    /// (<paramref name="source"/> tells which). Returns the field count (more than
    /// <paramref name="fields"/> can hold is reported as fields.Length + 1).
    /// </summary>
    public static int Split(ReadOnlySpan<byte> row, bool quoted, Span<Range> fields, ref byte[]? scratch, out ReadOnlySpan<byte> source)
    {
        if (row.Length > 0 && row[^1] == (byte)'\r')
        {
            row = row[..^1];
        }

        if (!quoted)
        {
            source = row;
            return SplitPlain(row, fields);
        }

        if (scratch is null || scratch.Length < row.Length)
        {
            scratch = new byte[Math.Max(256, row.Length * 2)];
        }

        int count = SplitQuoted(row, fields, scratch);
        source = scratch;
        return count;
    }

    private static int SplitPlain(ReadOnlySpan<byte> row, Span<Range> fields)
    {
        // Commas are found 32 bytes at a time as a bit mask: one compare per block instead of
        // one search per field (rows are ~100 bytes with ~20 short fields).
        var comma = Vector256.Create(Comma);
        int count = 0;
        int start = 0;
        int block = 0;
        for (; block + Vector256<byte>.Count <= row.Length; block += Vector256<byte>.Count)
        {
            uint mask = Vector256.Equals(Vector256.Create(row.Slice(block, Vector256<byte>.Count)), comma).ExtractMostSignificantBits();
            for (; mask != 0; mask &= mask - 1)
            {
                int end = block + BitOperations.TrailingZeroCount(mask);
                if (count == fields.Length)
                {
                    return fields.Length + 1;
                }

                fields[count++] = new Range(start, end);
                start = end + 1;
            }
        }

        for (int i = block; i < row.Length; i++)
        {
            if (row[i] == Comma)
            {
                if (count == fields.Length)
                {
                    return fields.Length + 1;
                }

                fields[count++] = new Range(start, i);
                start = i + 1;
            }
        }

        if (count == fields.Length)
        {
            return fields.Length + 1;
        }

        fields[count++] = new Range(start, row.Length);
        return count;
    }

    private static int SplitQuoted(ReadOnlySpan<byte> row, Span<Range> fields, Span<byte> output)
    {
        int count = 0;
        int written = 0;
        int fieldStart = 0;
        bool inQuotes = false;
        for (int i = 0; i <= row.Length; i++)
        {
            if (i == row.Length || (row[i] == Comma && !inQuotes))
            {
                if (count == fields.Length)
                {
                    return fields.Length + 1;
                }

                fields[count++] = new Range(fieldStart, written);
                fieldStart = written;
                continue;
            }

            byte b = row[i];
            if (b == Quote)
            {
                if (inQuotes && i + 1 < row.Length && row[i + 1] == Quote)
                {
                    output[written++] = Quote;
                    i++;
                }
                else
                {
                    inQuotes = !inQuotes;
                }

                continue;
            }

            output[written++] = b;
        }

        return count;
    }

    /// <summary>A 64-bit hash of a field's bytes (keys for record and patient ids; equal bytes, equal hash).</summary>
    public static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Prime = 0x9E3779B97F4A7C15UL;
        ulong h = 0xCBF29CE484222325UL ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            h = (h ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Prime;
            h ^= h >> 29;
            bytes = bytes[8..];
        }

        ulong tail = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        h = (h ^ tail) * Prime;
        h ^= h >> 32;
        h *= 0xD6E8FEB86659FD93UL;
        h ^= h >> 32;
        return h;
    }
}
