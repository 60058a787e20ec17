using Microsoft.Playwright;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The erogatore withdraws a service it offers from "Prestazioni offerte" (decision 0268) in a real Chromium;
/// a form forced to name a service it does not offer is refused in Italian.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErogatoreWithdrawBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task Laboratory_WithdrawsAServiceItOffered_AndAServiceItDoesNotOffer_IsRefused()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, CareSeed.LabErogatoreUser);
        await page.GotoAsync("/Erogatore/Prestazioni?cerca=magnesio");
        await page.GetByTestId("risultato-90.32.5").GetByRole(AriaRole.Button, new() { Name = "Offri" }).ClickAsync();
        var offered = page.GetByTestId("offerta-90.32.5");
        await Assertions.Expect(offered).ToContainTextAsync("90.32.5 MAGNESIO TOTALE");

        // A form forced to name a service not on offer is refused by the rule, and nothing changes.
        await offered.Locator("input[name=prestazione]").EvaluateAsync("e => e.value = '90.22.3'");
        await offered.GetByRole(AriaRole.Button, new() { Name = "Ritira" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToHaveTextAsync(
            "Operazione rifiutata: l'erogatore Laboratorio Analisi Milano Centro (E321LAB) non offre la prestazione 90.22.3 FERRITINA");
        await Assertions.Expect(page.GetByTestId("offerta-90.32.5")).ToBeVisibleAsync();

        await page.GetByTestId("offerta-90.32.5").GetByRole(AriaRole.Button, new() { Name = "Ritira" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("Prestazione 90.32.5 MAGNESIO TOTALE ritirata: non è più offerta");
        await Assertions.Expect(page.GetByTestId("offerta-90.32.5")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("offerta-90.16.3")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "y16-erogatore-ritira-prestazione");
        await page.Context.CloseAsync();
    }
}
