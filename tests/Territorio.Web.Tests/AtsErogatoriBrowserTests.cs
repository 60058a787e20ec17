using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The ATS records an erogatore's branche on the web (decision 0260) in a real Chromium: the list by name and
/// code, a branca added, a branca an offered service needs refused in Italian; another ATS's erogatore is not
/// found, and the controller reads without changing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AtsErogatoriBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task AtsOperator_AddsABranca_AndWithdrawingOneAnOfferedServiceNeeds_IsRefused()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principale" }).GetByRole(AriaRole.Link, new() { Name = "Erogatori e branche" }).ClickAsync();
        var row = page.GetByTestId($"erogatore-{CareSeed.HoursErogatore}");
        await Assertions.Expect(row).ToContainTextAsync("Centro prelievi Orari (EO)");
        await Assertions.Expect(row).ToContainTextAsync("Laboratorio analisi");
        await Assertions.Expect(page.GetByTestId($"erogatore-{Territory.B.Erogatore}")).ToHaveCountAsync(0);

        await row.GetByRole(AriaRole.Link, new() { Name = "Modifica le branche di Centro prelievi Orari" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Branche accreditate: Centro prelievi Orari (EO)");
        await page.GetByLabel("Laboratorio analisi (11)").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Registra le branche" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync(
            "Operazione rifiutata: l'erogatore Centro prelievi Orari (EO) offre 90.16.3 CREATININA");
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("senza la branca Laboratorio analisi non potrebbe più offrirla");
        await Assertions.Expect(page.GetByLabel("Laboratorio analisi (11)")).ToBeCheckedAsync();

        await page.GetByLabel("Oculistica (16)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Registra le branche" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToHaveTextAsync("Branche accreditate dell'erogatore Centro prelievi Orari (EO) registrate.");
        await Assertions.Expect(page.GetByLabel("Oculistica (16)")).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(page, "y16-ats-branche-erogatore");

        await page.GotoAsync("/Ats/Erogatori");
        await Assertions.Expect(page.GetByTestId($"erogatore-{CareSeed.HoursErogatore}")).ToContainTextAsync("Oculistica");
        await BrowserFixture.ScreenshotAsync(page, "y16-ats-erogatori");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherAtsErogatore_IsNotFound_AndTheControllerReadsWithoutChanging()
    {
        var other = await web.NewPageAsync();
        await web.SignInAsync(other, Territory.B.UserOf(TerritorioRoles.AtsOperatore));
        var answer = await other.GotoAsync($"/Ats/BrancheErogatore/{CareSeed.HoursErogatore}");
        answer!.Status.ShouldBe(404);
        await other.Context.CloseAsync();

        var controller = await web.NewPageAsync();
        await web.SignInAsync(controller, Territory.A.UserOf(TerritorioRoles.AtsControllore));
        await controller.GotoAsync("/Ats/Erogatori");
        await Assertions.Expect(controller.GetByTestId($"erogatore-{CareSeed.LabErogatore}")).ToContainTextAsync("Laboratorio Analisi Milano Centro (E321LAB)");
        await Assertions.Expect(controller.GetByRole(AriaRole.Link, new() { Name = "Modifica le branche" })).ToHaveCountAsync(0);
        var forbidden = await controller.GotoAsync($"/Ats/BrancheErogatore/{CareSeed.LabErogatore}");
        forbidden!.Status.ShouldBe(403);
        await controller.Context.CloseAsync();
    }
}
