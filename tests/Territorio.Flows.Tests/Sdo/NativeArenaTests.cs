using Territorio.Flows.Sdo;

namespace Territorio.Flows.Tests.Sdo;

public class NativeArenaTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public unsafe void Chunks_AreWritableAndDistinct_AcrossBlocks(bool populate)
    {
        // Two chunks per block: the third chunk comes from a second block.
        using var arena = new NativeArena(2 * NativeArena.ChunkBytes, populate);
        var chunks = new List<nint>();
        for (int c = 0; c < 3; c++)
        {
            byte* chunk = arena.TakeChunk();
            new Span<byte>(chunk, NativeArena.ChunkBytes).Fill((byte)(c + 1));
            chunks.Add((nint)chunk);
        }

        chunks.Distinct().Count().ShouldBe(3);
        for (int c = 0; c < 3; c++)
        {
            new ReadOnlySpan<byte>((void*)chunks[c], NativeArena.ChunkBytes).IndexOfAnyExcept((byte)(c + 1)).ShouldBe(-1);
        }
    }

    [Fact]
    public void Populated_OnlyWhenAskedAndAvailable()
    {
        using var plain = new NativeArena(populate: false);
        unsafe
        {
            _ = plain.TakeChunk();
        }

        plain.Populated.ShouldBeFalse();

        using var populated = new NativeArena();
        unsafe
        {
            _ = populated.TakeChunk();
        }

        populated.Populated.ShouldBe(OperatingSystem.IsLinux());
    }
}
