using Territorio.Rehab.Pipeline.Tables;

namespace Territorio.Rehab.Pipeline.Tests.Tables;

public sealed class ByteArenaTests
{
    [Fact]
    public void Copies_KeepTheirBytes_AcrossChunks()
    {
        var arena = new ByteArena();
        var rows = Enumerable.Range(0, 3_000).Select(i => System.Text.Encoding.UTF8.GetBytes($"row {i}," + new string('x', i % 200))).ToList();

        var copies = rows.Select(r => arena.Copy(r)).ToList();

        for (int i = 0; i < rows.Count; i++)
        {
            copies[i].Span.ToArray().ShouldBe(rows[i]);
        }
    }

    [Fact]
    public void LongRow_IsCopiedWhole()
    {
        var arena = new ByteArena();
        // Longer than a block of the slab (16 MB): it gets a block of its own.
        byte[] row = Enumerable.Range(0, 20_000_000).Select(i => (byte)('a' + (i % 26))).ToArray();

        arena.Copy("before"u8);
        var copy = arena.Copy(row);
        var after = arena.Copy("after"u8);

        copy.Span.ToArray().ShouldBe(row);
        after.Span.ToArray().ShouldBe("after"u8.ToArray());
    }

    [Fact]
    public void EmptyRow_IsEmpty() => new ByteArena().Copy([]).Length.ShouldBe(0);
}
