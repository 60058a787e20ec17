using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The Gestore's worklist and requests in a real Chromium: the clinical manager entrusts a patient
/// to a case manager, the case manager opens their own caseload first, filters and a page number
/// past the end are handled by the server; the case manager proposes a reclassification and asks a
/// change of Gestore with their evidence, and is told what is missing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GestoreCaseloadBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task Worklist_ClinicalManagerAssigns_CaseManagerSeesOwnCaseloadFirst_FiltersAndPagesOnTheServer()
    {
        string patient = AtsSeed.Expiring(Territory.A);
        string caseManager = Territory.A.UserOf(TerritorioRoles.GestoreCaseManager);
        var clinician = await web.NewPageAsync();
        await web.SignInAsync(clinician, Territory.A.UserOf(TerritorioRoles.GestoreResponsabileClinico));
        await clinician.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Pazienti da contattare" }).ClickAsync();

        var row = clinician.GetByTestId($"riga-{patient}");
        await row.GetByLabel($"Case manager di {AtsSeed.NameOf(Territory.A, patient)}").SelectOptionAsync(caseManager);
        await row.GetByRole(AriaRole.Button, new() { Name = "Assegna" }).ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("esito")).ToContainTextAsync($"{AtsSeed.NameOf(Territory.A, patient)} (");
        await Assertions.Expect(clinician.GetByTestId("esito")).ToContainTextAsync($") affidato a Case manager del Gestore A ({caseManager})");
        await Assertions.Expect(clinician.GetByTestId($"riga-{patient}").GetByLabel($"Case manager di {AtsSeed.NameOf(Territory.A, patient)}")).ToHaveValueAsync(caseManager);
        await BrowserFixture.ScreenshotAsync(clinician, "20-gestore-worklist-assegnazione");

        // Someone who is not a case manager of this Gestore is refused, the Gestore named as people know it.
        string clinicianToken = WebAppFixture.AntiforgeryToken(await clinician.ContentAsync());
        await clinician.Context.APIRequest.PostAsync("/Gestore/Worklist?handler=Assign", new()
        {
            Form = clinician.Context.APIRequest.CreateFormData().Set("patientId", patient).Set("assignTo", "sconosciuto").Set("__RequestVerificationToken", clinicianToken),
            MaxRedirects = 0,
        });
        await clinician.GotoAsync("/Gestore/Worklist");
        await Assertions.Expect(clinician.GetByTestId("errore")).ToContainTextAsync($"«sconosciuto» non è un case manager del Gestore Gestore {Territory.A.Gestore} ({Territory.A.Gestore})");

        try
        {
            var cm = await web.NewPageAsync();
            await web.SignInAsync(cm, caseManager);
            await cm.GotoAsync("/Gestore/Worklist");
            await Assertions.Expect(cm.GetByLabel("Case manager")).ToHaveValueAsync("miei");
            await Assertions.Expect(cm.GetByTestId("worklist-conteggio")).ToHaveTextAsync("1 pazienti da contattare (pagina 1 di 1)");
            await Assertions.Expect(cm.GetByTestId($"case-manager-{patient}")).ToHaveTextAsync($"Case manager del Gestore A ({caseManager})");
            await BrowserFixture.ScreenshotAsync(cm, "21-gestore-worklist-miei-pazienti");

            // The whole Gestore's list, filtered by pact state on the server; a page past the end shows the last one.
            await cm.GetByLabel("Case manager").SelectOptionAsync("tutti");
            await cm.GetByLabel("Patto").SelectOptionAsync("in-scadenza");
            await cm.GetByRole(AriaRole.Button, new() { Name = "Filtra" }).ClickAsync();
            await Assertions.Expect(cm.GetByTestId($"riga-{patient}")).ToBeVisibleAsync();
            await cm.GotoAsync("/Gestore/Worklist?case-manager=tutti&patto=in-scadenza&pagina=999");
            await Assertions.Expect(cm.GetByTestId("worklist-conteggio")).ToContainTextAsync("(pagina 1 di 1)");
            (await cm.ContentAsync()).ShouldNotContain("999");

            // The level filter keeps this patient (not level 1) off the list, whoever else of level 1 is due (the seed's missed booking may be);
            // a level typed by hand is refused in words, and the list is shown unfiltered.
            await cm.GotoAsync("/Gestore/Worklist?case-manager=tutti&livello=1");
            await Assertions.Expect(cm.GetByTestId("worklist-conteggio").Or(cm.GetByTestId("worklist-vuota"))).ToBeVisibleAsync();
            await Assertions.Expect(cm.GetByTestId($"riga-{patient}")).ToHaveCountAsync(0);
            await cm.GotoAsync("/Gestore/Worklist?case-manager=tutti&livello=7");
            await Assertions.Expect(cm.GetByTestId("filtro-non-valido")).ToContainTextAsync("Livello «7» non valido");
            await Assertions.Expect(cm.GetByTestId($"riga-{patient}")).ToBeVisibleAsync();

            // A case manager cannot entrust patients: the care rules refuse it.
            var form = await cm.Context.APIRequest.GetAsync("/Gestore/Worklist?case-manager=tutti");
            string token = WebAppFixture.AntiforgeryToken(await form.TextAsync());
            var refused = await cm.Context.APIRequest.PostAsync("/Gestore/Worklist?handler=Assign", new()
            {
                Form = cm.Context.APIRequest.CreateFormData().Set("patientId", patient).Set("assignTo", caseManager).Set("__RequestVerificationToken", token),
                MaxRedirects = 0,
            });
            refused.Status.ShouldBe(302);
            await cm.GotoAsync("/Gestore/Worklist?case-manager=tutti");
            await Assertions.Expect(cm.GetByTestId("errore")).ToContainTextAsync("riservata a il responsabile clinico del Gestore");
            await cm.Context.CloseAsync();
        }
        finally
        {
            // Other tests of the collection open this Gestore's worklist as its case manager: give the patient back.
            await clinician.GotoAsync("/Gestore/Worklist");
            var again = clinician.GetByTestId($"riga-{patient}");
            await again.GetByLabel($"Case manager di {AtsSeed.NameOf(Territory.A, patient)}").SelectOptionAsync("nessuno");
            await again.GetByRole(AriaRole.Button, new() { Name = "Assegna" }).ClickAsync();
            await Assertions.Expect(clinician.GetByTestId("esito")).ToContainTextAsync("non più assegnato");
            await clinician.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task CommissionRequests_CaseManagerProposesReclassificationWithEvidence_AndAsksAChangeOfGestore_TheCommissionSeesBoth()
    {
        string patient = AtsSeed.ChangeToReject(Territory.B);
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));
        await page.GotoAsync($"/Gestore/Paziente/{patient}");
        await page.GetByTestId("link-richieste").ClickAsync();
        await Assertions.Expect(page.GetByTestId("patologie")).ToContainTextAsync("(principale)");

        // Without evidence the proposal is refused, in words, and nothing is sent.
        var proposal = page.GetByTestId("proposta-riclassificazione");
        await proposal.GetByLabel("Livello proposto").SelectOptionAsync("1");
        await proposal.GetByLabel("Evidenze cliniche e motivazione").FillAsync("   ");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Invia la proposta alla Commissione" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("descrivere le evidenze cliniche");
        await Assertions.Expect(page.GetByTestId("richieste-commissione")).Not.ToContainTextAsync("Riclassificazione");

        proposal = page.GetByTestId("proposta-riclassificazione");
        await proposal.GetByLabel("Livello proposto").SelectOptionAsync("1");
        await proposal.GetByLabel("Patologia principale proposta").SelectOptionAsync("20");
        await proposal.GetByLabel("Evidenze cliniche e motivazione").FillAsync("ecocardiogramma del 12/11: frazione di eiezione 30%");
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Invia la proposta alla Commissione" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("proposta alla Commissione ATS: livello 2 → 1, patologia principale 20 SCOMPENSO CARDIACO");
        await Assertions.Expect(page.GetByTestId("richieste-commissione")).ToContainTextAsync("frazione di eiezione 30%");

        // A patient with a change already pending: the care rules refuse a second one.
        var change = page.GetByTestId("richiesta-cambio-gestore");
        await change.GetByLabel("Nuovo Gestore").SelectOptionAsync(AtsSeed.SecondGestore(Territory.B));
        await change.GetByLabel("Decorrenza").FillAsync(web.SeedDay.AddDays(30).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await change.GetByLabel("Motivo del cambio").FillAsync("si è trasferito vicino a una sede della cooperativa");
        await change.GetByRole(AriaRole.Button, new() { Name = "Invia la richiesta alla Commissione" }).ClickAsync();
        // The refusal names the patient as the case manager knows them, not by the internal id.
        var person = AtsSeed.Residents(Territory.B).Single(r => r.Id == patient);
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync($"il paziente {person.DisplayName} (CF {person.FiscalCode}) ha già una richiesta di cambio Gestore in attesa");
        await Assertions.Expect(page.GetByTestId("errore")).Not.ToContainTextAsync(patient);
        await BrowserFixture.ScreenshotAsync(page, "22-gestore-richieste-commissione");

        string other = AtsSeed.PathologyChange(Territory.B);
        await page.GotoAsync($"/Gestore/Richieste/{other}");
        change = page.GetByTestId("richiesta-cambio-gestore");
        await change.GetByLabel("Nuovo Gestore").SelectOptionAsync(AtsSeed.SecondGestore(Territory.B));
        await change.GetByLabel("Decorrenza").FillAsync(web.SeedDay.AddDays(30).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await change.GetByLabel("Motivo del cambio").FillAsync("il paziente preferisce la cooperativa del suo MMG");
        await change.GetByRole(AriaRole.Button, new() { Name = "Invia la richiesta alla Commissione" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync(new System.Text.RegularExpressions.Regex($@"verso (.+ \()?{AtsSeed.SecondGestore(Territory.B)}\)? dal {web.SeedDay.AddDays(30):dd/MM/yyyy}"));
        await page.Context.CloseAsync();

        var commission = await web.NewPageAsync();
        await web.SignInAsync(commission, Territory.B.UserOf(TerritorioRoles.AtsOperatore));
        await commission.GotoAsync("/Ats/Commissione");
        await Assertions.Expect(commission.GetByText("frazione di eiezione 30%")).ToBeVisibleAsync();
        await Assertions.Expect(commission.GetByText("il paziente preferisce la cooperativa del suo MMG")).ToBeVisibleAsync();
        await commission.Context.CloseAsync();
    }
}
