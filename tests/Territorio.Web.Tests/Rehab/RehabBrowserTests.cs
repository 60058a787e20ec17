using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>
/// The rehab screens in a real Chromium: an ATS controller uploads a generated SDO file, reads the
/// verdicts with their checks, filters them and opens the art.5 indicators; a ward runs the
/// pre-admission check.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RehabBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task AtsController_UploadsSdo_SeesVerdicts_Filters_OpensIndicators()
    {
        // Not the upload folders' prefix: a web app starting meanwhile removes those it does not own.
        string folder = Directory.CreateTempSubdirectory("territorio-test-rehab-").FullName;
        string sdo = Path.Combine(folder, "sdo-prova.csv");
        await File.WriteAllTextAsync(sdo, RehabRunApiTests.GeneratedSdo(300, 40, 11), TestContext.Current.CancellationToken);
        try
        {
            var page = await web.NewPageAsync();
            await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.AtsControllore));
            await page.GetByRole(AriaRole.Link, new() { Name = "Appropriatezza riabilitativa" }).First.ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Carica un file SDO" }).ClickAsync();
            await page.GetByLabel("File SDO (CSV)").SetInputFilesAsync(sdo);
            await page.GetByRole(AriaRole.Button, new() { Name = "Controlla e conserva" }).ClickAsync();

            await page.WaitForURLAsync(url => url.Contains("/Riabilitazione/Esecuzione/", StringComparison.Ordinal));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("sdo-prova.csv");
            await Assertions.Expect(page.GetByTestId("provvisorio")).ToContainTextAsync("PROVVISORIO");
            await Assertions.Expect(page.GetByTestId("giudicati")).ToHaveTextAsync("40");
            await Assertions.Expect(page.Locator("table.verdicts tbody tr")).ToHaveCountAsync(40);
            await BrowserFixture.ScreenshotAsync(page, "rehab-01-esecuzione");

            await page.GetByLabel("Esito").SelectOptionAsync(["appropriate"]);
            await page.GetByLabel("Disciplina").SelectOptionAsync(["56"]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Filtra" }).ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("esito=appropriate", StringComparison.Ordinal));
            var verdicts = await page.Locator("table.verdicts tbody .verdict").AllInnerTextsAsync();
            verdicts.ShouldNotBeEmpty();
            verdicts.ShouldAllBe(v => v == "appropriato");
            (await page.Locator("table.verdicts tbody tr td:nth-child(4)").AllInnerTextsAsync()).ShouldAllBe(d => d == "56 Recupero e riabilitazione funzionale");
            await page.Locator("table.verdicts tbody tr").First.GetByText("controlli").ClickAsync();
            await Assertions.Expect(page.Locator("table.verdicts tbody tr").First.Locator("ol.checks li").First).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "rehab-02-giudizi-filtrati");

            // the verdict's own page, printable as PDF
            await page.Locator("table.verdicts tbody tr").First.Locator("td:nth-child(2) a").ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Giudizio sul ricovero");
            await Assertions.Expect(page.GetByTestId("esito-giudizio")).ToContainTextAsync("appropriato");
            await Assertions.Expect(page.GetByTestId("scarica-pdf")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "rehab-02b-giudizio");
            await page.GoBackAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Indicatori (art.5)" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("grafico").Locator("svg.bars rect").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("indicatori-struttura")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("indicatori-totale")).ToContainTextAsync("40");
            await BrowserFixture.ScreenshotAsync(page, "rehab-03-indicatori");
            await page.Context.CloseAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Ward_PreAdmissionCheck_ShowsVerdictArticleAndLevel()
    {
        var page = await web.NewPageAsync(tablet: true);
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.Reparto));
        await page.GetByRole(AriaRole.Link, new() { Name = "Verifica pre-ricovero" }).First.ClickAsync();
        await page.GetByLabel("Data di nascita").FillAsync("10/05/1950");
        await page.GetByLabel("Sesso").SelectOptionAsync(["F"]);
        await page.GetByLabel("Diagnosi principale (ICD-9-CM)").FillAsync("438.11");
        await page.GetByLabel("Diagnosi secondarie (fino a 5)").FillAsync("342.90 428.0 427.31");
        await page.GetByLabel("Interventi e procedure (fino a 6)").FillAsync("93.11");
        await page.GetByLabel("MDC", new() { Exact = true }).FillAsync("1");
        await page.GetByLabel("Data di dimissione per acuti (vuota se nessun ricovero per acuti)").FillAsync("01/03/2026");
        await page.GetByLabel("Disciplina del reparto per acuti").FillAsync("32");
        await page.GetByLabel("Data di ammissione prevista").FillAsync("05/03/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verifica" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("esito")).ToHaveTextAsync("appropriato");
        await Assertions.Expect(page.GetByTestId("articolo")).ToHaveTextAsync("art.3 c.1 lett.b");
        await Assertions.Expect(page.GetByTestId("livello")).ToHaveTextAsync("56a");
        await Assertions.Expect(page.GetByTestId("nessun-dato-salvato")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "rehab-04-pre-ricovero-tablet");
        await page.Context.CloseAsync();
    }
}
