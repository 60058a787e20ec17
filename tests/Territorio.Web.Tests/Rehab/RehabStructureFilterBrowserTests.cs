using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.Data;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>
/// The verdicts' structure filter in a real Chromium (issue 17 part 3): the controller types part
/// of a structure's name, picks "Name (code)" among the suggestions and the verdicts are filtered
/// on the server; text matching no structure gets an Italian message; a structure's account is
/// offered, and may search, only its own structure.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RehabStructureFilterBrowserTests(BrowserFixture web)
{
    private const string OwnName = "Presidio Riabilitativo Villa Serena";
    private const string OtherName = "Istituto Clinico San Luca";

    private static string Own => $"{OwnName} ({Territory.A.Structure})";

    private static string Other => $"{OtherName} ({RehabSeed.OtherStructure(Territory.A)})";

    private static string RunPage => $"/Riabilitazione/Esecuzione/{RehabSeed.RunIds[Territory.A.Key]}";

    [Fact]
    public async Task Controller_FindsAStructureByName_AndSeesOnlyItsVerdicts()
    {
        var page = await SignedInAsync(TerritorioRoles.AtsControllore);
        await page.GotoAsync(RunPage);

        // Suggestions by name, "Name (code)": the San Luca institute before Villa Serena.
        (await page.GetByTestId("strutture").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)")).ShouldBe([Other, Own]);
        await page.GetByLabel("Struttura (nome o codice)").FillAsync("san luca");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtra" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("struttura=san", StringComparison.Ordinal));
        (await page.Locator("table.verdicts tbody tr td:nth-child(3)").AllInnerTextsAsync()).ShouldBe([Other]);
        await Assertions.Expect(page.GetByLabel("Struttura (nome o codice)")).ToHaveValueAsync("san luca");
        await Assertions.Expect(page.GetByTestId("strutture-trovate")).ToHaveTextAsync($"Struttura: {Other}.");
        await Assertions.Expect(page.GetByTestId("totale-giudizi")).ToHaveTextAsync("1 giudizio, pagina 1 di 1.");
        await BrowserFixture.ScreenshotAsync(page, "rehab-05-struttura-per-nome");

        await page.GetByLabel("Struttura (nome o codice)").FillAsync(Own);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtra" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("totale-giudizi")).ToContainTextAsync("2 giudizi");
        (await page.Locator("table.verdicts tbody tr td:nth-child(3)").AllInnerTextsAsync()).ShouldAllBe(s => s == Own);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UnknownStructureText_IsRefusedInItalian_NotAServerError()
    {
        var page = await SignedInAsync(TerritorioRoles.AtsControllore);

        var response = await page.GotoAsync(RunPage + "?struttura=Ospedale+Maggiore&pagina=3");

        response!.Status.ShouldBe((int)HttpStatusCode.BadRequest);
        await Assertions.Expect(page.Locator("#struttura-errore")).ToHaveTextAsync(
            "nessuna struttura di questa esecuzione corrisponde a \"Ospedale Maggiore\": scrivere parte del nome o il codice e scegliere tra i suggerimenti");
        await Assertions.Expect(page.Locator("table.verdicts")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "rehab-06-struttura-sconosciuta");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task StructureAccount_IsOfferedOnlyItsOwnStructure_AndCannotSearchAnother()
    {
        var page = await SignedInAsync(TerritorioRoles.Struttura);
        await page.GotoAsync(RunPage);

        (await page.GetByTestId("strutture").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)")).ShouldBe([Own]);
        (await page.Locator("table.verdicts tbody tr td:nth-child(3)").AllInnerTextsAsync()).ShouldAllBe(s => s == Own);

        var response = await page.GotoAsync(RunPage + "?struttura=" + Uri.EscapeDataString(OtherName));
        response!.Status.ShouldBe((int)HttpStatusCode.BadRequest);
        await Assertions.Expect(page.Locator("#struttura-errore")).ToContainTextAsync("nessuna struttura di questa esecuzione");
        (await page.ContentAsync()).ShouldNotContain(RehabSeed.Record(Territory.A, 2));
        await page.Context.CloseAsync();
    }

    /// <summary>A browser page of territory A's account with the role, once its structures have names.</summary>
    private async Task<IPage> SignedInAsync(string role)
    {
        await NameTheStructuresAsync();
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(role));
        return page;
    }

    /// <summary>The two structures of territory A's seeded run in the organisation registry.</summary>
    private async Task NameTheStructuresAsync()
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        var varese = new Municipality("L682", "Varese");
        foreach (var (code, name) in new[] { (Territory.A.Structure, OwnName), (RehabSeed.OtherStructure(Territory.A), OtherName) })
        {
            if (!await db.Organisations.AnyAsync(o => o.Kind == OrganisationKind.Struttura && o.Code == code, TestContext.Current.CancellationToken))
            {
                db.Organisations.Add(new Organisation(OrganisationKind.Struttura, code, Territory.A.Ats,
                    new OrganisationIdentity(name, new PostalAddress("Via Dante 1", "21100", varese), "+39 000 555 0500", null, "struttura@pec.esempio.invalid"), fictitious: true));
            }
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
