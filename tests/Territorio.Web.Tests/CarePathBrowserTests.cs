using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The key flow in a real Chromium: the ATS approves a Gestore → the patient is enrolled
/// → the Gestore writes the PAI from a template (its clinical manager: the care domain reserves
/// writing the PAI to that role) → the case manager books a service → the erogatore sees it, to
/// deliver on its day (delivery itself: <see cref="DeliveryBrowserTests"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CarePathBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task AtsApprovesGestore_Enrol_PaiFromTemplate_Book_Deliver_AdherenceUpdates()
    {
        // 1. The ATS operator approves the pending candidature.
        var ats = await web.NewPageAsync();
        await web.SignInAsync(ats, Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        await ats.GotoAsync("/Ats/Candidature");
        var row = ats.GetByTestId($"candidatura-{CareSeed.PendingGestore}-2");
        await BrowserFixture.ScreenshotAsync(ats, "01-ats-candidature");
        await row.GetByLabel("Motivazione").FillAsync("requisiti verificati");
        await row.GetByRole(AriaRole.Button, new() { Name = "Approva" }).ClickAsync();
        await Assertions.Expect(ats.GetByTestId("esito")).ToContainTextAsync($"Candidatura di {CareSeed.PendingGestore} al livello 2 approvata");
        await Assertions.Expect(ats.GetByTestId("gestori-idonei")).ToContainTextAsync(CareSeed.PendingGestore);
        await ats.Context.CloseAsync();

        // 2. The patient chose the Gestore: its case manager signs the pact.
        var cm = await web.NewPageAsync(tablet: true);
        await web.SignInAsync(cm, CareSeed.PendingGestoreCaseManager);
        await cm.GetByRole(AriaRole.Link, new() { Name = "Arruolamento" }).First.ClickAsync();
        await EnrolmentPage.FindPatientAsync(cm, CareSeed.NewPatient);
        await SignedScans.AttachPdfAsync(cm);
        await cm.GetByRole(AriaRole.Button, new() { Name = "Firma il Patto di Cura" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("assistito")).ToHaveTextAsync(CareSeed.NewPatient);
        await Assertions.Expect(cm.GetByTestId("pai-assente")).ToBeVisibleAsync();

        await cm.Context.CloseAsync();

        // 3. The clinical manager writes the PAI from the template of the patient's pathology and level.
        var clinician = await web.NewPageAsync();
        await web.SignInAsync(clinician, CareSeed.PendingGestoreClinicalManager);
        await clinician.GotoAsync($"/Gestore/Paziente/{CareSeed.NewPatient}");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Scrivi il PAI dal modello" }).ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("esito")).ToContainTextAsync("PAI versione 1 scritto dal modello");
        await Assertions.Expect(clinician.GetByTestId("pai-versione")).ToContainTextAsync("Versione 1 in vigore");
        await Assertions.Expect(clinician.GetByTestId("aderenza")).ToContainTextAsync("erogate: 0");
        await clinician.Context.CloseAsync();

        // 4. The case manager books the control visit on the erogatore's agenda.
        cm = await web.NewPageAsync(tablet: true);
        await web.SignInAsync(cm, CareSeed.PendingGestoreCaseManager);
        await cm.GotoAsync($"/Gestore/Paziente/{CareSeed.NewPatient}");
        var book = cm.GetByTestId("prenota-89.01");
        await book.GetByRole(AriaRole.Button, new() { Name = "Prenota" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("esito")).ToContainTextAsync($"Prenotata 89.01");
        await BrowserFixture.ScreenshotAsync(cm, "02-gestore-scheda-paziente-tablet");
        await cm.Context.CloseAsync();

        // 5. The erogatore sees it on its agenda; it is delivered on its day, not before (no button yet).
        var erogatore = await web.NewPageAsync();
        await web.SignInAsync(erogatore, Territory.A.UserOf(TerritorioRoles.Erogatore));
        await erogatore.GotoAsync("/Erogatore/Agenda");
        var booking = erogatore.Locator("tbody tr").Filter(new() { HasText = "Maria Rossi" });
        await Assertions.Expect(booking).ToContainTextAsync("prenotata");
        await Assertions.Expect(booking.GetByRole(AriaRole.Button, new() { Name = "Segna come erogata" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(erogatore, "03-erogatore-agenda");
        await erogatore.Context.CloseAsync();

        // 6. Adherence counts nothing before the service happens.
        var back = await web.NewPageAsync();
        await web.SignInAsync(back, CareSeed.PendingGestoreCaseManager);
        await back.GotoAsync($"/Gestore/Paziente/{CareSeed.NewPatient}");
        await Assertions.Expect(back.GetByTestId("aderenza")).ToContainTextAsync("erogate: 0");
        await BrowserFixture.ScreenshotAsync(back, "04-gestore-aderenza");
        await back.Context.CloseAsync();
    }

    [Fact]
    public async Task Gestore_CannotEnrolPatientOfAnotherAts()
    {
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GotoAsync("/Gestore/Arruolamento");
        await EnrolmentPage.FindPatientAsync(cm, CareSeed.NewPatient);
        // Not found, so there is nothing to sign (the API's refusal: GestoreEndpoints' SignPact through CareDesk).
        await Assertions.Expect(cm.GetByTestId("esito-ricerca")).ToContainTextAsync($"Nessun paziente trovato per «{CareSeed.NewPatient}»");
        await Assertions.Expect(cm.GetByRole(AriaRole.Button, new() { Name = "Firma il Patto di Cura" })).ToHaveCountAsync(0);
        await cm.Context.CloseAsync();
    }
}
