using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Application;
using Territorio.Testing;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests;

/// <summary>
/// The PAI written item by item, in a real Chromium: the GP starts from the merged templates,
/// searches the national nomenclator for "TSH", adds it and a drug by ATC, is refused an unknown
/// code, sends the draft; the Gestore's clinical manager sees what it adds and approves it; both
/// read the difference in the PAI history and download the PAI and the pact as PDFs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaiEditorBrowserTests(BrowserFixture web)
{
    private const string GpUser = "mmg2.b";
    private static readonly string Patient = Territory.B.OtherMmgPatient;

    [Fact]
    public async Task MmgDraftsTshFoundBySearch_GestoreApproves_DiffVisible_PdfsDownload()
    {
        await using (var scope = web.App.Services.CreateAsyncScope())
        {
            await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(GpUser, "Secondo MMG B", TerritorioRoles.Mmg, Territory.B.Ats, MmgId: Territory.B.OtherMmg), Territory.Password);
            var care = scope.ServiceProvider.GetRequiredService<CareServices>();
            var by = new CareActor.Factory("cm.test");
            await care.Enrolment.SignOnPatientRequestAsync(Patient, Territory.B.Gestore, null, "Paziente B2", "Gestore B", by.CaseManager(Territory.B.Gestore), TestContext.Current.CancellationToken);
        }

        // 1. The GP opens the editor: the templates of the patient's pathologies (56 and 29), merged and marked provisional.
        var gp = await web.NewPageAsync();
        await web.SignInAsync(gp, GpUser);
        await gp.GotoAsync($"/Mmg/Paziente/{Patient}");
        await gp.GetByTestId("apri-editor-pai").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("base-pai")).ToContainTextAsync("modello provvisorio provvisorio-2026-12 (patologie 56, 29, livello 2)");
        await Assertions.Expect(gp.GetByTestId("provvisorio")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("voce-89.52")).ToContainTextAsync("IPERTENSIONE ARTERIOSA (56), CARDIOPATIA ISCHEMICA (29)");

        // 2. An unknown code is refused, in Italian, and nothing is added.
        await gp.GetByLabel("Oppure il codice della prestazione").FillAsync("90.42.9");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Aggiungi la prestazione" }).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("errori-pai")).ToContainTextAsync("il codice 90.42.9 non è nel vocabolario nomenclatore delle prestazioni");
        await Assertions.Expect(gp.GetByTestId("voce-90.42.9")).ToHaveCountAsync(0);

        // 3. TSH found by searching, added twice a year; a drug by its ATC class with dose and months.
        await gp.GetByLabel("Oppure il codice della prestazione").FillAsync("");
        await gp.GetByLabel("Cerca per codice o parole").FillAsync("TSH");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Cerca nel nomenclatore" }).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("risultato-90.42.1")).ToContainTextAsync("TIREOTROPINA (TSH)");
        await gp.GetByLabel("Prestazioni all'anno (da 1 a 52)").FillAsync("2");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Aggiungi 90.42.1 al PAI" }).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("voce-90.42.1")).ToContainTextAsync("scritta a mano");
        await gp.GetByLabel("Codice ATC (classe o principio attivo, es. H03AA o H03AA01)").FillAsync("H03AA01");
        await gp.GetByLabel("Farmaco (vuoto: il nome della classe ATC)").FillAsync("Levotiroxina");
        await gp.GetByLabel("Dose e posologia").FillAsync("25 mcg al mattino a digiuno");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Aggiungi il farmaco" }).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("voce-H03AA01")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("modifiche-pai")).ToContainTextAsync("90.42.1 TIREOTROPINA (TSH)");
        await BrowserFixture.ScreenshotAsync(gp, "09-mmg-editor-pai-tsh");
        await gp.GetByLabel("Motivazione della versione").FillAsync("astenia: controllo della tiroide e terapia sostitutiva");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Invia al Gestore" }).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("esito")).ToContainTextAsync("Bozza del PAI (versione 1");

        // 4. The Gestore's clinical manager sees what the draft brings and approves it.
        var clinician = await web.NewPageAsync();
        await web.SignInAsync(clinician, Territory.B.UserOf(TerritorioRoles.GestoreResponsabileClinico));
        await clinician.GotoAsync($"/Gestore/Paziente/{Patient}");
        var proposal = clinician.GetByTestId("proposta-modifiche");
        await Assertions.Expect(proposal.Locator("tr").Filter(new() { HasText = "90.42.1" })).ToContainTextAsync("aggiunta");
        await Assertions.Expect(proposal).ToContainTextAsync("H03AA01 Levotiroxina 25 mcg al mattino a digiuno");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Accetta la proposta del MMG" }).ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("esito")).ToContainTextAsync("accettata: versione 1 in vigore");
        await Assertions.Expect(clinician.GetByTestId("pai-diff-1")).ToContainTextAsync("aggiunta prestazione 90.42.1");
        await Assertions.Expect(clinician.GetByTestId("pai-provvisorio")).ToBeVisibleAsync();

        // 5. The PAI and the pact download as PDFs where they are shown.
        var pai = await clinician.RunAndWaitForDownloadAsync(() => clinician.GetByTestId("scarica-pai").ClickAsync());
        pai.SuggestedFilename.ShouldBe($"pai-{Patient}-versione-1.pdf");
        await PdfShouldStartAsync(pai);
        var pact = await clinician.RunAndWaitForDownloadAsync(() => clinician.GetByTestId("scarica-patto").ClickAsync());
        pact.SuggestedFilename.ShouldStartWith("patto-di-cura-");
        await PdfShouldStartAsync(pact);
        await BrowserFixture.ScreenshotAsync(clinician, "10-gestore-pai-approvato");
        await clinician.Context.CloseAsync();

        // 6. The GP reads the same difference in the history and downloads the PAI too.
        await gp.GotoAsync($"/Mmg/Paziente/{Patient}");
        await Assertions.Expect(gp.GetByTestId("pai-diff-1")).ToContainTextAsync("aggiunta terapia farmacologica H03AA01");
        var gpPai = await gp.RunAndWaitForDownloadAsync(() => gp.GetByTestId("scarica-pai").ClickAsync());
        await PdfShouldStartAsync(gpPai);
        await gp.Context.CloseAsync();
    }

    private static async Task PdfShouldStartAsync(IDownload download)
    {
        await using var stream = await download.CreateReadStreamAsync();
        var head = new byte[5];
        await stream.ReadExactlyAsync(head);
        System.Text.Encoding.ASCII.GetString(head).ShouldBe("%PDF-");
    }
}
