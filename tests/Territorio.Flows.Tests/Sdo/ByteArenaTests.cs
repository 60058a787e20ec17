using Territorio.Flows.Sdo;

namespace Territorio.Flows.Tests.Sdo;

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
            copies[i].ToArray().ShouldBe(rows[i]);
        }
    }

    [Fact]
    public void LongRow_IsCopiedWhole()
    {
        var arena = new ByteArena();
        byte[] row = Enumerable.Range(0, 100_000).Select(i => (byte)('a' + (i % 26))).ToArray();

        arena.Copy("before"u8);
        var copy = arena.Copy(row);
        var after = arena.Copy("after"u8);

        copy.ToArray().ShouldBe(row);
        after.ToArray().ShouldBe("after"u8.ToArray());
    }

    [Fact]
    public void EmptyRow_IsEmpty() => new ByteArena().Copy([]).Length.ShouldBe(0);
}
