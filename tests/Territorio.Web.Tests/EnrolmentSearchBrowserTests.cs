using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Population;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The Gestore's case manager finds the patient who signs the Patto di Cura by surname (and given
/// name) or codice fiscale, picks the right person from "Cognome Nome — CF — nato/a il — comune",
/// and signs; a resident of another ATS is never found.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EnrolmentSearchBrowserTests(BrowserFixture web)
{
    private const string Anna = "PA400001", Luca = "PA400002", OtherAts = "PB400001";

    private static readonly SeedOnce Seed = new();

    private static readonly DateOnly AnnaBorn = new(1950, 5, 12), LucaBorn = new(1952, 9, 3), PaoloBorn = new(1951, 1, 20);

    private static string CfOf(string surname, string given, DateOnly born, Sex sex) => CodiceFiscale.Compute(surname, given, born, sex, "F205").Value;

    [Fact]
    public async Task Gestore_FindsPatientBySurnameAndName_PicksTheRightOne_AndSigns()
    {
        await SeedAsync();
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GotoAsync("/Gestore/Arruolamento");
        await Assertions.Expect(cm.Locator("main").GetByText("Codice assistito", new() { Exact = true })).ToHaveCountAsync(0);

        await EnrolmentPage.FindPatientAsync(cm, "zanardelli");
        await Assertions.Expect(cm.GetByTestId("esito-ricerca")).ToHaveTextAsync("2 pazienti corrispondono a «zanardelli»: scelga quello giusto.");
        var found = cm.GetByTestId("pazienti-trovati");
        await Assertions.Expect(found).ToContainTextAsync($"Zanardelli Anna — {CfOf("Zanardelli", "Anna", AnnaBorn, Sex.Female)} — nata il 12/05/1950 — Milano");
        await Assertions.Expect(found).ToContainTextAsync($"Zanardelli Luca — {CfOf("Zanardelli", "Luca", LucaBorn, Sex.Male)} — nato il 03/09/1952 — Milano");
        await Assertions.Expect(found).Not.ToContainTextAsync("Paolo");
        await Assertions.Expect(cm.GetByRole(AriaRole.Button, new() { Name = "Firma il Patto di Cura" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(cm, "arruolamento-01-ricerca-per-cognome");

        await EnrolmentPage.FindPatientAsync(cm, "Zanardelli An");
        await Assertions.Expect(cm.GetByTestId("esito-ricerca")).ToContainTextAsync("Un paziente corrisponde a «Zanardelli An»");
        await cm.GetByTestId($"trovato-{Anna}").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("paziente-scelto")).ToContainTextAsync("Zanardelli Anna");
        await BrowserFixture.ScreenshotAsync(cm, "arruolamento-02-paziente-scelto");
        await SignedScans.AttachPdfAsync(cm);
        await cm.GetByRole(AriaRole.Button, new() { Name = "Firma il Patto di Cura" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("assistito")).ToHaveTextAsync(Anna);
        await cm.Context.CloseAsync();
    }

    [Fact]
    public async Task Gestore_ExactCodiceFiscale_GoesStraightToTheSignature()
    {
        await SeedAsync();
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GotoAsync("/Gestore/Arruolamento");
        await EnrolmentPage.FindPatientAsync(cm, CfOf("Zanardelli", "Luca", LucaBorn, Sex.Male).ToLowerInvariant());
        await Assertions.Expect(cm.GetByTestId("paziente-scelto")).ToContainTextAsync("Zanardelli Luca");
        await Assertions.Expect(cm.GetByTestId("pazienti-trovati")).ToHaveCountAsync(0);
        await cm.Context.CloseAsync();
    }

    [Fact]
    public async Task Gestore_PatientOfAnotherAts_IsNotFound_ByNameCodiceFiscaleOrId()
    {
        await SeedAsync();
        string paoloCf = CfOf("Zanardelli", "Paolo", PaoloBorn, Sex.Male);
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GotoAsync("/Gestore/Arruolamento");
        foreach (string text in new[] { "Zanardelli Paolo", paoloCf, OtherAts })
        {
            await EnrolmentPage.FindPatientAsync(cm, text);
            await Assertions.Expect(cm.GetByTestId("esito-ricerca")).ToContainTextAsync($"Nessun paziente trovato per «{text}»");
            await Assertions.Expect(cm.GetByTestId("paziente-scelto")).ToHaveCountAsync(0);
        }

        await BrowserFixture.ScreenshotAsync(cm, "arruolamento-03-nessun-paziente");
        await cm.GotoAsync($"/Gestore/Arruolamento?paziente={OtherAts}");
        await Assertions.Expect(cm.GetByTestId("esito-ricerca")).ToContainTextAsync("non risulta tra gli assistiti dell'ATS");
        await Assertions.Expect(cm.GetByTestId("paziente-scelto")).ToHaveCountAsync(0);
        await cm.Context.CloseAsync();

        // The Gestore of Paolo's own ATS finds him: the refusal above is the territory's, not a broken search.
        var other = await web.NewPageAsync();
        await web.SignInAsync(other, Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));
        await other.GotoAsync("/Gestore/Arruolamento");
        await EnrolmentPage.FindPatientAsync(other, "Zanardelli");
        await Assertions.Expect(other.GetByTestId($"trovato-{OtherAts}")).ToContainTextAsync(paoloCf);
        await Assertions.Expect(other.GetByTestId("pazienti-trovati")).Not.ToContainTextAsync("Anna");
        await other.Context.CloseAsync();
    }

    /// <summary>Two named level-3 residents of territory A and one of B, each invited by their ATS's letter.</summary>
    private Task SeedAsync() => Seed.RunAsync(async () =>
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        var run = await db.Set<StratificationRun>().OrderByDescending(r => r.Id).FirstAsync();
        var milano = new Municipality("F205", "Milano");
        var people = new[]
        {
            (Id: Anna, Given: "Anna", Born: AnnaBorn, Sex: Sex.Female, Territory.A),
            (Id: Luca, Given: "Luca", Born: LucaBorn, Sex: Sex.Male, Territory.A),
            (Id: OtherAts, Given: "Paolo", Born: PaoloBorn, Sex: Sex.Male, Territory.B),
        };
        foreach (var (id, given, born, sex, territory) in people)
        {
            db.Residents.Add(new Resident(id, born, sex, territory.Ats, territory.OtherMmg, null, new ResidentIdentity(
                CodiceFiscale.Compute("Zanardelli", given, born, sex, "F205"), "Zanardelli", given, milano,
                new PostalAddress("Via Manzoni 4", "20121", milano), null, null)));
            db.Add(new StratifiedPerson(run.Id, id, 3, "56", ["56"], "56=drugs:C09AA02:2026-02-01") { Ats = territory.Ats, MmgId = territory.OtherMmg });
            var classification = new Classification(id, 3, "56", "56", run.StratifiedOn, $"stratificazione n.{run.Id}");
            db.Add(EnrolmentLetter.Issue(id, territory.Ats, classification, run.Id, [territory.Gestore],
                new Change(new CareManagement.Common.Actor(ActorRole.Ats, "op.ats", territory.Ats), DateTime.UtcNow)));
        }

        await db.SaveChangesAsync();
    });
}
