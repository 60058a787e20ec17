using Territorio.Kernel.Population;

namespace Territorio.Kernel.Tests;

public class ResidentTests
{
    [Theory]
    [InlineData("2008-03-10", "2026-03-09", 17)]
    [InlineData("2008-03-10", "2026-03-10", 18)]
    [InlineData("2008-02-29", "2026-02-28", 17)]
    [InlineData("2008-02-29", "2026-03-01", 18)]
    public void AgeOn_CountsCompletedYears(string birth, string on, int expected) =>
        Ages.CompletedYears(DateOnly.Parse(birth), DateOnly.Parse(on)).ShouldBe(expected);

    [Fact]
    public void DeathBeforeBirth_IsRefused() =>
        Should.Throw<ArgumentException>(() => new Resident("P1", new DateOnly(2000, 1, 1), Sex.Female, "321", null, new DateOnly(1999, 1, 1)));
}
