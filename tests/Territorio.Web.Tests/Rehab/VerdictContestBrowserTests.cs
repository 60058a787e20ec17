using System.Net;
using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>
/// Contests in a real Chromium (issue 19 part 3): the structure contests two verdicts, the ATS
/// finds them in its list, confirms one and annuls the other; both see the state and the history;
/// refusals are in Italian.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VerdictContestBrowserTests(BrowserFixture web)
{
    private const string AnnulReason = "MDC 8 corretto: la SDO rettificata è arrivata il 10/07";

    [Fact]
    public async Task Structure_Contests_AtsConfirmsOneAndAnnulsTheOther_BothSeeTheHistory()
    {
        var run = await ContestSeed.CreateAsync(web, TestContext.Current.CancellationToken);
        string stroke = RehabSeed.Record(Territory.A, 1);
        string outOfScope = RehabSeed.Record(Territory.A, 3);

        // The structure: an empty note is refused in Italian, then two contests.
        var structure = await web.NewPageAsync();
        await web.SignInAsync(structure, run.StructureUser);
        await structure.GotoAsync(run.VerdictPage(ContestSeed.StrokeLine));
        await Assertions.Expect(structure.GetByTestId("stato-contestazione")).ToHaveTextAsync("Il giudizio non è contestato.");
        await Assertions.Expect(structure.GetByTestId("ricovero")).ToContainTextAsync("Struttura" + run.Label);
        await structure.GetByRole(AriaRole.Button, new() { Name = "Contesta il giudizio" }).ClickAsync();
        await Assertions.Expect(structure.Locator("#nota-errore")).ToHaveTextAsync("la nota è obbligatoria: scrivere perché il giudizio non è corretto");
        await BrowserFixture.ScreenshotAsync(structure, "contestazione-01-nota-mancante");
        await structure.GetByLabel("Perché il giudizio non è corretto").FillAsync("Il ricovero per acuti collegato è quello del 01/03: il livello è 56a.");
        await structure.GetByRole(AriaRole.Button, new() { Name = "Contesta il giudizio" }).ClickAsync();
        await Assertions.Expect(structure.GetByTestId("stato-contestazione")).ToHaveTextAsync("Stato: contestato, in attesa della decisione dell'ATS.");
        await Assertions.Expect(structure.GetByTestId("fatto")).ToContainTextAsync("Contestazione registrata");
        await Assertions.Expect(structure.GetByRole(AriaRole.Button, new() { Name = "Contesta il giudizio" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(structure, "contestazione-02-contestato");
        await structure.GotoAsync(run.VerdictPage(ContestSeed.OutOfScopeLine));
        await structure.GetByLabel("Perché il giudizio non è corretto").FillAsync("L'MDC è 8 (frattura), non 3: la SDO è stata rettificata.");
        await structure.GetByRole(AriaRole.Button, new() { Name = "Contesta il giudizio" }).ClickAsync();
        await Assertions.Expect(structure.GetByTestId("stato-contestazione")).ToContainTextAsync("contestato");

        // The ATS: from the rehab section to the contests to decide, filtered by the structure's name.
        var ats = await web.NewPageAsync();
        await web.SignInAsync(ats, Territory.A.UserOf(TerritorioRoles.AtsControllore));
        await ats.GotoAsync("/Riabilitazione");
        await ats.GetByTestId("link-contestazioni").ClickAsync();
        await ats.GetByLabel("Struttura (nome o codice)").FillAsync(run.StructureName);
        await ats.GetByRole(AriaRole.Button, new() { Name = "Filtra" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("totale-contestazioni")).ToHaveTextAsync("2 contestazioni, pagina 1 di 1.");
        await Assertions.Expect(ats.GetByTestId("contestazione-" + stroke)).ToContainTextAsync(run.Label);
        await BrowserFixture.ScreenshotAsync(ats, "contestazione-03-elenco-ats");

        await ats.GetByTestId("contestazione-" + stroke).GetByRole(AriaRole.Link, new() { Name = stroke }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("nota")).ToContainTextAsync("quello del 01/03");
        await ats.GetByLabel("Conferma il giudizio").CheckAsync();
        await ats.GetByRole(AriaRole.Button, new() { Name = "Registra la decisione" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("stato-contestazione")).ToHaveTextAsync("Stato: giudizio confermato dall'ATS.");

        await ats.GotoAsync(run.VerdictPage(ContestSeed.OutOfScopeLine));
        await ats.GetByLabel("Annulla il giudizio").CheckAsync();
        await ats.GetByLabel("Motivazione").FillAsync("errato");
        var refused = await ats.RunAndWaitForResponseAsync(
            () => ats.GetByRole(AriaRole.Button, new() { Name = "Registra la decisione" }).ClickAsync(),
            r => r.Request.Method == "POST");
        refused.Status.ShouldBe((int)HttpStatusCode.BadRequest);
        await Assertions.Expect(ats.Locator("#motivazione-errore")).ToContainTextAsync("per annullare il giudizio la motivazione è obbligatoria (almeno 20 caratteri)");
        await BrowserFixture.ScreenshotAsync(ats, "contestazione-04-motivazione-breve");
        await ats.GetByLabel("Motivazione").FillAsync(AnnulReason);
        await ats.GetByRole(AriaRole.Button, new() { Name = "Registra la decisione" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("stato-contestazione")).ToHaveTextAsync("Stato: giudizio annullato dall'ATS.");
        await Assertions.Expect(ats.GetByRole(AriaRole.Button, new() { Name = "Registra la decisione" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(ats, "contestazione-05-annullato");
        await ats.GotoAsync($"/Riabilitazione/Esecuzione/{run.RunId}");
        await Assertions.Expect(ats.GetByTestId("contestazioni")).ToContainTextAsync("da decidere 0 · giudizi confermati 1 · giudizi annullati 1");

        // The structure sees both decisions, with who and why.
        await structure.GotoAsync("/Riabilitazione/Contestazioni");
        await Assertions.Expect(structure.GetByTestId("contestazione-" + stroke)).ToContainTextAsync("giudizio confermato dall'ATS");
        await Assertions.Expect(structure.GetByTestId("contestazione-" + outOfScope)).ToContainTextAsync("giudizio annullato dall'ATS");
        await BrowserFixture.ScreenshotAsync(structure, "contestazione-06-elenco-struttura");
        await structure.GotoAsync(run.VerdictPage(ContestSeed.OutOfScopeLine));
        await Assertions.Expect(structure.GetByTestId("motivazione")).ToHaveTextAsync(AnnulReason);
        await Assertions.Expect(structure.GetByTestId("storia-contestazione")).ToContainTextAsync(Territory.A.UserOf(TerritorioRoles.AtsControllore));
        await Assertions.Expect(structure.GetByRole(AriaRole.Button, new() { Name = "Contesta il giudizio" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(structure, "contestazione-07-storia-struttura");
        await structure.Context.CloseAsync();
        await ats.Context.CloseAsync();
    }
}
