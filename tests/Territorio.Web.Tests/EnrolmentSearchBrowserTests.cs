using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Population;
using Territorio.Web.Care;
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

    /// <summary>A resident of territory A whom the ATS never invited and who never asked (until the test's GP message).</summary>
    private const string Nadia = "PA400003";

    private static readonly DateOnly NadiaBorn = new(1949, 11, 2);

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
        await Assertions.Expect(cm.GetByTestId("esito-ricerca")).ToHaveTextAsync(EnrolmentPatients.NotFound(OtherAts));
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

    [Fact]
    public async Task Gestore_ResidentNeverInvitedNorAsking_IsNotRevealed_ByCodiceFiscaleIdOrName_UntilTheGpAsks()
    {
        await SeedAsync();
        string nadiaCf = CfOf("Quarenghi", "Nadia", NadiaBorn, Sex.Female);
        string user = Territory.A.UserOf(TerritorioRoles.GestoreCaseManager);
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, user);
        await cm.GotoAsync("/Gestore/Arruolamento");

        // Each answer reads as for a code nobody has: the Gestore does not learn that she lives in the ATS.
        foreach (string text in new[] { nadiaCf, Nadia, "Quarenghi Nadia", "PA499999" })
        {
            await EnrolmentPage.FindPatientAsync(cm, text);
            await Assertions.Expect(cm.GetByTestId("esito-ricerca")).ToHaveTextAsync(EnrolmentPatients.NotFound(text));
            await Assertions.Expect(cm.GetByTestId("pazienti-trovati")).ToHaveCountAsync(0);
            await Assertions.Expect(cm.GetByTestId("paziente-scelto")).ToHaveCountAsync(0);
        }

        await BrowserFixture.ScreenshotAsync(cm, "arruolamento-04-residente-non-invitato");
        await cm.GotoAsync($"/Gestore/Arruolamento?paziente={Nadia}");
        await Assertions.Expect(cm.GetByTestId("esito-ricerca")).ToHaveTextAsync(EnrolmentPatients.NotFound(Nadia));
        await Assertions.Expect(cm.Locator("main")).Not.ToContainTextAsync(nadiaCf);
        (await RefusedLookupsAsync(user, Nadia)).ShouldBeGreaterThanOrEqualTo(3);

        // The ATS keeps its territorial search: it finds her.
        var ats = await web.NewPageAsync();
        await web.SignInAsync(ats, Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        await ats.GotoAsync($"/Ats/Assistiti?q={nadiaCf}");
        await Assertions.Expect(ats.GetByTestId($"paziente-{Nadia}")).ToContainTextAsync("Quarenghi");
        await ats.Context.CloseAsync();

        // Her GP's enrolment message to the Gestore is a consent basis: now the Gestore finds her.
        await GpAsksAsync(Nadia);
        await EnrolmentPage.FindPatientAsync(cm, nadiaCf);
        await Assertions.Expect(cm.GetByTestId("paziente-scelto")).ToContainTextAsync($"Quarenghi Nadia — {nadiaCf} — nata il 02/11/1949 — Milano");
        await BrowserFixture.ScreenshotAsync(cm, "arruolamento-05-dopo-la-richiesta-del-mmg");
        await cm.Context.CloseAsync();
    }

    /// <summary>How many look-ups of the patient by the user the access log holds as refused (the log is written in groups: waited for).</summary>
    private async Task<int> RefusedLookupsAsync(string user, string patientId)
    {
        for (int attempt = 0; ; attempt++)
        {
            await using var db = web.Database.CreateContext();
            int refused = await db.Set<Data.Security.PatientAccessEntry>()
                .CountAsync(e => e.UserName == user && e.PatientId == patientId && e.Resource == EnrolmentPatients.Resource && !e.Granted);
            if (refused >= 3 || attempt == 50)
            {
                return refused;
            }

            await Task.Delay(100);
        }
    }

    private async Task GpAsksAsync(string patientId)
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        var run = await db.Set<StratificationRun>().OrderByDescending(r => r.Id).FirstAsync();
        var gestore = await db.Set<CareManagement.Gestori.Gestore>().Include(g => g.Candidatures).SingleAsync(g => g.Id == Territory.A.Gestore);
        var classification = new Classification(patientId, 3, "56", "56", run.StratifiedOn, $"stratificazione n.{run.Id}");
        db.Add(EnrolmentRequest.ByMmg(patientId, Territory.A.Ats, classification, gestore, "picMMG-400003",
            new Change(new CareManagement.Common.Actor(ActorRole.Mmg, Territory.A.OtherMmg), DateTime.UtcNow)));
        await db.SaveChangesAsync();
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

        // Stratified and eligible, but neither invited nor asking.
        db.Residents.Add(new Resident(Nadia, NadiaBorn, Sex.Female, Territory.A.Ats, Territory.A.OtherMmg, null, new ResidentIdentity(
            CodiceFiscale.Compute("Quarenghi", "Nadia", NadiaBorn, Sex.Female, "F205"), "Quarenghi", "Nadia", milano,
            new PostalAddress("Via Manzoni 6", "20121", milano), null, null)));
        db.Add(new StratifiedPerson(run.Id, Nadia, 3, "56", ["56"], "56=drugs:C09AA02:2026-02-01") { Ats = Territory.A.Ats, MmgId = Territory.A.OtherMmg });
        await db.SaveChangesAsync();
    });
}
