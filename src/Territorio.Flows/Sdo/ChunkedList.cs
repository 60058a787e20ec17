namespace Territorio.Flows.Sdo;

/// <summary>
/// An append-only list kept in fixed-size chunks, for the millions of small structs a scan
/// keeps: growing never copies (a <see cref="List{T}"/> doubling through 150,000 items
/// allocates twice what it holds and copies it all), and the chunks can be dropped one by one.
/// </summary>
public sealed class ChunkedList<T>
    where T : struct
{
    // 64 kB: large enough that the per-chunk cost vanishes, small enough that a half-empty
    // last chunk per segment wastes little, and below the large object heap: once dropped,
    // the chunks' memory serves the next allocations instead of new pages (decision 0034).
    private static readonly int ChunkLength = (64 << 10) / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    private readonly List<T[]> _chunks = [];
    private int _lastCount = ChunkLength;

    public long Count => _chunks.Count == 0 ? 0 : ((long)(_chunks.Count - 1) * ChunkLength) + _lastCount;

    public void Add(in T item)
    {
        if (_lastCount == ChunkLength)
        {
            // Every item is written before it is read: no need for the runtime to zero the chunk.
            _chunks.Add(GC.AllocateUninitializedArray<T>(ChunkLength));
            _lastCount = 0;
        }

        _chunks[^1][_lastCount++] = item;
    }

    /// <summary>The items, chunk by chunk, in the order they were added.</summary>
    public IEnumerable<ReadOnlyMemory<T>> Chunks()
    {
        for (int c = 0; c < _chunks.Count; c++)
        {
            yield return _chunks[c].AsMemory(0, c == _chunks.Count - 1 ? _lastCount : ChunkLength);
        }
    }

    /// <summary>Forgets every item (the chunks become garbage).</summary>
    public void Clear()
    {
        _chunks.Clear();
        _lastCount = ChunkLength;
    }
}
