using System.Buffers;

namespace Territorio.Flows.Sdo;

/// <summary>Receives the data rows of one segment of an SDO file, in order.</summary>
public interface ISdoRowSink
{
    /// <param name="row">The row's bytes without its line feed.</param>
    /// <param name="quoted">Whether the row contains quotes (fields need unescaping).</param>
    /// <param name="offset">Offset of the row in the file, to read it again later.</param>
    /// <param name="line">Physical line of the row, counted from the segment's first line (0).</param>
    void OnRow(ReadOnlySpan<byte> row, bool quoted, long offset, long line);
}

/// <summary>The sinks of a scan, in file order, with the first physical line of each.</summary>
public sealed record SdoScan<TSink>(IReadOnlyList<TSink> Sinks, IReadOnlyList<long> FirstLines, byte[] Header);

/// <summary>
/// Reads an SDO CSV file in segments on every core: each segment owns the rows that start in
/// it. Quoted fields spanning lines make segment boundaries ambiguous: when one is seen the file
/// is read again in one segment, so the result never depends on where segments fall.
/// </summary>
public static class SdoFileScanner
{
    private const int BlockSize = 1 << 20;
    private const long SegmentSize = 16L << 20;

    /// <param name="restarting">Called before the file is read again in one segment, for sinks that share state across segments.</param>
    public static SdoScan<TSink> Scan<TSink>(IByteSource source, Func<TSink> newSink, bool parallel = true, Action? restarting = null)
        where TSink : ISdoRowSink
    {
        var (header, headerLines, dataStart) = ReadHeader(source);
        long length = source.Length;
        int segments = parallel ? (int)Math.Clamp((length - dataStart) / SegmentSize, 1, 4096) : 1;
        var result = Run(source, newSink, dataStart, length, segments, headerLines);
        if (result is null)
        {
            restarting?.Invoke();
            result = Run(source, newSink, dataStart, length, 1, headerLines)!;
        }

        return result with { Header = header };

        static SdoScan<TSink>? Run(IByteSource source, Func<TSink> newSink, long start, long length, int segments, long headerLines)
        {
            var sinks = new TSink[segments];
            long[] lines = new long[segments];
            int aborted = 0;
            long span = (length - start + segments - 1) / segments;
            Parallel.For(0, segments, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (s, state) =>
            {
                sinks[s] = newSink();
                long from = start + (s * span);
                long to = Math.Min(length, from + span);
                long? count = ScanSegment(source, from, to, s == 0, segments == 1, sinks[s], ref aborted);
                if (count is null)
                {
                    state.Stop();
                    return;
                }

                lines[s] = count.Value;
            });
            if (aborted != 0)
            {
                return null;
            }

            long[] first = new long[segments];
            long next = headerLines + 1;
            for (int s = 0; s < segments; s++)
            {
                first[s] = next;
                next += lines[s];
            }

            return new SdoScan<TSink>(sinks, first, []);
        }
    }

    public static (byte[] Header, long Lines, long DataStart) ReadHeader(IByteSource source)
    {
        byte[] buffer = new byte[64 * 1024];
        int n = source.Read(buffer, 0);
        int length = Utf8Csv.RowLength(buffer.AsSpan(0, n), out _, out int inner);
        if (length < 0)
        {
            length = n;
        }

        return (buffer[..length], 1 + inner, Math.Min(n, length + 1));
    }

    /// <summary>Rows starting in [from, to); the segment's physical line count, or null when aborted.</summary>
    private static long? ScanSegment(IByteSource source, long from, long to, bool first, bool alone, ISdoRowSink sink, ref int aborted)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            long pos = first ? from : from - 1;
            long bufferStart = pos;
            int filled = 0;
            int cursor = 0;
            bool skipping = !first;
            bool eof = false;
            long line = 0;
            while (true)
            {
                if (cursor > 0)
                {
                    buffer.AsSpan(cursor, filled - cursor).CopyTo(buffer);
                    filled -= cursor;
                    bufferStart += cursor;
                    cursor = 0;
                }

                if (filled == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int n = eof ? 0 : source.Read(buffer.AsSpan(filled), pos);
                pos += n;
                filled += n;
                eof = n == 0;
                while (cursor < filled || eof)
                {
                    if (Volatile.Read(ref aborted) != 0)
                    {
                        return null;
                    }

                    var data = buffer.AsSpan(cursor, filled - cursor);
                    if (skipping)
                    {
                        int feed = data.IndexOf((byte)'\n');
                        if (feed < 0)
                        {
                            if (eof)
                            {
                                return line;
                            }

                            cursor = filled;
                            break;
                        }

                        cursor += feed + 1;
                        skipping = false;
                        continue;
                    }

                    long offset = bufferStart + cursor;
                    if (offset >= to || (eof && data.IsEmpty))
                    {
                        return line;
                    }

                    int rowLength = Utf8Csv.RowLength(data, out bool quoted, out int inner);
                    if (rowLength < 0 && !eof)
                    {
                        break;
                    }

                    bool last = rowLength < 0;
                    if (last)
                    {
                        rowLength = data.Length;
                    }

                    if (inner > 0 && !alone)
                    {
                        Interlocked.Exchange(ref aborted, 1);
                        return null;
                    }

                    var row = data[..rowLength];
                    if (!row.IsEmpty && !(row.Length == 1 && row[0] == (byte)'\r'))
                    {
                        sink.OnRow(row, quoted, offset, line);
                    }

                    line += 1 + inner;
                    cursor += last ? rowLength : rowLength + 1;
                    if (last)
                    {
                        return line;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
