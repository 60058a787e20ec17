using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// Issue 20 in a real Chromium: the ATS sees who became eligible (levels 1–3) with the latest
/// stratification and who left, by name and codice fiscale, with the evidence, filtered and paged;
/// a Gestore sees only its own patients' changes; every person shown is in the access log; another
/// territory's people never appear and a Gestore cannot open the ATS's page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LevelChangesBrowserTests(BrowserFixture web)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ats_SeesNewEligibleAndLeftPersonsOfItsTerritory_ByNameWithEvidence_AndFiltersThem()
    {
        var a = Territory.A;
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, a.UserOf(TerritorioRoles.AtsOperatore));
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Variazioni di livello" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("confronto")).ToContainTextAsync("confrontata con la n.");
        var entered = page.GetByTestId($"variazione-{AtsSeed.BecameEligible(a)}");
        await Assertions.Expect(entered).ToContainTextAsync("nuovo eleggibile");
        await Assertions.Expect(entered).ToContainTextAsync("livello 4");
        await Assertions.Expect(entered).ToContainTextAsync("IPERTENSIONE ARTERIOSA (56)");
        await Assertions.Expect(entered).ToContainTextAsync("farmaco C09AA02 del 01/02/2026");
        string name = (await entered.Locator("td").First.InnerTextAsync()).Trim();
        name.ShouldNotStartWith(AtsSeed.BecameEligible(a));
        name.ShouldContain(AtsSeed.Surnames[1]);
        await Assertions.Expect(page.GetByTestId($"variazione-{AtsSeed.LeftEligibility(a)}")).ToContainTextAsync("uscito dai livelli 1–3");
        await Assertions.Expect(page.GetByTestId($"variazione-{CareSeed.NewPatient}")).ToContainTextAsync("non stratificato");
        await Assertions.Expect(page.GetByTestId($"variazione-{AtsSeed.LevelDown(a)}")).ToBeVisibleAsync();
        (await page.ContentAsync()).ShouldNotContain(AtsSeed.BecameEligible(Territory.B));
        await BrowserFixture.ScreenshotAsync(page, "40-ats-variazioni-di-livello");

        var filters = page.GetByTestId("filtri-variazioni");
        await filters.GetByLabel("Variazione").SelectOptionAsync("nuovi");
        await filters.GetByLabel("Medico di medicina generale (codice)").FillAsync(AtsSeed.ThirdGp(a));
        await filters.GetByRole(AriaRole.Button, new() { Name = "Mostra le variazioni" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("totale-variazioni")).ToHaveTextAsync("1 persona con questi criteri.");
        await Assertions.Expect(page.GetByTestId($"variazione-{AtsSeed.BecameEligible(a)}")).ToBeVisibleAsync();

        await filters.GetByLabel("Variazione").SelectOptionAsync("usciti");
        await filters.GetByLabel("Medico di medicina generale (codice)").FillAsync("");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Mostra le variazioni" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId($"variazione-{AtsSeed.LeftEligibility(a)}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"variazione-{AtsSeed.BecameEligible(a)}")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "41-ats-variazioni-usciti");

        // A page beyond the last shows the last one.
        await page.GotoAsync("/Ats/Variazioni?pagina=99");
        await Assertions.Expect(page.GetByText("Variazioni di livello (pagina 1 di 1)")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        (await LoggedAsync(a.UserOf(TerritorioRoles.AtsOperatore), "pagina Nuovi eleggibili e variazioni di livello"))
            .ShouldContain(AtsSeed.BecameEligible(a));
    }

    [Fact]
    public async Task Gestore_SeesTheLevelChangesOfItsOwnPatientsOnly_AndNotTheAtsPage()
    {
        var a = Territory.A;
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, a.UserOf(TerritorioRoles.GestoreCaseManager));
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Cambi di livello" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cambi di livello dei tuoi pazienti" })).ToBeVisibleAsync();
        var row = page.GetByTestId($"variazione-{AtsSeed.LevelDown(a)}");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("livello 3");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("livello 2");
        await Assertions.Expect(row).ToContainTextAsync("esenzione 0031 del 01/06/2025");
        // Not its patients (no active pact with this Gestore).
        await Assertions.Expect(page.GetByTestId($"variazione-{AtsSeed.BecameEligible(a)}")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId($"variazione-{CareSeed.NewPatient}")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "42-gestore-cambi-di-livello");

        var refused = await page.GotoAsync("/Ats/Variazioni");
        refused!.Status.ShouldBeOneOf(403, 404);
        await page.Context.CloseAsync();

        (await LoggedAsync(a.UserOf(TerritorioRoles.GestoreCaseManager), "pagina Cambi di livello dei pazienti")).ShouldBe([AtsSeed.LevelDown(a)]);
    }

    /// <summary>The patients the access log has for a user and a resource (the log is written in groups: waited for).</summary>
    private async Task<List<string>> LoggedAsync(string user, string resource)
    {
        for (int attempt = 0; ; attempt++)
        {
            await using var db = web.Database.CreateContext();
            var logged = await db.Set<Data.Security.PatientAccessEntry>().Where(e => e.UserName == user && e.Resource == resource)
                .Select(e => e.PatientId).Distinct().OrderBy(p => p).ToListAsync(Ct);
            if (logged.Count > 0 || attempt == 50)
            {
                return logged;
            }

            await Task.Delay(100, Ct);
        }
    }
}
