using Territorio.Flows.Files;

namespace Territorio.Flows.Tests.Files;

public sealed class RowEstimateTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"territorio-rows-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void LargeFile_IsEstimatedFromItsFirstRows_WithinATenth()
    {
        // Ids grow longer down the file, as in a registry: the first rows are a little short.
        File.WriteAllLines(_path, ["person_id,birth_date,sex,ats,mmg_id,death_date", .. Enumerable.Range(1, 200_000).Select(i => $"P{i},1950-01-01,M,321,MMG{i % 1500},")]);

        RowEstimate.Of(_path).ShouldBeInRange(180_000, 220_000);
    }

    [Fact]
    public void SmallFile_IsCountedExactly()
    {
        File.WriteAllText(_path, "person_id,ats\nP1,321\nP2,321\nP3,321\n");

        RowEstimate.Of(_path).ShouldBe(3);
    }

    [Fact]
    public void NoFile_OnlyAHeader_OrEmpty_IsUnknown()
    {
        RowEstimate.Of(_path).ShouldBe(0);
        File.WriteAllText(_path, "person_id,ats\n");
        RowEstimate.Of(_path).ShouldBe(0);
        File.WriteAllText(_path, "");
        RowEstimate.Of(_path).ShouldBe(0);
    }
}
