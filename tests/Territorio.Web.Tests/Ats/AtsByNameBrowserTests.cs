using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Ats;

/// <summary>
/// The ATS by name, never as a bare code (issue 16, "people, not codes"), in a real Chromium: the
/// heading of every ATS page and the account line of the layout name "ATS dell'Insubria (322)";
/// the Patto di Cura's PDF names the ATS and the main pathology.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AtsByNameBrowserTests(BrowserFixture web)
{
    private const string InsubriaLabel = "ATS dell'Insubria (322)";
    private const string MilanoLabel = "ATS della Città Metropolitana di Milano (321)";

    [Theory]
    [InlineData("/Ats/Remunerazione", "Remunerazione della presa in carico")]
    [InlineData("/Ats/Simulazione", "Simulazione delle tariffe e delle soglie dei livelli")]
    [InlineData("/Ats/Candidature", "Candidature dei Gestori")]
    [InlineData("/Ats/Accessi", "Registro degli accessi ai dati degli assistiti")]
    [InlineData("/Ats/Piramide", "Piramide della domanda")]
    [InlineData("/Ats/Commissione", "Commissione dell'")]
    [InlineData("/Ats/Arruolamento", "Avanzamento della presa in carico")]
    public async Task AtsPage_HeadingNamesTheAts_NotItsBareCode(string path, string title)
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.B.UserOf(TerritorioRoles.AtsOperatore));

        await page.GotoAsync(path);

        var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(heading).ToContainTextAsync(title);
        await Assertions.Expect(heading).ToContainTextAsync(InsubriaLabel);
        await Assertions.Expect(page.GetByTestId("utente")).ToContainTextAsync(InsubriaLabel);
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("ATS 322");
        await BrowserFixture.ScreenshotAsync(page, "ats-per-nome" + path.Replace('/', '-').ToLowerInvariant());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PactPdf_NamesTheAtsAndTheMainPathology()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

        var pdf = await page.APIRequest.GetAsync($"/Gestore/Paziente/{Territory.A.Patient}?handler=PattoPdf");

        pdf.Status.ShouldBe(200);
        byte[] body = await pdf.BodyAsync();
        // Level and main pathology are those in force: other tests of the shared region may reclassify this patient.
        PdfText.Says(body, MilanoLabel + " Livello:").ShouldBeTrue("il patto nomina l'ATS");
        PdfText.Of(body).ShouldMatch(@"Patologia principale:\s*[A-Z][^(\n]+ \(\d+\)", "il patto nomina la patologia principale");
        PdfText.Of(body).ShouldNotContain("ATS: 321");
        await page.Context.CloseAsync();
    }
}
