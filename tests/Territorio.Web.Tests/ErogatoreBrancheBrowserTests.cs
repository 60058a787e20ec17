using Microsoft.Playwright;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The erogatore's "Prestazioni offerte" page in a real Chromium (decision 0260): the accredited branche by
/// name, a search that lists only services of them, and an out-of-branca service refused in Italian when forced.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErogatoreBrancheBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task Laboratory_SeesItsBranche_OffersALaboratoryTest_AndAnEchocardiogramIsRefused()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, CareSeed.LabErogatoreUser);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principale" }).GetByRole(AriaRole.Link, new() { Name = "Prestazioni offerte" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Laboratorio Analisi Milano Centro (E321LAB)");
        await Assertions.Expect(page.GetByTestId("branche")).ToHaveTextAsync("Laboratorio analisi (11)");
        await Assertions.Expect(page.GetByTestId("offerta-90.16.3")).ToContainTextAsync("90.16.3 CREATININA");

        // The search offers nothing of cardiology, then a laboratory test.
        await SearchAsync(page, "ecocolordoppler cardiaca");
        await Assertions.Expect(page.GetByTestId("nessun-risultato")).ToBeVisibleAsync();
        await SearchAsync(page, "glicata");
        var result = page.GetByTestId("risultato-90.28.1");
        await Assertions.Expect(result).ToContainTextAsync("Laboratorio analisi");
        await result.GetByRole(AriaRole.Button, new() { Name = "Offri" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("Prestazione 90.28.1 Hb - EMOGLOBINA GLICATA ora offerta");
        await Assertions.Expect(page.GetByTestId("offerta-90.28.1")).ToContainTextAsync("30 minuti");

        // A form forced to carry an echocardiogram is refused by the rule, in Italian, and nothing is offered.
        await SearchAsync(page, "potassio");
        var potassium = page.GetByTestId("risultato-90.37.4");
        await potassium.Locator("input[name=prestazione]").EvaluateAsync("e => e.value = '88.72.2'");
        await potassium.GetByRole(AriaRole.Button, new() { Name = "Offri" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToHaveTextAsync(
            "Operazione rifiutata: l'erogatore Laboratorio Analisi Milano Centro (E321LAB) non è accreditato per la branca Cardiologia: non può offrire 88.72.2 ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo");
        await Assertions.Expect(page.GetByTestId("offerta-88.72.2")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "31-erogatore-prestazioni-e-branche");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherErogatoresId_InTheOfferForm_IsAnswered404_AndNothingIsOffered()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, CareSeed.LabErogatoreUser);
        await page.GotoAsync("/Erogatore/Prestazioni?cerca=sodio");
        var row = page.GetByTestId("risultato-90.40.4");
        await row.Locator("input[name=erogatoreId]").EvaluateAsync($"e => e.value = '{CareSeed.HoursErogatore}'");

        var answer = await page.RunAndWaitForResponseAsync(() => row.GetByRole(AriaRole.Button, new() { Name = "Offri" }).ClickAsync(), r => r.Request.Method == "POST");

        answer.Status.ShouldBe(404);
        await page.GotoAsync("/Erogatore/Prestazioni");
        await Assertions.Expect(page.GetByTestId("offerta-90.40.4")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static async Task SearchAsync(IPage page, string text)
    {
        await page.GetByLabel("Codice o parole della descrizione").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerca nel nomenclatore" }).ClickAsync();
    }
}
