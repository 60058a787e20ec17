using System.Net;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Care.CareApi;

namespace Territorio.Web.Tests.Care;

/// <summary>People, not codes, in the care API: refusals name the patient, the patient file names the organisations beside their codes.</summary>
[Collection(WebAppCollection.Name)]
public sealed class NamesInCareApiTests(WebAppFixture app)
{
    private static readonly DateOnly Today = ItalianTime.Today(TimeProvider.System);

    [Fact]
    public async Task PactRefused_TheProblemDetailsNameThePatientByNameAndCodiceFiscale_NotByTheInternalId()
    {
        // A patient already in charge of the Gestore: a second pact is refused by the care rules.
        string patient = AtsSeed.Expiring(Territory.A);
        var person = AtsSeed.Residents(Territory.A).Single(r => r.Id == patient);
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

        var refused = await ProblemAsync(cm, "/api/gestore/patti", new PactRequest(patient, null, ItalianFormat.Date(Today), "carta", SignedScans.PdfBase64), HttpStatusCode.Conflict);

        refused.GetProperty("title").GetString().ShouldBe("Operazione rifiutata");
        string detail = refused.GetProperty("detail").GetString()!;
        detail.ShouldContain($"il paziente {person.DisplayName} (CF {person.FiscalCode})");
        detail.ShouldNotContain(patient);
    }

    [Fact]
    public async Task PatientFile_NamesTheGestoreOfEachPact_AndTheErogatoreAndServiceOfEachBookingAndFreeSlot_BesideTheirCodes()
    {
        var cm = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));

        var file = await GetAsync<PatientFileDto>(cm, $"/api/gestore/pazienti/{Territory.B.Patient}");

        file.Pacts.ShouldNotBeEmpty();
        file.Pacts.ShouldAllBe(p => p.GestoreName == "Gestore " + p.GestoreId);
        file.Bookings.ShouldNotBeEmpty();
        file.Bookings.Where(b => b.ErogatoreId == Territory.B.Erogatore).ShouldAllBe(b => b.ErogatoreName == "Poliambulatorio B");
        file.Bookings.ShouldAllBe(b => !string.IsNullOrEmpty(b.ErogatoreName) && !string.IsNullOrEmpty(b.ServiceDescription));
        var slots = file.FreeSlots.Values.SelectMany(s => s).ToList();
        slots.ShouldNotBeEmpty();
        slots.ShouldAllBe(s => !string.IsNullOrEmpty(s.ErogatoreName) && !string.IsNullOrEmpty(s.ServiceDescription));
    }

    [Fact]
    public async Task PatientFile_NamesThePatientsGp_BesideTheCode()
    {
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

        var file = await GetAsync<PatientFileDto>(cm, $"/api/gestore/pazienti/{Territory.A.Patient}");

        file.Patient.MmgId.ShouldBe(Territory.A.Mmg);
        file.Patient.MmgName.ShouldBe("Dott.ssa Anna Bianchi");
    }
}
