using Territorio.Kernel.Codes;
using Territorio.Kernel.Population;

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

public class CodiceFiscaleComputationTests
{
    private static readonly DateOnly MarioBirth = new(1985, 12, 10);

    [Fact]
    public void Compute_GivesTheKnownCodeOfMarioRossi() =>
        CodiceFiscale.Compute("Rossi", "Mario", MarioBirth, Sex.Male, "A562").Value.ShouldBe("RSSMRA85T10A562S");

    [Fact]
    public void Compute_WomanDayPlusForty()
    {
        var cf = CodiceFiscale.Compute("Bianchi", "Anna", new DateOnly(1970, 1, 1), Sex.Female, "F205");
        cf.Value[..15].ShouldBe("BNCNNA70A41F205");
        CodiceFiscale.TryParse(cf.Value, out _, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Gianfranco", "GFR")] // four or more consonants: 1st, 3rd, 4th
    [InlineData("Luca", "LCU")]
    [InlineData("Ugo", "GUO")]
    [InlineData("Ea", "EAX")]
    [InlineData("Niccolò", "NCL")]
    public void Compute_GivenNameLetters(string givenName, string expected) =>
        CodiceFiscale.Compute("Rossi", givenName, MarioBirth, Sex.Male, "F205").Value.Substring(3, 3).ShouldBe(expected);

    [Theory]
    [InlineData("D'Angelo", "DNG")]
    [InlineData("De Luca", "DLC")]
    [InlineData("Rea", "REA")]
    [InlineData("Fo", "FOX")]
    public void Compute_SurnameLetters(string surname, string expected) =>
        CodiceFiscale.Compute(surname, "Mario", MarioBirth, Sex.Male, "F205").Value[..3].ShouldBe(expected);

    [Fact]
    public void Compute_Omocodia_ReplacesDigitsFromTheRightAndKeepsTheMeaning()
    {
        var cf = CodiceFiscale.Compute("Rossi", "Mario", MarioBirth, Sex.Male, "A562", omocodia: 2);
        cf.Value[..15].ShouldBe("RSSMRA85T10A5SN");
        CodiceFiscale.TryParse(cf.Value, out _, out _).ShouldBeTrue();
        cf.BirthplaceCode.ShouldBe("A562");
        cf.MismatchWith(MarioBirth, Sex.Male, "A562").ShouldBeNull();
    }

    [Fact]
    public void Decoding_ReadsDateSexAndBirthplace()
    {
        var cf = CodiceFiscale.Parse("RSSMRA85T10A562S");
        (cf.BirthYearOfCentury, cf.BirthMonth, cf.BirthDay, cf.Sex, cf.BirthplaceCode).ShouldBe((85, 12, 10, Sex.Male, "A562"));
    }

    [Fact]
    public void MismatchWith_OtherBirthDate_IsRefusedNamingTheDate() =>
        CodiceFiscale.Parse("RSSMRA85T10A562S").MismatchWith(new DateOnly(1985, 12, 11), Sex.Male)
            .ShouldBe("non corrisponde alla data di nascita 11/12/1985");

    [Fact]
    public void MismatchWith_OtherCentury_SameTwoDigits_IsAccepted() =>
        CodiceFiscale.Parse("RSSMRA85T10A562S").MismatchWith(new DateOnly(1885, 12, 10), Sex.Male).ShouldBeNull();

    [Fact]
    public void MismatchWith_OtherSex_IsRefused() =>
        CodiceFiscale.Parse("RSSMRA85T10A562S").MismatchWith(MarioBirth, Sex.Female).ShouldBe("non corrisponde al sesso F");

    [Fact]
    public void MismatchWith_OtherBirthplace_IsRefused() =>
        CodiceFiscale.Parse("RSSMRA85T10A562S").MismatchWith(MarioBirth, Sex.Male, "F205").ShouldBe("non corrisponde al comune di nascita F205");

    [Fact]
    public void DayOutOfRange_IsRefused()
    {
        string first15 = "RSSMRA85T35A562";
        CodiceFiscale.TryParse(first15 + CodiceFiscale.CheckCharacter(first15), out _, out string? reason).ShouldBeFalse();
        reason.ShouldBe("giorno di nascita non valido '35'");
    }
}

/// <summary>The check a registry's reader makes on the field, without building the code, says what parse and comparison say.</summary>
public class CodiceFiscaleFieldCheckTests
{
    private static readonly DateOnly MarioBirth = new(1985, 12, 10);

    [Theory]
    [InlineData(" rssmra85t10a562s ", "a562")]
    [InlineData("RSSMRA85T10A562S", "")]
    public void ValidCodeAgreeingWithThePerson_Passes(string text, string birthplace) =>
        CodiceFiscale.Check(text, MarioBirth, Sex.Male, birthplace, out _).ShouldBeNull();

    [Fact]
    public void OmocodiaCode_IsReadBackToItsBirthplace() =>
        CodiceFiscale.Check(CodiceFiscale.Compute("Rossi", "Mario", MarioBirth, Sex.Male, "A562", omocodia: 3).Value, MarioBirth, Sex.Male, "A562", out _).ShouldBeNull();

    [Theory]
    [InlineData("RSSMRA85T10A562X", "carattere di controllo errato (atteso 'S')")]
    [InlineData("RSSMRA85T10A562", "deve avere 16 caratteri")]
    [InlineData("RSSMRA85Z10A562S", "lettera del mese non valida 'Z'")]
    public void MalformedCode_GivesTheReasonOfParse(string text, string reason)
    {
        CodiceFiscale.TryParse(text, out _, out string? parsed).ShouldBeFalse();

        CodiceFiscale.Check(text, MarioBirth, Sex.Male, "A562", out bool malformed).ShouldBe(reason);

        malformed.ShouldBeTrue();
        parsed.ShouldBe(reason);
    }

    [Theory]
    [InlineData("1985-12-11", "M", "A562", "non corrisponde alla data di nascita 11/12/1985")]
    [InlineData("1985-12-10", "F", "A562", "non corrisponde al sesso F")]
    [InlineData("1985-12-10", "M", "A563", "non corrisponde al comune di nascita A563")]
    public void CodeDisagreeingWithThePerson_GivesTheReasonOfMismatchWith(string birth, string sex, string birthplace, string reason)
    {
        var date = DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture);
        var person = sex == "F" ? Sex.Female : Sex.Male;
        CodiceFiscale.Parse("RSSMRA85T10A562S").MismatchWith(date, person, birthplace).ShouldBe(reason);

        CodiceFiscale.Check("RSSMRA85T10A562S", date, person, birthplace, out bool malformed).ShouldBe(reason);

        malformed.ShouldBeFalse();
    }
}
