using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The GP as the Gestore's collaborator, in a real Chromium: the case manager enrols the patient
/// and records a call → the patient's GP drafts the PAI from the template → the Gestore's clinical
/// manager validates it → the GP proposes a change → the Gestore rejects it with a reason → the GP
/// reads the decision in the PAI history.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MmgCollaborationBrowserTests(BrowserFixture web)
{
    private const string GpUser = "mmg2.a";
    private static readonly string Patient = Territory.A.OtherMmgPatient;

    [Fact]
    public async Task MmgDraftsPai_GestoreValidates_MmgProposes_GestoreRejects_MmgSeesTheReason()
    {
        await using (var scope = web.App.Services.CreateAsyncScope())
        {
            await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(GpUser, "Secondo MMG A", TerritorioRoles.Mmg, Territory.A.Ats, MmgId: Territory.A.OtherMmg), Territory.Password);
        }

        // 1. The case manager enrols the patient and records the first call.
        var cm = await web.NewPageAsync(tablet: true);
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GotoAsync("/Gestore/Arruolamento");
        await EnrolmentPage.FindPatientAsync(cm, Patient);
        await SignedScans.AttachPdfAsync(cm);
        await cm.GetByRole(AriaRole.Button, new() { Name = "Firma il Patto di Cura" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("assistito")).ToHaveTextAsync(Patient);
        var contact = cm.GetByTestId("nuovo-contatto");
        await contact.GetByLabel("Tipo di contatto").SelectOptionAsync("telefonata");
        await contact.GetByLabel("Esito").SelectOptionAsync("raggiunto");
        await contact.GetByLabel("Nota").FillAsync("spiegato il percorso; il medico curante preparerà la bozza del PAI");
        await contact.GetByRole(AriaRole.Button, new() { Name = "Registra il contatto" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("esito")).ToContainTextAsync("Contatto registrato: telefonata");
        await Assertions.Expect(cm.GetByTestId("contatti")).ToContainTextAsync("il medico curante preparerà la bozza");
        await BrowserFixture.ScreenshotAsync(cm, "05-gestore-contatto-tablet");
        await cm.Context.CloseAsync();

        // 2. The GP drafts the PAI from the template of the patient's pathology and level.
        var gp = await web.NewPageAsync();
        await web.SignInAsync(gp, GpUser);
        await gp.GetByRole(AriaRole.Link, new() { Name = "I miei assistiti" }).First.ClickAsync();
        var row = gp.GetByTestId($"assistito-{Patient}");
        await Assertions.Expect(row).ToContainTextAsync(Territory.A.Gestore);
        await Assertions.Expect(row).ToContainTextAsync("da scrivere");
        await row.GetByRole(AriaRole.Link, new() { Name = "PAI, prenotazioni, aderenza" }).ClickAsync();
        await gp.GetByRole(AriaRole.Button, new() { Name = "Redigi la bozza dal modello" }).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("esito")).ToContainTextAsync("Bozza del PAI");
        await Assertions.Expect(gp.GetByTestId("proposta")).ToContainTextAsync("bozza del MMG dal modello provvisorio");
        await BrowserFixture.ScreenshotAsync(gp, "06-mmg-bozza-pai");

        // 3. The Gestore's clinical manager finds it among the proposals and validates it.
        var clinician = await web.NewPageAsync();
        await web.SignInAsync(clinician, Territory.A.UserOf(TerritorioRoles.GestoreResponsabileClinico));
        await clinician.GetByRole(AriaRole.Link, new() { Name = "Proposte dei MMG" }).First.ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("proposte")).ToContainTextAsync("bozza del PAI");
        await clinician.GetByRole(AriaRole.Link, new() { Name = Patient }).ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("proposta-modifiche")).ToContainTextAsync("aggiunta");
        await BrowserFixture.ScreenshotAsync(clinician, "07-gestore-valida-bozza");
        await clinician.GetByRole(AriaRole.Button, new() { Name = "Accetta la proposta del MMG" }).ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("esito")).ToContainTextAsync("accettata: versione 1 in vigore");
        await Assertions.Expect(clinician.GetByTestId("pai-versione")).ToContainTextAsync("Versione 1 in vigore");

        // 4. The GP proposes one more visit a year; the Gestore sees the difference and rejects it with a reason.
        await gp.ReloadAsync();
        await gp.GetByTestId("apri-editor-pai").ClickAsync();
        var firstCount = gp.GetByTestId("voci-pai").Locator("input[type=number]").First;
        int perYear = int.Parse(await firstCount.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await firstCount.FillAsync((perYear + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await gp.GetByLabel("Motivazione della versione").FillAsync("pressione instabile: un controllo in più");
        await gp.GetByRole(AriaRole.Button, new() { Name = "Invia al Gestore" }).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("esito")).ToContainTextAsync("Proposta di modifica (versione 2)");

        await clinician.ReloadAsync();
        await Assertions.Expect(clinician.GetByTestId("proposta-modifiche")).ToContainTextAsync("modificata");
        var decision = clinician.GetByTestId("decisione-proposta");
        await decision.GetByLabel("Motivazione della decisione (obbligatoria per respingere)").FillAsync("controlli già adeguati al livello 2");
        await decision.GetByRole(AriaRole.Button, new() { Name = "Respingi la proposta del MMG" }).ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("esito")).ToContainTextAsync("Proposta del MMG respinta");
        await clinician.Context.CloseAsync();

        // 5. The GP reads the decision and its reason in the PAI history.
        await gp.ReloadAsync();
        var history = gp.GetByTestId("pai-storico");
        await Assertions.Expect(history).ToContainTextAsync("respinta");
        await Assertions.Expect(history).ToContainTextAsync("controlli già adeguati al livello 2");
        await Assertions.Expect(gp.GetByTestId("contatti")).ToContainTextAsync("telefonata");
        await BrowserFixture.ScreenshotAsync(gp, "08-mmg-storico-pai");
        await gp.Context.CloseAsync();
    }
}
