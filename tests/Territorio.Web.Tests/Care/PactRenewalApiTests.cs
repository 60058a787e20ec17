using System.Net;
using Territorio.CareManagement.Pacts;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Care.CareApi;

namespace Territorio.Web.Tests.Care;

/// <summary>
/// POST /api/gestore/patti/{id}/rinnovo renews only on the patient's signature (DGR X/6164/2017
/// allegato 1): a missing method or scan is a 400 naming the field, a confirmation the patient did
/// not give a 409 naming signatureMethod, another Gestore's pact a 404; the patient confirms with
/// POST /api/paziente/percorso/rinnovo and the caller's account is the witness.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PactRenewalApiTests(WebAppFixture app)
{
    private const string OnPaper = "PA510001", FromPage = "PA510002";
    private const string PatientUser = "paziente.rinnovo.api.a";

    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static IReadOnlyDictionary<string, PattoDiCura>? _pacts;

    private static string Renewal(long pactId) => $"/api/gestore/patti/{pactId}/rinnovo";

    [Fact]
    public async Task Renewal_WithoutMethod_OrOnPaperWithoutScan_IsABadRequestNamingTheField()
    {
        var pacts = await SeedAsync();
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

        ErrorsOf(await ProblemAsync(cm, Renewal(pacts[OnPaper].Id), new PactRenewalRequest(null, null), HttpStatusCode.BadRequest), "signatureMethod")
            .ShouldBe("Modo della firma: campo obbligatorio (\"carta\" o \"pagina-paziente\")");
        ErrorsOf(await ProblemAsync(cm, Renewal(pacts[OnPaper].Id), new PactRenewalRequest("carta", null), HttpStatusCode.BadRequest), "signatureScan")
            .ShouldBe("Scansione del patto firmato: obbligatoria per la firma su carta (PDF o immagine PNG/JPEG)");
    }

    [Fact]
    public async Task Renewal_FromThePatientsPage_WithoutTheirConfirmation_IsRefusedNamingTheMethod_AndAnotherGestoresPactIsNotFound()
    {
        var pacts = await SeedAsync();
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        var otherGestore = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));

        var refusal = await ProblemAsync(cm, Renewal(pacts[OnPaper].Id), new PactRenewalRequest("pagina-paziente", null), HttpStatusCode.Conflict);
        var foreign = await ProblemAsync(otherGestore, Renewal(pacts[OnPaper].Id), new PactRenewalRequest("carta", SignedScans.PdfBase64), HttpStatusCode.NotFound);

        ErrorsOf(refusal, "signatureMethod").ShouldContain("il paziente non ha ancora confermato il rinnovo dalla sua pagina");
        foreign.GetProperty("detail").GetString().ShouldBe($"patto di cura {pacts[OnPaper].Id} non trovato tra i patti del Gestore");
    }

    [Fact]
    public async Task Renewal_OnPaper_AndAfterThePatientConfirmed_AddsAYearWithTheCallerAsWitness()
    {
        var pacts = await SeedAsync();
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        var patient = await app.ApiAs(PatientUser);
        string witness = $"Case manager del Gestore A ({Territory.A.UserOf(TerritorioRoles.GestoreCaseManager)})";

        var onPaper = await PostAsync<PactDto>(cm, Renewal(pacts[OnPaper].Id), new PactRenewalRequest("carta", SignedScans.PdfBase64));
        var confirmed = await PostAsync<PactDto>(patient, "/api/paziente/percorso/rinnovo", new { });
        var twice = await ProblemAsync(patient, "/api/paziente/percorso/rinnovo", new { }, HttpStatusCode.Conflict);
        var fromPage = await PostAsync<PactDto>(cm, Renewal(pacts[FromPage].Id), new PactRenewalRequest("pagina-paziente", null));

        onPaper.EndDate.ShouldBe(pacts[OnPaper].EndDate.AddYears(1));
        onPaper.Renewals.ShouldHaveSingleItem().ShouldBe(new PactRenewalDto(1, app.SeedDay, pacts[OnPaper].EndDate.AddDays(1), pacts[OnPaper].EndDate.AddYears(1), "carta", witness, null, true));
        confirmed.RenewalConfirmedOn.ShouldBe(app.SeedDay);
        twice.GetProperty("detail").GetString()!.ShouldStartWith("ha già confermato il rinnovo del patto il");
        fromPage.Renewals.ShouldHaveSingleItem().ShouldBe(new PactRenewalDto(1, app.SeedDay, pacts[FromPage].EndDate.AddDays(1), pacts[FromPage].EndDate.AddYears(1), "pagina-paziente", witness, app.SeedDay, false));
        fromPage.RenewalConfirmedOn.ShouldBeNull();
    }

    private async Task<IReadOnlyDictionary<string, PattoDiCura>> SeedAsync()
    {
        await Seeded.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _pacts ??= await RenewalSeed.DuePactsAsync(app.App.Services, app.SeedDay, [(OnPaper, "Sara Ricci", null), (FromPage, "Ugo Marini", PatientUser)]);
        }
        finally
        {
            Seeded.Release();
        }
    }
}
