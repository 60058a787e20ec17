using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;
using Territorio.Testing;
using Territorio.Web.Ats;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests;

/// <summary>
/// People and organisations by name, in a real Chromium: a patient of territory B with a name, a
/// codice fiscale, a phone and a named GP, in charge of Gestore B (whose seat the registry
/// knows), shows by name on the case manager's worklist, on the ATS's remuneration page and in its
/// exports (CSV rows, the Gestore's PDF statement).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NamesBrowserTests(BrowserFixture web)
{
    private const string Patient = "PB300001";
    private const string Gp = "MMGB08";
    private static readonly DateOnly Birth = new(1950, 6, 10);
    private static readonly string Cf = CodiceFiscale.Compute("Esposito", "Giulia", Birth, Sex.Female, "F205").Value;

    [Fact]
    public async Task NamedPatient_ShowsByNameOnTheWorklist_TheRemunerationPage_AndItsExports()
    {
        await SeedNamedPatientInChargeAsync();

        var cm = await web.NewPageAsync();
        await web.SignInAsync(cm, Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));
        await cm.GotoAsync("/Gestore/Worklist?case-manager=tutti");
        var row = cm.GetByTestId($"riga-{Patient}");
        await Assertions.Expect(row).ToContainTextAsync("Giulia Esposito");
        await Assertions.Expect(row).ToContainTextAsync(Cf);
        await Assertions.Expect(cm.GetByTestId($"telefono-{Patient}")).ToHaveTextAsync("+39 000 555 0303");
        await BrowserFixture.ScreenshotAsync(cm, "nomi-worklist");
        await cm.Context.CloseAsync();

        var ats = await web.NewPageAsync();
        await web.SignInAsync(ats, Territory.B.UserOf(TerritorioRoles.AtsOperatore));
        await ats.GotoAsync($"/Ats/Remunerazione?anno={web.SeedDay.Year}");
        await Assertions.Expect(ats.GetByTestId($"gestore-{Territory.B.Gestore}")).ToContainTextAsync($"Gestore {Territory.B.Gestore} ({Territory.B.Gestore})");
        await BrowserFixture.ScreenshotAsync(ats, "nomi-remunerazione");

        var csv = await ats.APIRequest.GetAsync($"/Ats/Remunerazione?handler=Csv&anno={web.SeedDay.Year}");
        string rows = Encoding.UTF8.GetString(await csv.BodyAsync());
        rows.Split('\n')[0].ShouldStartWith("catalogo,anno,ats,gestore,gestore_nome,assistito,assistito_nome,codice_fiscale,patto,mmg,mmg_nome,");
        rows.Split('\n').ShouldContain(line => line.Contains($",{Patient},Giulia Esposito,{Cf},", StringComparison.Ordinal)
            && line.Contains($",{Gp},Dott.ssa Lucia Galli,", StringComparison.Ordinal));

        var statement = await ats.APIRequest.GetAsync($"/Ats/Remunerazione?handler=Pdf&anno={web.SeedDay.Year}&gestore={Territory.B.Gestore}");
        statement.Status.ShouldBe(200);
        PdfText.InfoContains(await statement.BodyAsync(), $"Gestore Gestore {Territory.B.Gestore} ({Territory.B.Gestore})").ShouldBeTrue("il titolo dell'estratto nomina il Gestore");

        // The pyramid's GP selector: by surname, title first; a named GP never as a bare code.
        await ats.GotoAsync("/Ats/Piramide");
        var gps = await ats.Locator("#mmgId option").AllInnerTextsAsync();
        gps.ShouldContain(o => o.StartsWith($"Dott.ssa Galli Lucia ({Gp})", StringComparison.Ordinal));
        gps.ShouldNotContain(o => o.StartsWith(Gp, StringComparison.Ordinal));
        await Assertions.Expect(ats.GetByTestId($"mmg-{Gp}")).ToContainTextAsync($"Dott.ssa Galli Lucia ({Gp})");
        await ats.Locator("#mmgId").SelectOptionAsync([Gp]);
        await ats.GetByRole(AriaRole.Button, new() { Name = "Mostra" }).ClickAsync();
        await Assertions.Expect(ats.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync($"MMG Dott.ssa Galli Lucia ({Gp})");
        await BrowserFixture.ScreenshotAsync(ats, "nomi-piramide");

        // The expiring pacts: the patient by name and codice fiscale, her GP and Gestore by name.
        await ats.GotoAsync($"/Ats/Arruolamento?giorni={EnrolmentProgressQuery.MaxDays}");
        var expiring = ats.GetByTestId($"scadenza-{Patient}");
        await Assertions.Expect(expiring).ToContainTextAsync($"Giulia Esposito ({Cf})");
        await Assertions.Expect(expiring).ToContainTextAsync($"Dott.ssa Lucia Galli ({Gp})");
        await Assertions.Expect(expiring).ToContainTextAsync($"Gestore {Territory.B.Gestore} ({Territory.B.Gestore})");
        await BrowserFixture.ScreenshotAsync(ats, "nomi-arruolamento");
        await ats.Context.CloseAsync();
    }

    /// <summary>The patient, her GP and Gestore B's seat in the registries; level 2 (hypertension with ischaemic heart disease, as the thresholds put it: the what-if test counts on consistent levels); a pact signed 40 days ago, no PAI yet.</summary>
    private async Task SeedNamedPatientInChargeAsync()
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        var milano = new Municipality("F205", "Milano");
        db.GeneralPractitioners.Add(new GeneralPractitioner(Gp, "Galli", "Lucia", Sex.Female, Territory.B.Ats, new PostalAddress("Via Solferino 5", "20121", milano), null, null));
        db.Residents.Add(new Resident(Patient, Birth, Sex.Female, Territory.B.Ats, Gp, null,
            new ResidentIdentity(CodiceFiscale.Parse(Cf), "Esposito", "Giulia", milano, new PostalAddress("Corso Como 1", "20154", milano), "+39 000 555 0303", null)));
        long run = await db.Set<StratificationRun>().MaxAsync(r => r.Id);
        db.Add(new StratifiedPerson(run, Patient, 2, "56", ["56", "29"], "56=drugs:C09AA02:2026-02-01|29=sdo:410.9:2026-01-10") { Ats = Territory.B.Ats, MmgId = Gp });
        if (!await db.Organisations.AnyAsync(o => o.Kind == OrganisationKind.Gestore && o.Code == Territory.B.Gestore))
        {
            db.Organisations.Add(new Organisation(OrganisationKind.Gestore, Territory.B.Gestore, Territory.B.Ats,
                new OrganisationIdentity($"Gestore {Territory.B.Gestore}", new PostalAddress("Piazza Duomo 1", "20122", milano), "+39 000 555 0400", null, "gestore.b@pec.esempio.invalid"), fictitious: true));
        }

        await db.SaveChangesAsync();
        var care = scope.ServiceProvider.GetRequiredService<CareServices>();
        await care.SignedSinceAsync(Patient, Territory.B.Gestore, web.SeedDay.AddDays(-40), "Giulia Esposito", "Gestore B", new CareActor.Factory("cm.test").CaseManager(Territory.B.Gestore), TestContext.Current.CancellationToken);
    }
}
