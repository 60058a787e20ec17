using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;

namespace Territorio.Kernel.Tests;

public class OrganisationTests
{
    private static readonly Municipality Varese = new("L682", "Varese");

    private static OrganisationIdentity Identity(string name = "Casa di cura Villa Serena", string street = "Via dei Mille 12", string cap = "21100",
        string? phone = "+39 0332 000 111", string? email = "info@villaserena.example", string? pec = "villaserena@pec.example", Municipality? municipality = null) =>
        new(name, new PostalAddress(street, cap, municipality ?? Varese), phone, email, pec);

    [Fact]
    public void Organisation_KeepsNameSeatAndContacts_AndShowsNameWithCode()
    {
        var structure = new Organisation(OrganisationKind.Struttura, "030412", "322", Identity(), fictitious: false);
        structure.DisplayName.ShouldBe("Casa di cura Villa Serena (030412)");
        structure.Address.ShouldBe("Via dei Mille 12, 21100 Varese");
        structure.MunicipalityCode.ShouldBe("L682");
        structure.Pec.ShouldBe("villaserena@pec.example");
        structure.Fictitious.ShouldBeFalse();
    }

    [Fact]
    public void Describe_ReplacesTheIdentity_AndBlankContactsBecomeNull()
    {
        var erogatore = new Organisation(OrganisationKind.Erogatore, "E1", "321", Identity(), fictitious: true);
        erogatore.Describe(Identity(name: "Poliambulatorio Centro", phone: " ", email: "", pec: null), fictitious: false);
        erogatore.Name.ShouldBe("Poliambulatorio Centro");
        erogatore.Phone.ShouldBeNull();
        erogatore.Email.ShouldBeNull();
        erogatore.Fictitious.ShouldBeFalse();
    }

    [Theory]
    [InlineData("", "Via Roma 1", "21100", "+39 0332 1234", "a@b.it", "nome")]
    [InlineData("Ospedale", "", "21100", "+39 0332 1234", "a@b.it", "indirizzo")]
    [InlineData("Ospedale", "Via Roma 1", "2110", "+39 0332 1234", "a@b.it", "cap")]
    [InlineData("Ospedale", "Via Roma 1", "2110A", "+39 0332 1234", "a@b.it", "cap")]
    [InlineData("Ospedale", "Via Roma 1", "21100", "0332-1234", "a@b.it", "telefono")]
    [InlineData("Ospedale", "Via Roma 1", "21100", "+39 12", "a@b.it", "telefono")]
    [InlineData("Ospedale", "Via Roma 1", "21100", "+39 0332 1234", "ospedale.it", "email")]
    [InlineData("Ospedale", "Via Roma 1", "21100", "+39 0332 1234", "a@@b.it", "email")]
    [InlineData("Ospedale", "Via Roma 1", "21100", "+39 0332 1234", "a@b", "email")]
    public void Contacts_ThatCannotReachTheOrganisation_AreRefusedNamingTheField(string name, string street, string cap, string phone, string email, string field)
    {
        var identity = Identity(name, street, cap, phone, email);
        OrganisationContacts.Problem(identity)!.Value.Field.ShouldBe(field);
        Should.Throw<ArgumentException>(() => new Organisation(OrganisationKind.Gestore, "G1", "321", identity, fictitious: false)).Message.ShouldContain(field);
    }

    [Fact]
    public void BadPec_AndBadBelfioreCode_AreRefused()
    {
        OrganisationContacts.Problem(Identity(pec: "pec senza chiocciola"))!.Value.Field.ShouldBe("pec");
        OrganisationContacts.Problem(Identity(municipality: new Municipality("12AB", "Varese")))!.Value.Field.ShouldBe("codice comune");
        OrganisationContacts.Problem(Identity(municipality: new Municipality("", "Varese"))).ShouldBeNull();
    }
}
