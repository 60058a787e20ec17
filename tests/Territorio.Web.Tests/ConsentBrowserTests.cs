using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Care;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// Consent to the Patto di Cura (DGR X/6164/2017 allegato 1) in a real Chromium: the patient asks
/// a Gestore from their page and the Gestore signs on it; a pact on the ATS's letter signed on paper
/// keeps its scan; a pact without invitation or request, or without a proper signature, is refused
/// with the reason in Italian, as is a pact starting before the day it is signed. The Gestore sees the record only from the signed pact, and the ATS's
/// access log says under which pact each read happened.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsentBrowserTests(BrowserFixture web)
{
    /// <summary>A GP of territory A no other test counts, with this class's own level-3 patients.</summary>
    private const string Gp = "MMGA08";
    private const string Asks = "PA300001", OnLetter = "PA300002", NotInvited = "PA300003", Refused = "PA300004";
    private const string PatientUser = "paziente.consenso.a";

    private static readonly string Gestore = Territory.A.Gestore;

    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static bool _seeded;

    [Fact]
    public async Task Patient_AsksGestoreFromTheirPage_GestoreSignsOnIt_RecordOpensUnderThePact()
    {
        await SeedAsync();
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        // Before the pact the Gestore does not see the record.
        (await cm.GotoAsync($"/Gestore/Paziente/{Asks}"))!.Status.ShouldBe(404);

        var patient = await web.NewPageAsync();
        await web.SignInAsync(patient, PatientUser);
        await patient.GotoAsync("/Paziente/Percorso");
        var choice = patient.GetByTestId("presa-in-carico");
        await Assertions.Expect(choice).ToContainTextAsync("Lei risulta di livello 3");
        await choice.GetByLabel("Gestore scelto").SelectOptionAsync(Gestore);
        await BrowserFixture.ScreenshotAsync(patient, "consenso-01-paziente-sceglie-il-gestore");
        await choice.GetByRole(AriaRole.Button, new() { Name = "Chiedo la presa in carico" }).ClickAsync();
        await Assertions.Expect(patient.GetByTestId("esito")).ToContainTextAsync(new System.Text.RegularExpressions.Regex($@"Richiesta di presa in carico inviata al Gestore .+ \({Gestore}\)"));
        await Assertions.Expect(patient.GetByTestId("mie-richieste")).ToContainTextAsync("in attesa della firma del patto");

        await cm.GotoAsync("/Gestore/Arruolamento");
        await Assertions.Expect(cm.GetByTestId("richieste-presa-in-carico")).ToContainTextAsync("Giulia Verdi");
        await BrowserFixture.ScreenshotAsync(cm, "consenso-02-gestore-richieste");
        await EnrolmentPage.FindPatientAsync(cm, Asks);
        await cm.GetByLabel("Ha confermato dalla sua pagina \"Il mio percorso\" (richiesta di presa in carico)").CheckAsync();
        await cm.GetByRole(AriaRole.Button, new() { Name = "Firma il Patto di Cura" }).ClickAsync();
        await Assertions.Expect(cm.GetByTestId("assistito")).ToHaveTextAsync(Asks);
        await Assertions.Expect(cm.GetByTestId("firma-patto")).ToContainTextAsync("conferma del paziente dalla sua pagina");
        await Assertions.Expect(cm.GetByTestId("firma-patto")).ToContainTextAsync("su richiesta del paziente n.");
        await BrowserFixture.ScreenshotAsync(cm, "consenso-03-gestore-patto-firmato");

        await patient.GotoAsync("/Paziente/Percorso");
        await Assertions.Expect(patient.GetByTestId("presa-in-carico")).ToHaveCountAsync(0);
        await Assertions.Expect(patient.GetByTestId("firma-patto")).ToContainTextAsync("conferma del paziente dalla sua pagina");

        var ats = await web.NewPageAsync();
        await web.SignInAsync(ats, Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        await ats.GotoAsync($"/Ats/Accessi?paziente={Asks}&utente={Territory.A.UserOf(TerritorioRoles.GestoreCaseManager)}");
        await Assertions.Expect(ats.GetByTestId("accesso-patto").First).ToContainTextAsync("patto n.");
        await BrowserFixture.ScreenshotAsync(ats, "consenso-04-ats-accessi-con-patto");
        await Task.WhenAll(cm.Context.CloseAsync(), patient.Context.CloseAsync(), ats.Context.CloseAsync());
    }

    [Fact]
    public async Task PaperSignature_OnTheAtsLetter_ScanIsKeptAndDownloadable()
    {
        await SeedAsync();
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GotoAsync("/Gestore/Arruolamento");
        await EnrolmentPage.FindPatientAsync(cm, OnLetter);
        await SignedScans.AttachPdfAsync(cm);
        await cm.GetByRole(AriaRole.Button, new() { Name = "Firma il Patto di Cura" }).ClickAsync();

        var signature = cm.GetByTestId("firma-patto");
        await Assertions.Expect(signature).ToContainTextAsync("firma su carta (scansione allegata), alla presenza di");
        await Assertions.Expect(signature).ToContainTextAsync("su lettera di invito dell'ATS n.");
        var scan = await cm.RunAndWaitForDownloadAsync(() => cm.GetByTestId("scarica-firma").ClickAsync());
        scan.SuggestedFilename.ShouldEndWith("-firmato.pdf");
        await using (var content = await scan.CreateReadStreamAsync())
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, TestContext.Current.CancellationToken);
            copy.ToArray().ShouldBe(SignedScans.Pdf);
        }

        await cm.Context.CloseAsync();
    }

    [Fact]
    public async Task Pact_WithoutInvitationOrRequest_OrWithoutAProperSignature_IsRefusedInItalian()
    {
        await SeedAsync();
        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

        async Task SignAsync(string patient, Func<Task> signature, string refusal)
        {
            await cm.GotoAsync("/Gestore/Arruolamento");
            await EnrolmentPage.FindPatientAsync(cm, patient);
            await signature();
            await cm.GetByRole(AriaRole.Button, new() { Name = "Firma il Patto di Cura" }).ClickAsync();
            await Assertions.Expect(cm.GetByTestId("errore")).ToContainTextAsync(refusal);
        }

        // Without an invitation or a request the Gestore does not even learn that the patient exists.
        await cm.GotoAsync("/Gestore/Arruolamento");
        await EnrolmentPage.FindPatientAsync(cm, NotInvited);
        await Assertions.Expect(cm.GetByTestId("esito-ricerca")).ToHaveTextAsync(EnrolmentPatients.NotFound(NotInvited));
        await Assertions.Expect(cm.GetByTestId("paziente-scelto")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(cm, "consenso-05-rifiuto-senza-invito");
        var backdated = web.SeedDay.AddDays(-10);
        await SignAsync(Refused, async () =>
        {
            await SignedScans.AttachPdfAsync(cm);
            await cm.GetByLabel("Data di inizio (vuoto: oggi)").FillAsync(ItalianFormat.Date(backdated));
        }, $"il patto non può iniziare il {ItalianFormat.Date(backdated)}, prima della firma del {ItalianFormat.Date(web.SeedDay)}");
        await BrowserFixture.ScreenshotAsync(cm, "consenso-06-rifiuto-inizio-prima-della-firma");
        await SignAsync(Refused, () => Task.CompletedTask, "Scansione del patto firmato: obbligatoria per la firma su carta");
        await SignAsync(Refused, () => cm.GetByLabel(SignedScans.ScanLabel).SetInputFilesAsync(
            new FilePayload { Name = "patto.txt", MimeType = "text/plain", Buffer = "firma inventata"u8.ToArray() }), "deve essere un PDF o un'immagine PNG o JPEG");
        await SignAsync(Refused, () => cm.GetByLabel("Ha confermato dalla sua pagina \"Il mio percorso\" (richiesta di presa in carico)").CheckAsync(),
            "la conferma dalla pagina del paziente vale solo se il paziente ha chiesto lui stesso la presa in carico");

        // Nothing was signed: the records stay closed to the Gestore.
        (await cm.GotoAsync($"/Gestore/Paziente/{NotInvited}"))!.Status.ShouldBe(404);
        (await cm.GotoAsync($"/Gestore/Paziente/{Refused}"))!.Status.ShouldBe(404);
        await cm.Context.CloseAsync();
    }

    /// <summary>Four named level-3 residents of this class's GP; the ATS's letter to two of them; the first one's account.</summary>
    private async Task SeedAsync()
    {
        await Seeded.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_seeded)
            {
                return;
            }

            await using var scope = web.App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
            var run = await db.Set<StratificationRun>().OrderByDescending(r => r.Id).FirstAsync();
            var milano = new Municipality("F205", "Milano");
            string[] names = ["Giulia Verdi", "Franco Neri", "Elena Gallo", "Marco Fontana"];
            foreach (var (id, n) in new[] { Asks, OnLetter, NotInvited, Refused }.Select((id, n) => (id, n)))
            {
                var birth = new DateOnly(1948 + n, 5, 12);
                var sex = n % 2 == 0 ? Sex.Female : Sex.Male;
                var (given, surname) = (names[n].Split(' ')[0], names[n].Split(' ')[1]);
                db.Residents.Add(new Resident(id, birth, sex, Territory.A.Ats, Gp, null, new ResidentIdentity(
                    Kernel.Codes.CodiceFiscale.Compute(surname, given, birth, sex, "F205"), surname, given, milano,
                    new PostalAddress($"Via Dante {n + 1}", "20121", milano), $"+39 000 222 {n:D4}", null)));
                db.Add(new StratifiedPerson(run.Id, id, 3, "56", ["56"], "56=drugs:C09AA02:2026-02-01") { Ats = Territory.A.Ats, MmgId = Gp });
            }

            await db.SaveChangesAsync();
            var ats = new CareManagement.Common.Actor(ActorRole.Ats, "op.ats", Territory.A.Ats);
            foreach (string invited in new[] { OnLetter, Refused })
            {
                var classification = new Classification(invited, 3, "56", "56", run.StratifiedOn, $"stratificazione n.{run.Id}");
                db.Add(EnrolmentLetter.Issue(invited, Territory.A.Ats, classification, run.Id, [Gestore], new Change(ats, DateTime.UtcNow)));
            }

            await db.SaveChangesAsync();
            await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec(PatientUser, "Giulia Verdi", TerritorioRoles.Paziente, Territory.A.Ats, PersonId: Asks), Territory.Password);
            _seeded = true;
        }
        finally
        {
            Seeded.Release();
        }
    }
}
