using Territorio.Kernel.Codes;
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

public class ResidentIdentityTests
{
    private static readonly DateOnly Birth = new(1948, 3, 5);
    private static readonly Municipality Milano = new("F205", "Milano");

    private static ResidentIdentity IdentityWith(CodiceFiscale cf) =>
        new(cf, "D'Angelo", "Giuseppina", Milano, new PostalAddress("Via Roma 1", "20121", Milano), "+39 02 0000 0001", null);

    [Fact]
    public void Identify_KeepsNameAddressAndSearchKey()
    {
        var resident = new Resident("P1", Birth, Sex.Female, "321", "MMG1", null,
            IdentityWith(CodiceFiscale.Compute("D'Angelo", "Giuseppina", Birth, Sex.Female, "F205")));
        resident.DisplayName.ShouldBe("Giuseppina D'Angelo");
        resident.SurnameKey.ShouldBe("DANGELO");
        resident.Address.ShouldBe("Via Roma 1, 20121 Milano");
        resident.FiscalCode.ShouldStartWith("DNGGPP48C45F205");
    }

    [Fact]
    public void Identify_CodeOfAnotherBirthDate_IsRefused()
    {
        var resident = new Resident("P1", Birth, Sex.Female, "321", "MMG1");
        var other = CodiceFiscale.Compute("D'Angelo", "Giuseppina", Birth.AddDays(1), Sex.Female, "F205");
        Should.Throw<ArgumentException>(() => resident.Identify(IdentityWith(other))).Message.ShouldContain("data di nascita 05/03/1948");
        resident.FiscalCode.ShouldBeNull();
    }

    [Fact]
    public void Identify_CodeOfTheOtherSex_IsRefused()
    {
        var resident = new Resident("P1", Birth, Sex.Female, "321", "MMG1");
        Should.Throw<ArgumentException>(() => resident.Identify(IdentityWith(CodiceFiscale.Compute("D'Angelo", "Giuseppe", Birth, Sex.Male, "F205"))))
            .Message.ShouldContain("sesso F");
    }

    [Fact]
    public void WithoutIdentity_DisplayNameIsTheId() =>
        new Resident("P1", Birth, Sex.Female, "321", null).DisplayName.ShouldBe("P1");
}

public class PersonNamesTests
{
    [Theory]
    [InlineData("Rossi", "ROSSI")]
    [InlineData("D'Angelo", "DANGELO")]
    [InlineData("De Luca", "DELUCA")]
    [InlineData("Niccolò", "NICCOLO")]
    [InlineData("Çelik-Öztürk", "CELIKOZTURK")]
    [InlineData("", "")]
    public void Letters_KeepUpperCaseAsciiLettersOnly_AccentsDropped(string name, string expected) =>
        PersonNames.Letters(name).ShouldBe(expected);
}
