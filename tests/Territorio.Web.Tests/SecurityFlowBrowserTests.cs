using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>Sign-in, tenancy and the access log, in a real Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityFlowBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task Mmg_OpensOwnPatient_ThenAts_SeesTheReadInTheAccessLog()
    {
        var mmg = await web.NewPageAsync();
        await web.SignInAsync(mmg, Territory.A.UserOf(TerritorioRoles.Mmg));
        await mmg.GetByRole(AriaRole.Link, new() { Name = "I miei assistiti" }).First.ClickAsync();
        await Assertions.Expect(mmg.GetByTestId("numero-assistiti")).ToContainTextAsync("2 assistiti");
        await mmg.GetByRole(AriaRole.Link, new() { Name = Territory.A.Patient }).ClickAsync();
        await Assertions.Expect(mmg.GetByTestId("assistito")).ToHaveTextAsync(Territory.A.Patient);
        await Assertions.Expect(mmg.Locator("dd").First).ToContainTextAsync("14/03/1948");
        await BrowserFixture.ScreenshotAsync(mmg, "mmg-scheda-assistito");

        // Another GP's patient of the same ATS: not visible, and the attempt is logged.
        var refused = await mmg.GotoAsync($"/Assistiti/Scheda/{Territory.A.OtherMmgPatient}");
        refused!.Status.ShouldBe(404);
        await Assertions.Expect(mmg.Locator("h1")).ToHaveTextAsync("Pagina non trovata");
        await mmg.Context.CloseAsync();

        var ats = await web.NewPageAsync(tablet: true);
        await web.SignInAsync(ats, Territory.A.UserOf(TerritorioRoles.AtsControllore));
        await ats.GetByRole(AriaRole.Link, new() { Name = "Registro accessi" }).First.ClickAsync();
        await ats.GetByLabel("Utente").FillAsync(Territory.A.UserOf(TerritorioRoles.Mmg));
        await ats.GetByRole(AriaRole.Button, new() { Name = "Cerca" }).ClickAsync();
        var rows = ats.Locator("tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "pagina Scheda assistito" }).Filter(new() { HasText = "consentito" })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(rows.Filter(new() { HasText = Territory.A.OtherMmgPatient }).Filter(new() { HasText = "negato" })).Not.ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(ats, "ats-registro-accessi-tablet");
        await ats.Context.CloseAsync();
    }

    [Fact]
    public async Task WrongPassword_ShowsItalianError_AndPageOfAnotherRole_Is403()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Nome utente").FillAsync(Territory.A.UserOf(TerritorioRoles.Paziente));
        await page.GetByLabel("Password").FillAsync("sbagliata-sbagliata");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accedi" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore-accesso")).ToHaveTextAsync("Nome utente o password non corretti.");

        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.Paziente));
        var response = await page.GotoAsync("/Ats/Accessi");
        response!.Status.ShouldBe(403);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Accesso non consentito");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_FirstTab_ReachesSkipLink_ThatMovesToContent()
    {
        var page = await web.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Vai al contenuto" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        page.Url.ShouldEndWith("#contenuto");
        await page.Context.CloseAsync();
    }
}
