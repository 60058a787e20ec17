using Territorio.Kernel.Codes;

namespace Territorio.Kernel.Tests;

public class CodiceFiscaleTests
{
    [Theory]
    [InlineData("RSSMRA85T10A562S")]
    [InlineData("rssmra85t10a562s")]
    public void ValidCode_IsAccepted(string text) =>
        CodiceFiscale.TryParse(text, out _, out _).ShouldBeTrue();

    [Fact]
    public void WrongCheckCharacter_IsRefusedWithTheExpectedOne()
    {
        CodiceFiscale.TryParse("RSSMRA85T10A562X", out _, out string? reason).ShouldBeFalse();
        reason.ShouldBe("carattere di controllo errato (atteso 'S')");
    }

    [Fact]
    public void OmocodiaSubstitution_IsAccepted()
    {
        // Last digit of the birthplace code 562 → 56N (2 → N), check character recomputed.
        string first15 = "RSSMRA85T10A56N";
        CodiceFiscale.TryParse(first15 + CodiceFiscale.CheckCharacter(first15), out _, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("RSSMRA85T10A562")]
    [InlineData("RSSMRA85Z10A562S")]
    [InlineData("1SSMRA85T10A562S")]
    public void MalformedCode_IsRefused(string text) =>
        CodiceFiscale.TryParse(text, out _, out _).ShouldBeFalse();
}
