using System.Runtime.InteropServices;

namespace Territorio.Rehab.Pipeline.Tables;

/// <summary>
/// Memory for the large tables of a batch run, outside the collected heap, in blocks aligned to
/// 2 MB that Linux backs with transparent huge pages when asked (<c>madvise</c>): one page
/// fault per 2 MB instead of one per 4 kB, on a machine where a fault costs ≈12 µs (decision
/// 0112). Pieces are handed out in order and all freed together by <see cref="Release"/> (or,
/// if forgotten, by the finalizer); not thread-safe (one per writer).
/// </summary>
public sealed unsafe partial class NativeSlab
{
    private const int HugePage = 2 << 20;
    private const int MadviseHugePage = 14;

    private readonly int _blockBytes;
    private readonly List<nint> _blocks = [];
    private byte* _next;
    private byte* _end;

    /// <param name="blockBytes">Bytes asked of the system at a time, a multiple of 2 MB.</param>
    public NativeSlab(int blockBytes = 16 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockBytes);
        if (blockBytes % HugePage != 0)
        {
            throw new ArgumentException("blocchi multipli di 2 MB", nameof(blockBytes));
        }

        _blockBytes = blockBytes;
    }

    ~NativeSlab() => Release();

    /// <summary>
    /// A piece of <paramref name="bytes"/> starting at a multiple of <paramref name="alignment"/>
    /// (a power of two), valid until <see cref="Release"/>; its content is undefined. A piece
    /// larger than a block gets a block of its own.
    /// </summary>
    public void* Take(int bytes, int alignment = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes > _blockBytes)
        {
            return Allocate((bytes + HugePage - 1) / HugePage * HugePage);
        }

        byte* start = (byte*)(((nint)_next + alignment - 1) & ~(nint)(alignment - 1));
        if (_next is null || _end - start < bytes)
        {
            _next = (byte*)Allocate(_blockBytes);
            _end = _next + _blockBytes;
            start = _next;
        }

        _next = start + bytes;
        return start;
    }

    /// <summary>Gives every block back to the system; the slab can be used again.</summary>
    public void Release()
    {
        foreach (nint block in _blocks)
        {
            NativeMemory.AlignedFree((void*)block);
        }

        _blocks.Clear();
        _next = _end = null;
    }

    private void* Allocate(int bytes)
    {
        void* block = NativeMemory.AlignedAlloc((nuint)bytes, HugePage);
        _blocks.Add((nint)block);
        if (OperatingSystem.IsLinux())
        {
            // Advice only: refused (old kernel, huge pages off), the block still works with 4 kB pages.
            _ = Madvise(block, (nuint)bytes, MadviseHugePage);
        }

        return block;
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
