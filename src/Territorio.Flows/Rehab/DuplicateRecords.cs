using System.Text;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Rehab;

/// <summary>A row rejected because its record id was already seen, and where it sits in the file.</summary>
public readonly record struct DuplicateRow(InputError Error, long Offset);

/// <summary>
/// Finds repeated record ids among the valid rows. Keys are 64-bit hashes, checked in small
/// partitions that fit the cache; only when a key repeats is the file read again to compare
/// the ids themselves, so the answer is exact.
/// </summary>
public static class DuplicateRecords
{
    private const int PartitionBits = 10;

    /// <summary>Keys seen more than once (usually none). Empties the lists as it copies them, so the keys are held once, not twice.</summary>
    public static HashSet<ulong> RepeatedKeys(IReadOnlyList<ChunkedList<ulong>> keysBySegment)
    {
        int partitions = 1 << PartitionBits;
        int[] starts = new int[partitions + 1];
        foreach (var keys in keysBySegment)
        {
            foreach (var chunk in keys.Chunks())
            {
                foreach (ulong key in chunk.Span)
                {
                    starts[(int)(key >> (64 - PartitionBits)) + 1]++;
                }
            }
        }

        for (int p = 0; p < partitions; p++)
        {
            starts[p + 1] += starts[p];
        }

        ulong[] all = new ulong[starts[partitions]];
        int[] next = starts[..partitions];
        foreach (var keys in keysBySegment)
        {
            foreach (var chunk in keys.Chunks())
            {
                foreach (ulong key in chunk.Span)
                {
                    all[next[(int)(key >> (64 - PartitionBits))]++] = key;
                }
            }

            keys.Clear();
        }

        var repeated = new HashSet<ulong>();
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new HashSet<ulong>(), (p, _, seen) =>
        {
            seen.Clear();
            for (int i = starts[p]; i < starts[p + 1]; i++)
            {
                if (!seen.Add(all[i]))
                {
                    lock (repeated)
                    {
                        repeated.Add(all[i]);
                    }
                }
            }

            return seen;
        }, _ => { });
        return repeated;
    }

    /// <summary>
    /// Reads the file again for the rows whose key repeats and rejects every occurrence of an id
    /// after its first valid one (with the row's offset, to leave it out of the linkage).
    /// </summary>
    public static List<DuplicateRow> Find(IByteSource source, SdoRowDecoder decoder, HashSet<ulong> repeatedKeys, HashSet<long> rejectedLines)
    {
        var scan = SdoFileScanner.Scan(source, () => new IdSink(decoder, repeatedKeys));
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var duplicates = new List<DuplicateRow>();
        for (int s = 0; s < scan.Sinks.Count; s++)
        {
            foreach (var (id, relativeLine, offset) in scan.Sinks[s].Rows)
            {
                long line = relativeLine + scan.FirstLines[s];
                if (rejectedLines.Contains(line))
                {
                    continue;
                }

                if (seen.TryGetValue(id, out long firstLine))
                {
                    duplicates.Add(new DuplicateRow(new InputError(decoder.File, line, "record_id", id, $"record_id duplicato (già alla riga {firstLine})"), offset));
                }
                else
                {
                    seen[id] = line;
                }
            }
        }

        return duplicates;
    }

    private sealed class IdSink(SdoRowDecoder decoder, HashSet<ulong> keys) : ISdoRowSink
    {
        private readonly Range[] _fields = new Range[decoder.FieldCount + 1];
        private byte[]? _scratch;

        public List<(string Id, long Line, long Offset)> Rows { get; } = [];

        public void OnRow(ReadOnlySpan<byte> row, bool quoted, long offset, long line)
        {
            int count = Utf8Csv.Split(row, quoted, _fields, ref _scratch, out var source);
            if (count != decoder.FieldCount)
            {
                return;
            }

            var id = decoder.Field(source, _fields, SdoColumn.RecordId);
            if (keys.Contains(Utf8Csv.Hash(id)))
            {
                Rows.Add((Encoding.UTF8.GetString(id), line, offset));
            }
        }
    }
}
