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
[Collection(WebAppCollection.Name)]
public sealed class RemunerationTests(WebAppFixture app)
{
    private static readonly int Year = DateTime.Today.Year;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// What the seed's one pact per territory is worth this year, by hand: hypertension (56) level 2,
    /// from 20 days ago (or 1 January) to 31 December, pro rata of the yearly tariff.
    /// </summary>
    private static decimal ExpectedTotal()
    {
        var reference = ReferenceData.Default();
        var tariff = TariffCatalogueJson.Read(reference.PathOf("remuneration", "tariffe.json"), ChronicPathologies.Load(reference).Codes).Find(56, 2)!;
        var today = DateOnly.FromDateTime(DateTime.Today);
        var from = today.AddDays(-20).Year == Year ? today.AddDays(-20) : new DateOnly(Year, 1, 1);
        int days = new DateOnly(Year, 12, 31).DayNumber - from.DayNumber + 1;
        return RemunerationEngine.ProRata(tariff.Total, days, DateTime.IsLeapYear(Year) ? 366 : 365);
    }

    /// <summary>The seed patient's line of the CSV "righe" (other tests of the collection sign more pacts in A).</summary>
    private static decimal SeedPatientAmount(string csv)
    {
        string line = csv.Split('\n').Single(l => l.Contains($",{Territory.A.Gestore},{Territory.A.Patient},", StringComparison.Ordinal));
        return decimal.Parse(line.Split(',')[15], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Api_AtsOfA_GetsItsGestoriOnly_TotalIsTheSumOfTheGestori_SeedPactPaidProRata()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));
        var pages = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        var body = await client.GetFromJsonAsync<RemunerationResponse>($"/api/remunerazione/{Year}", Ct);
        string csv = await pages.GetStringAsync($"/Ats/Remunerazione?handler=Csv&anno={Year}", Ct);

        body!.ShouldSatisfyAllConditions(
            b => b.Ats.ShouldBe(Territory.A.Ats),
            b => b.Total.ShouldBe(b.Gestori.Sum(g => g.Total)),
            b => b.Gestori.ShouldContain(g => g.GestoreId == Territory.A.Gestore && g.Patients >= 1),
            b => b.Gestori.ShouldNotContain(g => g.GestoreId == Territory.B.Gestore),
            b => b.Issues.ShouldBeEmpty());
        SeedPatientAmount(csv).ShouldBe(ExpectedTotal());
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
    public async Task Page_ShowsTheTotalsOfTheApiInEuro_WithExports()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        string page = WebUtility.HtmlDecode(await client.GetStringAsync($"/Ats/Remunerazione?anno={Year}", Ct));

        var body = await (await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsControllore))).GetFromJsonAsync<RemunerationResponse>($"/api/remunerazione/{Year}", Ct);
        static string Euro(decimal amount) => "€ " + amount.ToString("#,##0.00", CultureInfo.GetCultureInfo("it-IT"));
        page.ShouldContain($"data-testid=\"totale-{Territory.A.Gestore}\">{Euro(body!.Gestori.Single(g => g.GestoreId == Territory.A.Gestore).Total)}<");
        page.ShouldContain($"Totale {Year}: <strong>{Euro(body.Total)}</strong>");
        page.ShouldContain("PROVVISORIO");
        page.ShouldNotContain(Territory.B.Gestore + "<");

        string csv = await client.GetStringAsync($"/Ats/Remunerazione?handler=Csv&anno={Year}", Ct);
        csv.ShouldContain($",{Territory.A.Gestore},{Territory.A.Patient},");
        var pdf = await client.GetByteArrayAsync($"/Ats/Remunerazione?handler=Pdf&anno={Year}&gestore={Territory.A.Gestore}", Ct);
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
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
