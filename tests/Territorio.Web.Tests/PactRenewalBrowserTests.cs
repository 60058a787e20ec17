using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The renewal of the Patto di Cura in a real Chromium (DGR X/6164/2017 allegato 1: the patient
/// confirms the pact each year): the Gestore renews on paper with the scan, or countersigns the
/// confirmation the patient gave from their own page; without either it is refused in Italian.
/// The patient file shows each renewal, how it was signed and before whom.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PactRenewalBrowserTests(BrowserFixture web)
{
    private const string OnPaper = "PA500001", FromPage = "PA500002";
    private const string PatientUser = "paziente.rinnovo.a";
    private const string RenewalScanLabel = "Scansione del rinnovo firmato (PDF, PNG o JPEG, al massimo 8 MB)";

    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;

    private static string Witness => $"Case manager del Gestore A ({Territory.A.UserOf(TerritorioRoles.GestoreCaseManager)})";

    private DateOnly NewEnd => web.SeedDay.AddDays(-RenewalSeed.DaysSinceSigning).AddYears(2).AddDays(-1);

    [Fact]
    public async Task Gestore_RenewsOnPaperWithTheScan_AfterRefusalsWithoutScanOrWithoutThePatientsConfirmation()
    {
        await SeedAsync();
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GotoAsync($"/Gestore/Paziente/{OnPaper}");
        var form = cm.GetByTestId("rinnovo-patto");
        await Assertions.Expect(cm.GetByTestId("rinnovo-non-confermato")).ToContainTextAsync("Il paziente non ha ancora confermato il rinnovo dalla sua pagina");

        await form.GetByRole(AriaRole.Button, new() { Name = "Rinnova il Patto di Cura" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("errore")).ToContainTextAsync("Scansione del patto firmato: obbligatoria per la firma su carta");
        await cm.GetByLabel("Confermato dal paziente dalla sua pagina \"Il mio percorso\"").CheckAsync();
        await cm.GetByRole(AriaRole.Button, new() { Name = "Rinnova il Patto di Cura" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("errore")).ToContainTextAsync("il paziente non ha ancora confermato il rinnovo dalla sua pagina");
        await BrowserFixture.ScreenshotAsync(cm, "rinnovo-01-rifiuto-senza-conferma-del-paziente");
        await Assertions.Expect(cm.GetByTestId("rinnovi-patto")).ToHaveCountAsync(0);

        await cm.GetByLabel(RenewalScanLabel).SetInputFilesAsync(new FilePayload { Name = "rinnovo-firmato.pdf", MimeType = "application/pdf", Buffer = SignedScans.Pdf });
        await cm.GetByRole(AriaRole.Button, new() { Name = "Rinnova il Patto di Cura" }).ClickAsync();

        await Assertions.Expect(cm.GetByTestId("esito")).ToContainTextAsync($"Patto di Cura rinnovato fino al {ItalianFormat.Date(NewEnd)}");
        var renewal = cm.GetByTestId("rinnovi-patto").GetByTestId("rinnovo-1");
        await Assertions.Expect(renewal).ToContainTextAsync($"firma su carta (scansione allegata), alla presenza di {Witness}");
        await Assertions.Expect(renewal).ToContainTextAsync(ItalianFormat.Date(NewEnd));
        await Assertions.Expect(cm.GetByTestId("rinnovo-patto")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(cm, "rinnovo-02-gestore-rinnovo-su-carta");
        var scan = await cm.RunAndWaitForDownloadAsync(() => renewal.GetByTestId("scarica-firma-rinnovo").ClickAsync());
        scan.SuggestedFilename.ShouldEndWith("-rinnovo-1-firmato.pdf");

        // The printed pact says how it was signed and renewed.
        var pdf = await cm.APIRequest.GetAsync($"/Gestore/Paziente/{OnPaper}?handler=PattoPdf");
        pdf.Status.ShouldBe(200);
        string text = PdfText.Of(await pdf.BodyAsync());
        text.ShouldContain("Firma del paziente e rinnovi");
        text.ShouldContain($"Rinnovo n.1 registrato il {ItalianFormat.Date(web.SeedDay)}");
        await cm.Context.CloseAsync();
    }

    [Fact]
    public async Task Patient_ConfirmsTheRenewalFromTheirPage_AndTheGestoreCountersignsIt()
    {
        await SeedAsync();
        var patient = await web.NewPageAsync();
        await web.SignInAsync(patient, PatientUser);
        await patient.GotoAsync("/Paziente/Percorso");
        var section = patient.GetByTestId("rinnovo-patto");
        await Assertions.Expect(section).ToContainTextAsync($"fino al {ItalianFormat.Date(NewEnd)}");
        await BrowserFixture.ScreenshotAsync(patient, "rinnovo-03-paziente-conferma");
        await section.GetByRole(AriaRole.Button, new() { Name = "Confermo il rinnovo del mio Patto di Cura" }).ClickAsync();
        await Assertions.Expect(patient.GetByTestId("esito")).ToContainTextAsync($"Rinnovo del Patto di Cura confermato il {ItalianFormat.Date(web.SeedDay)}");
        await Assertions.Expect(patient.GetByTestId("rinnovo-confermato")).ToContainTextAsync("lo completerà con la controfirma di un suo operatore");

        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GotoAsync($"/Gestore/Paziente/{FromPage}");
        await Assertions.Expect(cm.GetByTestId("rinnovo-confermato")).ToContainTextAsync($"il {ItalianFormat.Date(web.SeedDay)}: manca la controfirma dell'operatore");
        await Assertions.Expect(cm.GetByLabel("Confermato dal paziente dalla sua pagina \"Il mio percorso\"")).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(cm, "rinnovo-04-gestore-controfirma");
        await cm.GetByRole(AriaRole.Button, new() { Name = "Rinnova il Patto di Cura" }).ClickAsync();

        await Assertions.Expect(cm.GetByTestId("esito")).ToContainTextAsync($"Patto di Cura rinnovato fino al {ItalianFormat.Date(NewEnd)}");
        await Assertions.Expect(cm.GetByTestId("rinnovo-1")).ToContainTextAsync(
            $"confermato dal paziente dalla sua pagina il {ItalianFormat.Date(web.SeedDay)}, controfirmato da {Witness}");
        await patient.GotoAsync("/Paziente/Percorso");
        await Assertions.Expect(patient.GetByTestId("rinnovo-1")).ToContainTextAsync("confermato dal paziente dalla sua pagina");
        await Assertions.Expect(patient.GetByTestId("rinnovo-patto")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(patient, "rinnovo-05-paziente-patto-rinnovato");
        await Task.WhenAll(cm.Context.CloseAsync(), patient.Context.CloseAsync());
    }

    private async Task SeedAsync()
    {
        await Seeded.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_seeded)
            {
                await RenewalSeed.DuePactsAsync(web.App.Services, web.SeedDay, [(OnPaper, "Rosa Colombo", null), (FromPage, "Piero Conti", PatientUser)]);
                _seeded = true;
            }
        }
        finally
        {
            Seeded.Release();
        }
    }
}
