using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Territorio.Flows.Reference;
using Territorio.Flows.Remuneration;
using Territorio.Remuneration.Yearly;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>The ATS remuneration screen and API: the seed's pacts paid, each ATS seeing only its own territory.</summary>
[Collection(ReadOnlyWebAppCollection.Name)]
public sealed class RemunerationTests(WebAppFixture app)
{
    private int Year => app.SeedDay.Year;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// What the seed's pacts of territory A are worth this year, by hand: six at hypertension (56)
    /// level 2 — five from 20 days ago, one signed almost a year ago and ending in two weeks —
    /// each paid pro rata of the yearly tariff for its days inside the year.
    /// </summary>
    private decimal ExpectedTotal() => ExpectedTotal(app.SeedDay, ShippedTariff(56, 2).Total);

    /// <summary>The seed's six pacts of a territory paid at <paramref name="yearlyTariff"/> each (the what-if's arithmetic by hand).</summary>
    internal static decimal ExpectedTotal(DateOnly today, decimal yearlyTariff)
    {
        DateOnly[] starts = [.. Enumerable.Repeat(today.AddDays(-20), 5), today.AddDays(AtsSeed.ExpiringInDays - 364)];
        return starts.Sum(start => PaidProRata(yearlyTariff, start, today.Year));
    }

    internal static Territorio.Remuneration.Tariffs.TariffRow ShippedTariff(int pathology, int level)
    {
        var reference = ReferenceData.Default();
        return TariffCatalogueJson.Read(reference.PathOf("remuneration", "tariffe.json"), ChronicPathologies.Load(reference).Codes).Find(pathology, level)!;
    }

    private static decimal PaidProRata(decimal yearly, DateOnly start, int year)
    {
        var from = start.Year == year ? start : new DateOnly(year, 1, 1);
        var end = CareManagement.Pacts.PattoDiCura.OneYearFrom(start);
        var to = end.Year == year ? end : new DateOnly(year, 12, 31);
        return to < from ? 0m : RemunerationEngine.ProRata(yearly, to.DayNumber - from.DayNumber + 1, DateTime.IsLeapYear(year) ? 366 : 365);
    }

    [Fact]
    public async Task Api_AtsOfA_GetsTheSeedsTotal_OnlyForItsGestore()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        var body = await client.GetFromJsonAsync<RemunerationResponse>($"/api/remunerazione/{Year}", Ct);

        body!.ShouldSatisfyAllConditions(
            b => b.Ats.ShouldBe(Territory.A.Ats),
            b => b.AtsName.ShouldBe("ATS della Città Metropolitana di Milano"),
            b => b.Total.ShouldBe(ExpectedTotal()),
            b => b.Gestori.Select(g => (g.GestoreId, g.Patients, g.Total)).ShouldBe([(Territory.A.Gestore, 6, ExpectedTotal())]),
            b => b.Issues.ShouldBeEmpty());
    }

    [Fact]
    public async Task Api_BadYear_IsAValidationProblem()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        using var response = await client.GetAsync("/api/remunerazione/1999", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("anno atteso tra 2000 e 2100");
    }

    [Fact]
    public async Task Page_ShowsTheSeedsTotalInEuro_WithExports()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        string page = WebUtility.HtmlDecode(await client.GetStringAsync($"/Ats/Remunerazione?anno={Year}", Ct));

        string euro = "€ " + ExpectedTotal().ToString("#,##0.00", CultureInfo.GetCultureInfo("it-IT"));
        page.ShouldContain($"data-testid=\"totale-{Territory.A.Gestore}\">{euro}<");
        page.ShouldContain($"Totale {Year}: <strong>{euro}</strong>");
        page.ShouldContain("<strong>PROVVISORIO</strong>: il catalogo ");
        // Said once: the catalogue's name in the banner does not repeat the mark.
        System.Text.RegularExpressions.Regex.Count(page, "PROVVISORIO").ShouldBe(1);
        page.ShouldNotContain(Territory.B.Gestore + "<");

        string csv = await client.GetStringAsync($"/Ats/Remunerazione?handler=Csv&anno={Year}", Ct);
        // The Gestore by name beside its code (the seed's patients have no name in the registry: empty name and codice fiscale).
        csv.ShouldContain($",{Territory.A.Gestore},Gestore {Territory.A.Gestore},{Territory.A.Patient},,,");
        // The ATS and the pathology by name, in columns added at the end (the earlier ones keep their order).
        string[] lines = [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'))];
        lines[0].ShouldEndWith(",tariffa_provvisoria,motivazione,ats_nome,patologia_nome");
        lines.Where(l => l.Contains($",{Territory.A.Patient},", StringComparison.Ordinal))
            .ShouldAllBe(l => l.EndsWith(",ATS della Città Metropolitana di Milano,IPERTENSIONE ARTERIOSA", StringComparison.Ordinal));
        page.ShouldContain("Remunerazione della presa in carico — ATS della Città Metropolitana di Milano (321)");
        var pdf = await client.GetByteArrayAsync($"/Ats/Remunerazione?handler=Pdf&anno={Year}&gestore={Territory.A.Gestore}", Ct);
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        PdfText.Says(pdf, "Gestore Gestore GA (GA)").ShouldBeTrue();
        PdfText.Says(pdf, "ATS della Città Metropolitana di Milano (321)").ShouldBeTrue("l'estratto nomina l'ATS");
        // The title's dash is drawn, not dropped by the font ("2026  remunerazione").
        PdfText.Of(pdf).ShouldContain($"Estratto annuale {Year} — remunerazione della presa in carico");
        (await client.GetByteArrayAsync($"/Ats/Remunerazione?handler=Xlsx&anno={Year}", Ct))[..2].ShouldBe("PK"u8.ToArray());
    }

    [Fact]
    public async Task AnotherTerritorysAts_SeesNeitherTheTotalsNorTheStatements()
    {
        var pages = await app.PagesAs(Territory.B.UserOf(TerritorioRoles.AtsOperatore));
        var api = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.AtsOperatore));

        string page = await pages.GetStringAsync($"/Ats/Remunerazione?anno={Year}", Ct);
        var body = await api.GetFromJsonAsync<RemunerationResponse>($"/api/remunerazione/{Year}", Ct);
        using var statement = await pages.GetAsync($"/Ats/Remunerazione?handler=Pdf&anno={Year}&gestore={Territory.A.Gestore}", Ct);
        string csv = await pages.GetStringAsync($"/Ats/Remunerazione?handler=Csv&anno={Year}", Ct);

        page.ShouldNotContain($"totale-{Territory.A.Gestore}");
        page.ShouldContain($"totale-{Territory.B.Gestore}");
        body!.Gestori.Select(g => g.GestoreId).ShouldBe([Territory.B.Gestore]);
        statement.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        csv.ShouldNotContain(Territory.A.Patient);
    }

    [Fact]
    public async Task NonAtsRoles_AreRefused()
    {
        var gestore = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        var mmg = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.Mmg));

        using var api = await gestore.GetAsync($"/api/remunerazione/{Year}", Ct);
        using var page = await mmg.GetAsync($"/Ats/Remunerazione?anno={Year}", Ct);

        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
