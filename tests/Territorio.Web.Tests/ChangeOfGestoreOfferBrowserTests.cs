using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Testing;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests;

/// <summary>
/// A reclassification to a level the patient's Gestore is not accredited for, in a real Chromium:
/// the Commission's decision says so, the pact's level follows from the decision's day, the ATS and
/// the patient see the change of Gestore offered with the eligible Gestori by name, a choice without
/// Gestore or dated before the pact is refused in Italian, and the patient's choice goes to the
/// Commission while the old pact stays in force. In an ATS of its own (329), so that no other
/// test's counts move.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChangeOfGestoreOfferBrowserTests(BrowserFixture web)
{
    private const string Ats = "329";
    private const string Patient = "PZ400001";
    private const string LevelsTwoThree = "GZ23", LevelOne = "GZ1";
    private const string AtsUser = "ats-operatore.cambio", PatientUser = "paziente.cambio";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReclassifiedBeyondTheGestoresLevels_PatientIsOfferedTheEligibleGestori_AndChoosesOne()
    {
        long reclassification = await SeedAsync();
        var ats = await web.NewPageAsync();
        await web.SignInAsync(ats, AtsUser);
        await ats.GotoAsync("/Ats/Commissione");
        var request = ats.GetByTestId($"riclassificazione-{reclassification}");
        await request.GetByLabel("Motivazione della decisione").FillAsync("fragilità documentata dalla valutazione multidimensionale");
        await request.GetByRole(AriaRole.Button, new() { Name = "Approva" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("esito")).ToContainTextAsync(
            "il Gestore Poliambulatori Riuniti Brianza (GZ23) non è accreditato per il livello 1: al paziente va proposto il cambio di Gestore");
        // The decided list keeps saying it, for whoever opens the Commission's page later.
        await Assertions.Expect(ats.GetByTestId($"nota-decisione-{reclassification}")).ToContainTextAsync("al paziente va proposto il cambio di Gestore");
        await BrowserFixture.ScreenshotAsync(ats, "cambio-01-commissione");

        await ats.GotoAsync($"/Assistiti/Scheda/{Patient}");
        var offer = ats.GetByTestId("cambio-gestore-proposto");
        await Assertions.Expect(offer.GetByTestId("motivo-cambio")).ToContainTextAsync("la Commissione ATS ha portato il livello del paziente a 1");
        await Assertions.Expect(offer.GetByTestId("gestori-idonei")).ToHaveTextAsync("ASST Monza e Brianza (GZ1)");
        await Assertions.Expect(offer.GetByRole(AriaRole.Button, new() { Name = "Chiedi il cambio per conto del paziente" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(ats, "cambio-02-scheda-ats");
        await ats.Context.CloseAsync();

        var patient = await web.NewPageAsync();
        await web.SignInAsync(patient, PatientUser);
        await patient.GotoAsync("/Paziente/Percorso");
        await Assertions.Expect(patient.GetByTestId("livello-patto")).ToContainTextAsync($"livello 1 dal {ItalianFormat.Date(web.SeedDay)} (riclassificazione n.{reclassification})");
        offer = patient.GetByTestId("cambio-gestore-proposto");
        await Assertions.Expect(offer.GetByTestId("motivo-cambio")).ToContainTextAsync("Il Gestore Poliambulatori Riuniti Brianza (GZ23) non è accreditato per questo livello");

        // No Gestore chosen: refused, nothing asked.
        await offer.GetByLabel("Decorrenza del cambio").FillAsync(ItalianFormat.Date(web.SeedDay.AddDays(30)));
        await offer.GetByRole(AriaRole.Button, new() { Name = "Chiedo il cambio di Gestore" }).ClickAsync();
        await Assertions.Expect(patient.GetByTestId("errore")).ToHaveTextAsync("Operazione rifiutata: scegliere il nuovo Gestore");

        // Dated before the pact began: refused by the care rules.
        offer = patient.GetByTestId("cambio-gestore-proposto");
        await offer.GetByLabel("Nuovo Gestore").SelectOptionAsync(LevelOne);
        await offer.GetByLabel("Decorrenza del cambio").FillAsync(ItalianFormat.Date(web.SeedDay.AddDays(-60)));
        await offer.GetByRole(AriaRole.Button, new() { Name = "Chiedo il cambio di Gestore" }).ClickAsync();
        await Assertions.Expect(patient.GetByTestId("errore")).ToContainTextAsync("il cambio deve decorrere dopo l'inizio del patto in corso");
        await BrowserFixture.ScreenshotAsync(patient, "cambio-03-paziente-rifiuto");

        offer = patient.GetByTestId("cambio-gestore-proposto");
        await offer.GetByLabel("Nuovo Gestore").SelectOptionAsync(LevelOne);
        await offer.GetByLabel("Decorrenza del cambio").FillAsync(ItalianFormat.Date(web.SeedDay.AddDays(30)));
        await offer.GetByRole(AriaRole.Button, new() { Name = "Chiedo il cambio di Gestore" }).ClickAsync();
        await Assertions.Expect(patient.GetByTestId("esito")).ToContainTextAsync(
            $"inviata alla Commissione ATS: verso ASST Monza e Brianza (GZ1) dal {ItalianFormat.Date(web.SeedDay.AddDays(30))}. Fino ad allora resta in vigore il Patto di Cura");
        await Assertions.Expect(patient.GetByTestId("cambio-gestore-proposto")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(patient, "cambio-04-paziente-richiesta");
        await patient.Context.CloseAsync();

        await using var scope = web.App.Services.CreateAsyncScope();
        var care = scope.ServiceProvider.GetRequiredService<CareServices>();
        var change = (await care.Enrolment.ChangesOfAsync(Patient, Ct)).ShouldHaveSingleItem();
        change.ShouldSatisfyAllConditions(
            c => c.ToGestoreId.ShouldBe(LevelOne),
            c => c.Status.ShouldBe(CareManagement.Pacts.RequestStatus.Pending),
            c => c.Reason.ShouldContain("riclassificazione al livello 1"));
        (await care.Enrolment.PactsOfAsync(Patient, Ct)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.GestoreId.ShouldBe(LevelsTwoThree),
            p => p.Status.ShouldBe(CareManagement.Pacts.PactStatus.Active),
            p => p.Level.ShouldBe(1));
    }

    /// <summary>
    /// ATS 329: a Gestore accredited for levels 2–3 and one for level 1; a named level-2 patient in
    /// the latest stratification, enrolled with the first, who proposes level 1; the ATS operator's
    /// and the patient's accounts. Returns the proposal's number.
    /// </summary>
    private async Task<long> SeedAsync()
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        var care = scope.ServiceProvider.GetRequiredService<CareServices>();
        var by = new CareActor.Factory("seed");
        foreach (var (id, name, kind, levels) in new[] { (LevelsTwoThree, "Poliambulatori Riuniti Brianza", GestoreKind.PrivatoAccreditato, new[] { 2, 3 }), (LevelOne, "ASST Monza e Brianza", GestoreKind.Asst, new[] { 1, 2, 3 }) })
        {
            await care.Gestori.RegisterAsync(id, name, kind, Ats, by.Ats(Ats), Ct);
            foreach (int level in levels)
            {
                await care.Gestori.ApplyAsync(id, Ats, level, by.ClinicalManager(id), Ct);
                await care.Gestori.DecideAsync(id, Ats, level, approve: true, by.Ats(Ats), "requisiti verificati", Ct);
            }
        }

        var birth = new DateOnly(1946, 4, 18);
        var monza = new Municipality("F704", "Monza");
        db.Residents.Add(new Resident(Patient, birth, Sex.Male, Ats, "MMGZ01", null, new ResidentIdentity(
            Kernel.Codes.CodiceFiscale.Compute("Brivio", "Angelo", birth, Sex.Male, "F704"), "Brivio", "Angelo", monza,
            new PostalAddress("Via Italia 12", "20900", monza), "+39 000 333 0001", null)));
        var run = await db.Set<StratificationRun>().OrderByDescending(r => r.Id).FirstAsync(Ct);
        db.Add(new StratifiedPerson(run.Id, Patient, 2, "56", ["56", "29"], "56=drugs:C09AA02:2026-02-01") { Ats = Ats, MmgId = "MMGZ01" });
        await db.SaveChangesAsync(Ct);

        await care.SignedSinceAsync(Patient, LevelsTwoThree, web.SeedDay.AddDays(-20), "Angelo Brivio", "Poliambulatori Riuniti Brianza", by.ClinicalManager(LevelsTwoThree), Ct);
        var proposal = await care.Reclassification.ProposeAsync(Patient, 1, "56", [], by.ClinicalManager(LevelsTwoThree), "fragilità emersa alla visita di controllo", Ct);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(AtsUser, "Paola Sironi", TerritorioRoles.AtsOperatore, Ats), Territory.Password);
        await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(PatientUser, "Angelo Brivio", TerritorioRoles.Paziente, Ats, PersonId: Patient), Territory.Password);
        return proposal.Id;
    }
}
