using Microsoft.Win32.SafeHandles;

namespace Territorio.Flows.Sdo;

/// <summary>Bytes read at an offset: a file (positional reads, no mapping) or memory.</summary>
public interface IByteSource
{
    long Length { get; }

    int Read(Span<byte> buffer, long offset);
}

public sealed class FileByteSource(SafeFileHandle handle) : IByteSource
{
    public long Length { get; } = RandomAccess.GetLength(handle);

    public int Read(Span<byte> buffer, long offset) => RandomAccess.Read(handle, buffer, offset);
}

public sealed class MemoryByteSource(ReadOnlyMemory<byte> bytes) : IByteSource
{
    public long Length => bytes.Length;

    public int Read(Span<byte> buffer, long offset)
    {
        if (offset >= bytes.Length)
        {
            return 0;
        }

        int n = (int)Math.Min(buffer.Length, bytes.Length - offset);
        bytes.Span.Slice((int)offset, n).CopyTo(buffer);
        return n;
    }
}

/// <summary>Another source's bytes, each read told to <paramref name="read"/> (a progress display's counter).</summary>
public sealed class CountedByteSource(IByteSource source, Action<long> read) : IByteSource
{
    public long Length => source.Length;

    public int Read(Span<byte> buffer, long offset)
    {
        int n = source.Read(buffer, offset);
        read(n);
        return n;
    }
}
