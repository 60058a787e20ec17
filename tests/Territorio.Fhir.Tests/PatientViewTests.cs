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
