using System.Runtime.InteropServices;

namespace Territorio.Flows.Sdo;

/// <summary>
/// Native memory for the large tables of a scan, handed out in page-sized chunks from blocks
/// that are faulted in with one system call (Linux <c>mmap</c> with <c>MAP_POPULATE</c>):
/// on this kind of machine the first touch of each page costs ≈13 µs, four times what the
/// kernel needs to populate them in bulk (decision 0110). Elsewhere, or when the call fails,
/// the blocks are ordinary native memory. Not thread-safe: one arena per thread.
/// </summary>
public sealed unsafe partial class NativeArena(int blockBytes = NativeArena.DefaultBlockBytes, bool populate = true) : IDisposable
{
    public const int ChunkBytes = 4096;
    public const int DefaultBlockBytes = 8 << 20;

    private readonly List<NativeBlock> _blocks = [];
    private byte* _next;
    private byte* _end;

    /// <summary>Whether every block so far came from the populated mapping (false after a fallback).</summary>
    public bool Populated => _blocks.Count > 0 && _blocks.TrueForAll(b => b.Mapped);

    /// <summary>A fresh chunk of <see cref="ChunkBytes"/>, page aligned when the blocks are mapped.</summary>
    public byte* TakeChunk()
    {
        if (_next == _end)
        {
            var block = new NativeBlock((nuint)Math.Max(ChunkBytes, blockBytes / ChunkBytes * ChunkBytes), populate);
            _blocks.Add(block);
            _next = (byte*)block.DangerousGetHandle();
            _end = _next + block.Bytes;
        }

        byte* chunk = _next;
        _next += ChunkBytes;
        return chunk;
    }

    /// <summary>Returns every block to the system; the chunks handed out are invalid after.</summary>
    public void Dispose()
    {
        foreach (var block in _blocks)
        {
            block.Dispose();
        }

        _blocks.Clear();
        _next = _end = null;
    }

    private sealed partial class NativeBlock : SafeHandle
    {
        private const int ProtReadWrite = 0x1 | 0x2;
        private const int MapPrivateAnonymousPopulate = 0x02 | 0x20 | 0x8000;

        // Set once the system call is found missing, so the fallback costs no exception per block.
        private static volatile bool s_mapUnavailable = !OperatingSystem.IsLinux()
            || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64);

        public NativeBlock(nuint bytes, bool populate)
            : base(IntPtr.Zero, ownsHandle: true)
        {
            Bytes = bytes;
            if (populate && !s_mapUnavailable && Map(bytes) is var mapped and not -1)
            {
                Mapped = true;
                SetHandle(mapped);
                return;
            }

            SetHandle((nint)NativeMemory.Alloc(bytes));
        }

        public nuint Bytes { get; }

        public bool Mapped { get; }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            if (Mapped)
            {
                _ = munmap(handle, Bytes);
            }
            else
            {
                NativeMemory.Free((void*)handle);
            }

            return true;
        }

        private static nint Map(nuint bytes)
        {
            try
            {
                return mmap(IntPtr.Zero, bytes, ProtReadWrite, MapPrivateAnonymousPopulate, -1, 0);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                s_mapUnavailable = true;
                return -1;
            }
        }

        [LibraryImport("libc")]
        private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

        [LibraryImport("libc")]
        private static partial int munmap(nint address, nuint length);
    }
}
