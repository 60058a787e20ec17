using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The ATS's what-if in a real Chromium: from the menu, raise the level-2 threshold and edit a
/// level-3 tariff, see persons and money side by side with today as chart and tables, download the CSV.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TariffWhatIfBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task Analyst_RaisesTheLevel2ThresholdAndEditsATariff_SeesTheLevelsAndMoneyBesideToday()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.B.UserOf(TerritorioRoles.AtsControllore));
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Simulazione tariffe e livelli" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sintesi-simulazione")).ToContainTextAsync("0 assistiti cambiano livello");

        await page.GetByLabel("Patologie croniche per il livello 2 (almeno)").FillAsync("3");
        await page.GetByLabel("amb, IPERTENSIONE ARTERIOSA (56), livello 3", new() { Exact = false }).FillAsync("300,00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simula" }).ClickAsync();

        // Every level-2 person of the seed has two pathologies: none is left at level 2.
        var levels = page.GetByTestId("assistiti-per-livello");
        await Assertions.Expect(levels.GetByRole(AriaRole.Row, new() { Name = "livello 2" }).GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("sintesi-simulazione")).ToContainTextAsync("periodi di patto sono pagati a un altro livello");
        await Assertions.Expect(page.GetByTestId("importi-livello")).ToContainTextAsync("livello 3");
        await Assertions.Expect(page.GetByTestId("importi-gestore")).ToContainTextAsync($"({Territory.B.Gestore})");
        await Assertions.Expect(page.GetByTestId("grafico-confronto").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("amb, IPERTENSIONE ARTERIOSA (56), livello 3", new() { Exact = false })).ToHaveValueAsync("300,00");
        await BrowserFixture.ScreenshotAsync(page, "40-ats-simulazione");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Scarica il confronto (CSV)" }).ClickAsync());
        download.SuggestedFilename.ShouldStartWith($"simulazione-{Territory.B.Ats}-");
        string csv = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        csv.ShouldStartWith("anno,ats,catalogo_oggi,catalogo_simulazione,soglia_livello_1,soglia_livello_2,");
        csv.ShouldContain(",4,3,importi_per_livello,3,livello 3,euro,");

        // Thresholds that cannot order the levels: refused with the reason, today shown.
        await page.GetByLabel("Patologie croniche per il livello 1 (almeno)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Simula" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errori-simulazione")).ToContainTextAsync("il livello 1 richiede più patologie del livello 2");
        await page.Context.CloseAsync();
    }
}
