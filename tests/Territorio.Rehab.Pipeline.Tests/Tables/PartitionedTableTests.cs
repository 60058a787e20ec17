using Territorio.Rehab.Pipeline.Tables;

namespace Territorio.Rehab.Pipeline.Tests.Tables;

public class PartitionedTableTests
{
    private static ulong HashInPartition(int partition, int bits, ulong low) => ((ulong)partition << (64 - bits)) | low;

    private static List<ulong> ItemsOf(PartitionedTable<ulong> table, int partition)
    {
        var items = new List<ulong>();
        foreach (var chunk in table.Chunks(partition))
        {
            items.AddRange(chunk.ToArray());
        }

        return items;
    }

    [Fact]
    public void ItemsOfTwoWriters_AreReadBackByPartition_AcrossChunks()
    {
        var table = new PartitionedTable<ulong>(4);
        var first = table.NewWriter();
        var second = table.NewWriter();

        // Partition 3 spans several chunks (2,048 items each) in both writers; partition 9 one item.
        var expected = new List<ulong>();
        for (ulong i = 0; i < 5000; i++)
        {
            ulong hash = HashInPartition(3, 4, i);
            (i % 2 == 0 ? first : second).Add(hash, hash);
            expected.Add(hash);
        }

        ulong lone = HashInPartition(9, 4, 42);
        second.Add(lone, lone);

        table.Count.ShouldBe(5001);
        table.CountOf(3).ShouldBe(5000);
        ItemsOf(table, 3).Order().ShouldBe(expected);
        ItemsOf(table, 9).ShouldBe([lone]);
        ItemsOf(table, 0).ShouldBeEmpty();
    }

    [Fact]
    public void Clear_ForgetsItems_AndWritersStayUsable()
    {
        var table = new PartitionedTable<ulong>(2);
        var writer = table.NewWriter();
        for (ulong i = 0; i < 5000; i++)
        {
            writer.Add(i, i);
        }

        table.Clear();
        table.Count.ShouldBe(0);
        ItemsOf(table, 0).ShouldBeEmpty();

        writer.Add(7, 7);
        ItemsOf(table, 0).ShouldBe([7UL]);
    }

    [Fact]
    public void PartitionOf_IsTheTopBits()
    {
        var table = new PartitionedTable<ulong>(8);
        table.PartitionOf(0xAB00_0000_0000_0001UL).ShouldBe(0xAB);
        table.Partitions.ShouldBe(256);
    }
}
