using System.Globalization;
using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The ATS Commission in a real Chromium: the operator reads a Gestore's reclassification proposal
/// with the patient's evidence, is told why a rejection without reason is refused, approves it,
/// finds it among the decisions, and sees the territory's pyramid count the patient at the new level.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CommissionBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task Commission_ApprovesReclassification_WithEvidence_AndThePyramidCountsTheNewLevel()
    {
        string id = AtsSeed.ReclassificationOf[Territory.A.Patient].ToString(CultureInfo.InvariantCulture);
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Commissione" }).ClickAsync();

        var request = page.GetByTestId($"riclassificazione-{id}");
        await Assertions.Expect(request.GetByTestId("proposta")).ToContainTextAsync("livello 1, patologia principale 20 SCOMPENSO CARDIACO");
        await Assertions.Expect(request.GetByText("Evidenze del paziente")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "05-ats-commissione");

        // A rejection needs a reason: the refusal says so and the request stays pending.
        await request.GetByRole(AriaRole.Button, new() { Name = "Respingi" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("Motivazione: obbligatoria per respingere");

        request = page.GetByTestId($"riclassificazione-{id}");
        await request.GetByLabel("Motivazione della decisione").FillAsync("scompenso documentato dall'ecocardiogramma");
        await request.GetByRole(AriaRole.Button, new() { Name = "Approva" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync($"Riclassificazione n.{id} di {Territory.A.Patient} approvata: livello 2 → 1, patologia principale 20 SCOMPENSO CARDIACO");
        await Assertions.Expect(page.GetByTestId($"riclassificazione-{id}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId($"decisa-riclassificazione-{id}")).ToContainTextAsync("approvata");
        await BrowserFixture.ScreenshotAsync(page, "06-ats-commissione-decisa");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Piramide" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("livello-1").Locator("td.num").First).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("riclassificati")).ToContainTextAsync("1 assistito contato al livello approvato dalla Commissione");
        await BrowserFixture.ScreenshotAsync(page, "07-ats-piramide");
        await page.Context.CloseAsync();
    }
}
