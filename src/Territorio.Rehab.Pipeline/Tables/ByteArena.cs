namespace Territorio.Rehab.Pipeline.Tables;

/// <summary>
/// Copies of byte runs (rows kept for later) packed one after the other in native memory
/// (<see cref="NativeSlab"/>): no object per row, outside the collected heap (decision 0112).
/// Not thread-safe: one per thread. The copies are valid until <see cref="Release"/>.
/// </summary>
public sealed unsafe class ByteArena
{
    private readonly NativeSlab _slab = new();

    /// <summary>A copy of <paramref name="bytes"/>.</summary>
    public ArenaBytes Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return default;
        }

        byte* copy = (byte*)_slab.Take(bytes.Length, alignment: 1);
        bytes.CopyTo(new Span<byte>(copy, bytes.Length));
        return new ArenaBytes(copy, bytes.Length);
    }

    /// <summary>Gives the memory of every copy back; the arena can be used again.</summary>
    public void Release() => _slab.Release();
}

/// <summary>A run of bytes in a <see cref="ByteArena"/>, readable while the arena is not released.</summary>
public readonly unsafe struct ArenaBytes
{
    private readonly byte* _start;

    internal ArenaBytes(byte* start, int length)
    {
        _start = start;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => new(_start, Length);
}

/// <summary>One <see cref="ByteArena"/> per thread, all released together.</summary>
public sealed class ThreadArenas : IDisposable
{
    private readonly ThreadLocal<ByteArena> _arenas = new(() => new ByteArena(), trackAllValues: true);

    /// <summary>The calling thread's arena.</summary>
    public ByteArena Current => _arenas.Value!;

    public void Dispose()
    {
        foreach (var arena in _arenas.Values)
        {
            arena.Release();
        }

        _arenas.Dispose();
    }
}
