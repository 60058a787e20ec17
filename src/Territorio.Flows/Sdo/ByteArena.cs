namespace Territorio.Flows.Sdo;

/// <summary>
/// Copies of short byte runs (rows kept for later) packed into 64 kB chunks: one object per
/// chunk instead of one per row, below the large object heap, not zeroed before being written.
/// </summary>
public sealed class ByteArena
{
    private const int ChunkBytes = 64 << 10;

    private byte[] _chunk = [];
    private int _used;

    /// <summary>A copy of <paramref name="bytes"/>, valid as long as the caller keeps it.</summary>
    public ReadOnlyMemory<byte> Copy(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > ChunkBytes / 4)
        {
            return bytes.ToArray();
        }

        if (_chunk.Length - _used < bytes.Length)
        {
            _chunk = GC.AllocateUninitializedArray<byte>(ChunkBytes);
            _used = 0;
        }

        var copy = _chunk.AsMemory(_used, bytes.Length);
        bytes.CopyTo(copy.Span);
        _used += bytes.Length;
        return copy;
    }
}
