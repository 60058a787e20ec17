using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Population;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The ATS's letter campaign in a real Chromium: choose level, pathology and GP, preview the
/// letter, issue the campaign, print one PDF per patient and all of them merged, record a refusal,
/// and follow sent, declined and enrolled; another ATS does not see the campaign.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AtsLettersBrowserTests(BrowserFixture web)
{
    /// <summary>A GP of territory B no other test counts, with two level-3 patients not yet invited.</summary>
    private const string Gp = "MMGB07";
    private static readonly string[] Patients = ["PB200001", "PB200002"];
    private static readonly string[] Surnames = ["Colombo", "Fontana"];

    [Fact]
    public async Task Campaign_ChosenByLevelPathologyAndGp_PreviewedIssuedPrinted_AndItsRefusalsCounted()
    {
        await AddInvitablePatientsAsync();
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.B.UserOf(TerritorioRoles.AtsOperatore));
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Lettere di invito" }).ClickAsync();

        var filters = page.GetByTestId("filtri-lettere");
        await filters.GetByLabel("Livello").SelectOptionAsync("3");
        await filters.GetByLabel("Patologia principale").SelectOptionAsync("56");
        await filters.GetByLabel("Medico di medicina generale (codice)").FillAsync(Gp);
        await filters.GetByRole(AriaRole.Button, new() { Name = "Mostra i pazienti" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("da-invitare")).ToContainTextAsync("2 pazienti da invitare con questi criteri (livello 3");
        // People, not codes: the patient by name and codice fiscale, the GP by name.
        var invitable = page.GetByTestId($"invitabile-{Patients[0]}");
        await Assertions.Expect(invitable).ToContainTextAsync("Carlo Colombo");
        await Assertions.Expect(invitable).ToContainTextAsync(CodiceFiscale.Compute("Colombo", "Carlo", new DateOnly(1945, 4, 2), Sex.Male, "F205").Value);
        await Assertions.Expect(invitable).ToContainTextAsync($"Dott. Paolo Ferrari ({Gp})");
        await Assertions.Expect(page.GetByTestId("da-invitare")).ToContainTextAsync($"MMG Dott. Paolo Ferrari ({Gp})");

        var preview = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("anteprima").ClickAsync());
        preview.SuggestedFilename.ShouldBe($"anteprima-lettera-{Patients[0]}.pdf");
        (await PdfAsync(preview)).ShouldStartWith("%PDF");
        await BrowserFixture.ScreenshotAsync(page, "30-ats-lettere-anteprima");

        await page.GetByRole(AriaRole.Button, new() { Name = "Emetti le lettere (2)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("inviate")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("rinunce")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId($"lettera-{Patients[1]}")).ToContainTextAsync("Carlo Fontana");
        await Assertions.Expect(page.GetByTestId($"lettera-{Patients[1]}")).ToContainTextAsync("Dott. Paolo Ferrari");
        var merged = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("pdf-unico").ClickAsync());
        merged.SuggestedFilename.ShouldStartWith("lettere-campagna-");
        (await PdfAsync(merged)).ShouldContain("/Count 2");
        var one = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId($"lettera-{Patients[1]}").GetByRole(AriaRole.Link, new() { Name = "PDF" }).ClickAsync());
        one.SuggestedFilename.ShouldBe($"lettera-{Patients[1]}.pdf");

        // A refusal needs the patient's reason; then it is counted.
        var row = page.GetByTestId($"lettera-{Patients[0]}");
        await row.GetByRole(AriaRole.Button, new() { Name = "Registra la rinuncia" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("serve una motivazione per registrare la rinuncia");
        row = page.GetByTestId($"lettera-{Patients[0]}");
        await row.GetByLabel("Motivo").FillAsync("preferisce restare con il solo MMG");
        await row.GetByRole(AriaRole.Button, new() { Name = "Registra la rinuncia" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync($"Rinuncia di Carlo Colombo ({Patients[0]}) registrata");
        await Assertions.Expect(page.GetByTestId("rinunce")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId($"esito-{Patients[0]}")).ToContainTextAsync("preferisce restare con il solo MMG");
        await BrowserFixture.ScreenshotAsync(page, "31-ats-lettere-campagna");

        string campaign = "?id=" + System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query)["id"];
        await page.GotoAsync("/Ats/Lettere/Campagna" + campaign + "&pagina=999");
        await Assertions.Expect(page.GetByText("Lettere della campagna (pagina 1 di 1)")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "« Tutte le campagne" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("campagne")).ToContainTextAsync(Gp);
        await Assertions.Expect(page.GetByTestId("da-invitare")).ToContainTextAsync("0 pazienti da invitare");
        await page.Context.CloseAsync();

        // The campaign belongs to ATS B: ATS A's operator gets "not found".
        var other = await web.NewPageAsync();
        await web.SignInAsync(other, Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        var response = await other.GotoAsync("/Ats/Lettere/Campagna" + campaign);
        response!.Status.ShouldBe(404);
        await other.Context.CloseAsync();
    }

    private static async Task<string> PdfAsync(IDownload download)
    {
        string path = await download.PathAsync();
        return Encoding.Latin1.GetString(await File.ReadAllBytesAsync(path));
    }

    /// <summary>Two residents of ATS B in the latest stratification, level 3 hypertension, with a GP of their own.</summary>
    private async Task AddInvitablePatientsAsync()
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        long run = await db.Set<StratificationRun>().MaxAsync(r => r.Id);
        var milano = new Municipality("F205", "Milano");
        db.GeneralPractitioners.Add(new GeneralPractitioner(Gp, "Ferrari", "Paolo", Sex.Male, Territory.B.Ats, new PostalAddress("Via Manzoni 2", "20121", milano), null, null));
        foreach (var (id, n) in Patients.Select((id, n) => (id, n)))
        {
            var birth = new DateOnly(1945 + n, 4, 2);
            var identity = new ResidentIdentity(CodiceFiscale.Compute(Surnames[n], "Carlo", birth, Sex.Male, "F205"), Surnames[n], "Carlo", milano,
                new PostalAddress("Via Padova 9", "20127", milano), null, null);
            db.Residents.Add(new Resident(id, birth, Sex.Male, Territory.B.Ats, Gp, null, identity));
            db.Add(new StratifiedPerson(run, id, 3, "56", ["56"], "56=drugs:C09AA02:2026-02-01") { Ats = Territory.B.Ats, MmgId = Gp });
        }

        await db.SaveChangesAsync();
    }
}
