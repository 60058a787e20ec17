using System.Text;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;
using Territorio.Rehab.Pipeline.Tables;

namespace Territorio.Rehab.Pipeline;

/// <summary>A row rejected because its record id was already seen, and where it sits in the file.</summary>
public readonly record struct DuplicateRow(InputError Error, long Offset);

/// <summary>
/// Finds repeated record ids among the valid rows. Keys are 64-bit hashes, checked in small
/// partitions that fit the cache; only when a key repeats is the file read again to compare
/// the ids themselves, so the answer is exact.
/// </summary>
public static class DuplicateRecords
{
    /// <summary>Keys seen more than once (usually none), partition by partition in parallel.</summary>
    public static HashSet<ulong> RepeatedKeys(PartitionedTable<ulong> keys)
    {
        var repeated = new HashSet<ulong>();
        Parallel.For(0, keys.Partitions, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new KeySet(), (p, _, seen) =>
        {
            seen.Reset(keys.CountOf(p));
            foreach (var chunk in keys.Chunks(p))
            {
                foreach (ulong key in chunk)
                {
                    if (!seen.Add(key))
                    {
                        lock (repeated)
                        {
                            repeated.Add(key);
                        }
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

    /// <summary>
    /// An open-addressing set of hashes reused partition after partition: a partition's keys
    /// share their top bits, so the slot comes from the low bits.
    /// </summary>
    private sealed class KeySet
    {
        private ulong[] _slots = [];
        private int _mask;
        private bool _hasZero;

        public void Reset(int count)
        {
            int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, count * 2));
            if (_slots.Length < size)
            {
                _slots = new ulong[size];
            }
            else
            {
                Array.Clear(_slots, 0, size);
            }

            _mask = size - 1;
            _hasZero = false;
        }

        /// <summary>False when the key was already there.</summary>
        public bool Add(ulong key)
        {
            if (key == 0)
            {
                bool had = _hasZero;
                _hasZero = true;
                return !had;
            }

            for (int i = (int)key & _mask; ; i = (i + 1) & _mask)
            {
                if (_slots[i] == key)
                {
                    return false;
                }

                if (_slots[i] == 0)
                {
                    _slots[i] = key;
                    return true;
                }
            }
        }
    }
}
