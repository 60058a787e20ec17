using Territorio.Flows.Sdo;

namespace Territorio.Flows.Tests.Sdo;

public class ResidentPagesTests
{
    [Fact]
    public void Populate_KeepsContents_AndWorksOnLinux514()
    {
        // An unaligned piece of a larger array: the pages it touches are populated whole.
        byte[] memory = new byte[3 * Environment.SystemPageSize];
        memory.AsSpan().Fill(7);

        bool populated = ResidentPages.Populate(memory.AsSpan(100, Environment.SystemPageSize + 5));

        populated.ShouldBe(OperatingSystem.IsLinux() && Environment.OSVersion.Version >= new Version(5, 14));
        memory.AsSpan().IndexOfAnyExcept((byte)7).ShouldBe(-1);
    }

    [Fact]
    public void Populate_EmptySpan_DoesNothing() =>
        ResidentPages.Populate([]).ShouldBeFalse();
}
