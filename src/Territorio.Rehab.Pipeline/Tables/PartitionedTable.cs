using System.Runtime.CompilerServices;

namespace Territorio.Rehab.Pipeline.Tables;

/// <summary>
/// Millions of small items appended by the threads of a scan, each through its own
/// <see cref="Writer"/>, already grouped by partition (the top bits of a hash): afterwards each
/// partition is a cache-sized piece of work of its own, processed in parallel with the others,
/// without counting or copying the items into one array first. Order inside a partition is not
/// kept. Items live in 16 kB chunks outside the collected heap, taken from each writer's
/// <see cref="NativeSlab"/> (huge pages: a few faults for a few hundred megabytes, decision
/// 0112) and given back by <see cref="Clear"/> or <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class PartitionedTable<T>(int partitionBits) : IDisposable
    where T : unmanaged
{
    private const int ChunkBytes = 16 << 10;
    private static readonly int ChunkItems = ChunkBytes / Unsafe.SizeOf<T>();

    private readonly List<Writer> _writers = [];

    public int Partitions => 1 << partitionBits;

    public long Count => _writers.Sum(w => w.Count);

    /// <summary>The partition of a 64-bit hash: its top bits.</summary>
    public int PartitionOf(ulong hash) => (int)(hash >> (64 - partitionBits));

    /// <summary>A writer for one thread (writers are not thread-safe; creating them is).</summary>
    public Writer NewWriter()
    {
        lock (_writers)
        {
            var writer = new Writer(this);
            _writers.Add(writer);
            return writer;
        }
    }

    /// <summary>How many items a partition holds.</summary>
    public int CountOf(int partition) => _writers.Sum(w => w.CountOf(partition));

    /// <summary>The items of a partition, chunk by chunk.</summary>
    public ChunkEnumerator Chunks(int partition) => new(_writers, partition);

    /// <summary>Forgets every item and gives the chunks' memory back; the writers stay usable.</summary>
    public void Clear()
    {
        foreach (var writer in _writers)
        {
            writer.Clear();
        }
    }

    public void Dispose() => Clear();

    public sealed class Writer
    {
        private readonly PartitionedTable<T> _table;
        private readonly NativeSlab _slab = new();
        private readonly List<nint>[] _full;
        private readonly nint[] _current;    // 0: no chunk yet
        private readonly int[] _counts;

        internal Writer(PartitionedTable<T> table)
        {
            _table = table;
            _full = new List<nint>[table.Partitions];
            _current = new nint[table.Partitions];
            _counts = new int[table.Partitions];
            for (int p = 0; p < _full.Length; p++)
            {
                _full[p] = [];
                _counts[p] = ChunkItems;
            }
        }

        public long Count { get; private set; }

        /// <summary>Appends an item to the partition of <paramref name="hash"/>.</summary>
        // Once per row: inlined by the native build too, which has no run-time profile (decision 0114).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(ulong hash, in T item)
        {
            int p = _table.PartitionOf(hash);
            if (_counts[p] == ChunkItems)
            {
                NewChunk(p);
            }

            ((T*)_current[p])[_counts[p]++] = item;
            Count++;
        }

        internal int CountOf(int partition) =>
            (_full[partition].Count * ChunkItems) + (_current[partition] == 0 ? 0 : _counts[partition]);

        internal int ChunkCount(int partition) => _full[partition].Count + (_current[partition] == 0 ? 0 : 1);

        internal ReadOnlySpan<T> Chunk(int partition, int index) =>
            index < _full[partition].Count
                ? new ReadOnlySpan<T>((void*)_full[partition][index], ChunkItems)
                : new ReadOnlySpan<T>((void*)_current[partition], _counts[partition]);

        internal void Clear()
        {
            for (int p = 0; p < _full.Length; p++)
            {
                _full[p].Clear();
                _current[p] = 0;
                _counts[p] = ChunkItems;
            }

            _slab.Release();
            Count = 0;
        }

        private void NewChunk(int p)
        {
            if (_current[p] != 0)
            {
                _full[p].Add(_current[p]);
            }

            // Every item is written before it is read: the chunk needs no zeroing.
            _current[p] = (nint)_slab.Take(ChunkBytes);
            _counts[p] = 0;
        }
    }

    /// <summary>Enumerates the chunks of one partition across every writer.</summary>
    public ref struct ChunkEnumerator(List<Writer> writers, int partition)
    {
        private int _writer;
        private int _chunk = -1;

        public ReadOnlySpan<T> Current { get; private set; }

        public readonly ChunkEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            for (; _writer < writers.Count; _writer++, _chunk = -1)
            {
                if (++_chunk < writers[_writer].ChunkCount(partition))
                {
                    Current = writers[_writer].Chunk(partition, _chunk);
                    return true;
                }
            }

            return false;
        }
    }
}
