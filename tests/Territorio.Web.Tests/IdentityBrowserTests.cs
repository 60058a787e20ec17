using System.Text;
using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>People, not codes: the GP, the ATS and the Gestore find a patient by surname or codice fiscale and see them by name.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IdentityBrowserTests(BrowserFixture web)
{
    private static string Cf => CareSeed.NewPatientIdentity.FiscalCode.Value;

    [Fact]
    public async Task Mmg_FindsPatientBySurnameAndByCodiceFiscale_AndSeesNameAddressAndDoctor()
    {
        var mmg = await web.NewPageAsync();
        await web.SignInAsync(mmg, Territory.A.UserOf(TerritorioRoles.Mmg));
        await mmg.GetByRole(AriaRole.Link, new() { Name = "I miei assistiti" }).First.ClickAsync();
        await mmg.GetByLabel("Cognome, codice fiscale o codice assistito").FillAsync("ross");
        await mmg.GetByRole(AriaRole.Button, new() { Name = "Cerca" }).ClickAsync();
        await Assertions.Expect(mmg.GetByTestId("numero-assistiti")).ToContainTextAsync("1 assistiti corrispondono a «ross»");
        var row = mmg.GetByTestId($"assistito-{CareSeed.NewPatient}");
        await Assertions.Expect(row).ToContainTextAsync("Rossi Maria");
        await Assertions.Expect(row).ToContainTextAsync(Cf);
        await Assertions.Expect(row).ToContainTextAsync("+39 000 555 0101");
        await BrowserFixture.ScreenshotAsync(mmg, "identita-mmg-ricerca-cognome");

        await mmg.GetByLabel("Cognome, codice fiscale o codice assistito").FillAsync(Cf[..9].ToLowerInvariant());
        await mmg.GetByRole(AriaRole.Button, new() { Name = "Cerca" }).ClickAsync();
        await mmg.GetByRole(AriaRole.Link, new() { Name = "Rossi Maria" }).ClickAsync();
        await Assertions.Expect(mmg.GetByTestId("nome-assistito")).ToHaveTextAsync("Maria Rossi");
        await Assertions.Expect(mmg.GetByTestId("codice-fiscale")).ToHaveTextAsync(Cf);
        await Assertions.Expect(mmg.Locator("main")).ToContainTextAsync("Via Roma 12, 20121 Milano");
        await Assertions.Expect(mmg.Locator("main")).ToContainTextAsync($"Dott.ssa Anna Bianchi ({Territory.A.Mmg})");
        await BrowserFixture.ScreenshotAsync(mmg, "identita-mmg-scheda");
        await mmg.Context.CloseAsync();
    }

    [Fact]
    public async Task Mmg_SearchMatchingNobody_SaysSoInItalian()
    {
        var mmg = await web.NewPageAsync();
        await web.SignInAsync(mmg, Territory.A.UserOf(TerritorioRoles.Mmg));
        await mmg.GotoAsync("/Mmg/Assistiti?q=Zzzz");
        await Assertions.Expect(mmg.GetByTestId("numero-assistiti")).ToContainTextAsync("0 assistiti corrispondono a «Zzzz»");
        await mmg.Context.CloseAsync();
    }

    [Fact]
    public async Task Ats_FindsPatientBySurname_OpensTheFile_AndTheLetterPdfNamesThePerson()
    {
        var ats = await web.NewPageAsync();
        await web.SignInAsync(ats, Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        await ats.GetByRole(AriaRole.Link, new() { Name = "Cerca assistito" }).First.ClickAsync();
        await ats.GetByLabel("Cognome, codice fiscale o codice assistito").FillAsync("Rossi");
        await ats.GetByRole(AriaRole.Button, new() { Name = "Cerca" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId($"paziente-{CareSeed.NewPatient}")).ToContainTextAsync(Cf);
        await BrowserFixture.ScreenshotAsync(ats, "identita-ats-ricerca");
        await ats.GetByRole(AriaRole.Link, new() { Name = "Rossi Maria" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("nome-assistito")).ToHaveTextAsync("Maria Rossi");

        var letter = await ats.APIRequest.GetAsync($"/Assistiti/Scheda/{CareSeed.NewPatient}?handler=Lettera");
        letter.Status.ShouldBe(200);
        var pdf = await letter.BodyAsync();
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        PdfText.InfoContains(pdf, "Maria Rossi").ShouldBeTrue("il titolo della lettera nomina la persona");
        // The heading names the ATS, not its bare code.
        string text = PdfText.Of(pdf);
        text.ShouldContain("ATS della Città Metropolitana di Milano (321)");
        text.ShouldNotContain("ATS (321)");
        // The eligible Gestori's bullets and dashes are drawn, not dropped by the font.
        text.ShouldContain("• ");
        text.ShouldContain(") — ");
        await ats.Context.CloseAsync();
    }

    [Fact]
    public async Task Ats_OtherTerritorysPatient_IsNotFound()
    {
        var ats = await web.NewPageAsync();
        await web.SignInAsync(ats, Territory.B.UserOf(TerritorioRoles.AtsOperatore));
        await ats.GotoAsync($"/Ats/Assistiti?q={Cf}");
        await Assertions.Expect(ats.GetByTestId("nessun-paziente")).ToBeVisibleAsync();
        await ats.Context.CloseAsync();
    }

    [Fact]
    public async Task Gestore_PatientList_ByName_SearchBySurname_AndWorklistShowsNamesAndPhones()
    {
        string patient = AtsSeed.PathologyChange(Territory.A);
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GetByRole(AriaRole.Link, new() { Name = "Pazienti in carico" }).First.ClickAsync();
        // Residents the registry gave no name (shown by id) sort apart, before or after by database: only names are compared.
        var names = (await cm.GetByTestId("pazienti").Locator("tbody tr td:first-child").AllInnerTextsAsync()).Where(n => !n.StartsWith(Territory.A.Patient[..2], StringComparison.Ordinal)).ToList();
        names.Count.ShouldBeGreaterThan(1);
        names.ShouldBe([.. names.Order(StringComparer.Ordinal)]);
        await BrowserFixture.ScreenshotAsync(cm, "identita-gestore-pazienti");

        await cm.GetByLabel("Cognome, codice fiscale o codice assistito").FillAsync("mauri");
        await cm.GetByRole(AriaRole.Button, new() { Name = "Cerca" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("pazienti").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(cm.GetByTestId($"paziente-{patient}")).ToContainTextAsync("Mauri Carlo");

        await cm.GetByRole(AriaRole.Link, new() { Name = "Pazienti da contattare" }).First.ClickAsync();
        // The seeded named patients (phones +39 000 111 …) are called from the worklist by name and number.
        await Assertions.Expect(cm.Locator("[data-testid^='telefono-']").Filter(new() { HasText = "+39 000 111 " })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(cm.Locator("[data-testid^='riga-'] td:first-child").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^(Lucia|Carlo) ") })).Not.ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(cm, "identita-gestore-worklist");
        await cm.Context.CloseAsync();
    }
}
