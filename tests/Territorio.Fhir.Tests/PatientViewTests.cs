using Territorio.Fhir.Views;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Population;

namespace Territorio.Fhir.Tests;

public class PatientViewTests
{
    private static readonly DateOnly Birth = new(1950, 6, 30);
    private static readonly Municipality Milano = new("F205", "Milano");

    [Fact]
    public void NamedResident_HasCodiceFiscaleIdentifier_NameAddressPhone_AndGpByName()
    {
        var cf = CodiceFiscale.Compute("Rossi", "Maria", Birth, Sex.Female, "F205");
        var resident = new Resident("P00000185", Birth, Sex.Female, "321", "MMG00001", null,
            new ResidentIdentity(cf, "Rossi", "Maria", Milano, new PostalAddress("Via Roma 12", "20121", Milano), "+39 000 555 0101", null));
        var doctor = new GeneralPractitioner("MMG00001", "Bianchi", "Anna", Sex.Female, "321", new PostalAddress("Via Verdi 3", "20121", Milano), null, null);

        var patient = FhirViews.Patient(resident, doctor);

        patient.Identifier.Select(i => (i.System, i.Value)).ShouldBe([(RegionalUrls.CodiceFiscale, cf.Value), (FhirViews.TerritorioSystem + "assistito", "P00000185")]);
        (patient.Name.Single().Family, patient.Name.Single().Given.Single()).ShouldBe(("Rossi", "Maria"));
        (patient.Address.Single().City, patient.Address.Single().PostalCode).ShouldBe(("Milano", "20121"));
        patient.Telecom.Single().Value.ShouldBe("+39 000 555 0101");
        patient.GeneralPractitioner.Single().Display.ShouldBe("Dott.ssa Anna Bianchi (MMG00001)");
    }

    [Fact]
    public void ResidentWithoutIdentity_KeepsTheTerritorioIdentifier_AndNoName()
    {
        var patient = FhirViews.Patient(new Resident("P1", Birth, Sex.Male, "321", null));

        patient.Identifier.Single().System.ShouldBe(FhirViews.TerritorioSystem + "assistito");
        patient.Name.ShouldBeEmpty();
    }
}

public class OrganizationViewTests
{
    private static readonly Municipality Milano = new("F205", "Milano");

    private static CareManagement.Gestori.Gestore Gestore() => CareManagement.Gestori.Gestore.Register("G321ASST", "ASST Nord Milano", CareManagement.Gestori.GestoreKind.Asst, "321",
        new CareManagement.Common.Change(new CareManagement.Common.Actor(CareManagement.Common.ActorRole.Ats, "op.ats", "321"), new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public void Gestore_WithItsRegistryEntry_HasNameSeatPhoneEmailAndPec()
    {
        var registry = new Kernel.Organisations.Organisation(Kernel.Organisations.OrganisationKind.Gestore, "G321ASST", "321",
            new Kernel.Organisations.OrganisationIdentity("ASST Nord Milano", new PostalAddress("Viale Piave 2", "20129", Milano), "+39 000 555 0900", "info@asst.example", "asst@pec.example"), fictitious: false);

        var organization = FhirViews.Organization(Gestore(), registry);

        organization.Name.ShouldBe("ASST Nord Milano");
        var seat = organization.Address.Single();
        (seat.Line.Single(), seat.PostalCode, seat.City, seat.Country).ShouldBe(("Viale Piave 2", "20129", "Milano", "IT"));
        organization.Telecom.Select(t => (t.System, t.Value, t.Rank)).ShouldBe([
            (Hl7.Fhir.Model.ContactPoint.ContactPointSystem.Phone, "+39 000 555 0900", null),
            (Hl7.Fhir.Model.ContactPoint.ContactPointSystem.Email, "info@asst.example", null),
            (Hl7.Fhir.Model.ContactPoint.ContactPointSystem.Email, "asst@pec.example", 1)]);
    }

    [Fact]
    public void Gestore_WithoutRegistryEntry_HasItsNameOnly()
    {
        var organization = FhirViews.Organization(Gestore());

        organization.Name.ShouldBe("ASST Nord Milano");
        organization.Address.ShouldBeEmpty();
        organization.Telecom.ShouldBeEmpty();
    }

    [Fact]
    public void GeneralPractitionerRole_NamesTheDoctor()
    {
        var doctor = new GeneralPractitioner("MMG00001", "Bianchi", "Anna", Sex.Female, "321", new PostalAddress("Via Verdi 3", "20121", Milano), null, null);

        FhirViews.GeneralPractitionerRole("MMG00001", null, null, null, doctor).Practitioner!.Display.ShouldBe("Dott.ssa Anna Bianchi (MMG00001)");
    }
}
