using System.Globalization;
using System.Net;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The ATS's tariff and level-threshold what-if over the seed: six pacts of hypertension (56) at
/// level 2, each patient with two pathologies, so a level-2 threshold of three moves them all to level 3.
/// </summary>
[Collection(ReadOnlyWebAppCollection.Name)]
public sealed class TariffWhatIfTests(WebAppFixture app)
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Euro(decimal amount) => "€ " + amount.ToString("#,##0.00", Italian);

    private async Task<(HttpClient Client, string Page)> PostAsync(string user, Dictionary<string, string> fields, string handler = "", (string Name, byte[] Bytes)? upload = null)
    {
        var client = await app.PagesAs(user);
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Append(new("__RequestVerificationToken", app.FormTokenOf(client))))
        {
            form.Add(new StringContent(value), name);
        }

        if (upload is { } file)
        {
            form.Add(new ByteArrayContent(file.Bytes), "Caricato", file.Name);
        }

        using var response = await client.PostAsync("/Ats/Simulazione" + (handler.Length > 0 ? "?handler=" + handler : ""), form, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (client, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task Page_WithoutChanges_ShowsTodaySideBySideWithItself()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        string page = WebUtility.HtmlDecode(await client.GetStringAsync("/Ats/Simulazione", Ct));

        decimal today = RemunerationTests.ExpectedTotal(app.SeedDay, RemunerationTests.ShippedTariff(56, 2).Total);
        page.ShouldContain($"<strong>{Euro(today)}</strong>");
        page.ShouldContain("differenza <strong class=\"\">€ 0,00</strong>");
        page.ShouldContain("0 assistiti cambiano livello");
        page.ShouldContain($"({Territory.A.Gestore})</th>");
        page.ShouldContain("Dott.ssa Anna Bianchi (" + Territory.A.Mmg + ")");
        page.ShouldContain("IPERTENSIONE ARTERIOSA (56)");
        page.ShouldNotContain($"({Territory.B.Gestore})");
    }

    [Fact]
    public async Task HigherLevel2Threshold_AndAnEditedTariff_PayEveryPactAtLevel3WithTheNewTariff()
    {
        var level3 = RemunerationTests.ShippedTariff(56, 3);
        var fields = new Dictionary<string, string>
        {
            ["Anno"] = app.SeedDay.Year.ToString(CultureInfo.InvariantCulture),
            ["Soglia1"] = "4",
            ["Soglia2"] = "3",
            ["amb-56-3"] = "300,00",
            ["far-56-3"] = level3.Far.ToString("0.00", Italian),
            ["ricov-56-3"] = level3.Ricov.ToString("0.00", Italian),
        };

        var (client, page) = await PostAsync(Territory.A.UserOf(TerritorioRoles.AtsControllore), fields);

        // Level 3 under the candidate: amb 300 + far + 8% of 300 (24) + ricov.
        decimal simulated = RemunerationTests.ExpectedTotal(app.SeedDay, 300m + level3.Far + 24m + level3.Ricov);
        decimal today = RemunerationTests.ExpectedTotal(app.SeedDay, RemunerationTests.ShippedTariff(56, 2).Total);
        page.ShouldNotContain("errori-simulazione");
        page.ShouldContain($"<strong>{Euro(simulated)}</strong>");
        page.ShouldContain($"<strong class=\"diff-down\">{Euro(simulated - today)}</strong>");
        page.ShouldContain("6 periodi di patto sono pagati a un altro livello");
        page.ShouldContain("SIMULAZIONE");

        var fields2 = new Dictionary<string, string>(fields) { ["Candidato"] = HiddenCandidate(page) };
        using var form = new FormUrlEncodedContent(fields2.Append(new("__RequestVerificationToken", app.FormTokenOf(client))));
        using var csv = await client.PostAsync("/Ats/Simulazione?handler=Csv", form, Ct);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        string text = await csv.Content.ReadAsStringAsync(Ct);
        text.ShouldContain($",assistiti_per_livello,2,livello 2,assistiti,");
        text.ShouldContain(",importi_per_livello,3,livello 3,euro,0.00," + simulated.ToString("0.00", CultureInfo.InvariantCulture) + ",");
        text.ShouldContain($"({Territory.A.Gestore})");
        // The ATS by name in the last column, on every row.
        string[] rows = [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.TrimEnd('\r'))];
        rows[0].ShouldEndWith(",assistiti_non_pagati_simulazione,ats_nome");
        rows.Skip(1).ShouldAllBe(r => r.EndsWith(",ATS della Città Metropolitana di Milano", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2", "2", "il livello 1 richiede più patologie del livello 2")]
    [InlineData("4", "1", "il livello 2 richiede almeno 2 patologie")]
    [InlineData("quattro", "2", "Patologie per il livello 1: valore non valido")]
    public async Task ThresholdsThatCannotOrderTheLevels_AreRefusedWithTheReason(string level1, string level2, string reason)
    {
        var (_, page) = await PostAsync(Territory.A.UserOf(TerritorioRoles.AtsControllore), new() { ["Soglia1"] = level1, ["Soglia2"] = level2 });

        page.ShouldContain("errori-simulazione");
        page.ShouldContain(reason);
        page.ShouldContain("differenza <strong class=\"\">€ 0,00</strong>");
    }

    [Fact]
    public async Task BadAmount_IsRefusedNamingThePathologyLevelAndComponent()
    {
        var (_, page) = await PostAsync(Territory.A.UserOf(TerritorioRoles.AtsControllore), new() { ["amb-56-3"] = "3.000,50", ["far-56-3"] = "1", ["ricov-56-3"] = "0" });

        page.ShouldContain("patologia 56 livello 3, amb: '3.000,50' non è un importo valido");
    }

    [Fact]
    public async Task UploadedCatalogue_WithAWrongTotal_IsRefusedNamingTheFileAndLine()
    {
        string json = CatalogueJson(version: "1", total: "999.00");

        var (_, page) = await PostAsync(Territory.A.UserOf(TerritorioRoles.AtsControllore), [], upload: ("alternativo.json", System.Text.Encoding.UTF8.GetBytes(json)));
        var (_, other) = await PostAsync(Territory.A.UserOf(TerritorioRoles.AtsControllore), [], upload: ("tariffe.txt", [1, 2, 3]));

        page.ShouldContain("alternativo.json: riga 4: colonna total: '999.00': il totale non è la somma delle componenti");
        other.ShouldContain("tariffe.txt: formato non riconosciuto");
    }

    [Fact]
    public async Task UploadedCatalogue_IsPaidSideBySide()
    {
        string json = CatalogueJson(version: "2", total: "208.00");

        var (_, page) = await PostAsync(Territory.A.UserOf(TerritorioRoles.AtsControllore), [], upload: ("alternativo.json", System.Text.Encoding.UTF8.GetBytes(json)));

        page.ShouldContain("Simulazione (catalogo ALT v2");
        page.ShouldContain($"<strong>{Euro(RemunerationTests.ExpectedTotal(app.SeedDay, 208m))}</strong>");
    }

    [Fact]
    public async Task NonAtsRoles_AreRefused()
    {
        var mmg = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.Mmg));

        using var page = await mmg.GetAsync("/Ats/Simulazione", Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>A candidate catalogue of one row, hypertension (56) level 2: amb 100 + far 100 + 8% of amb = 208.00.</summary>
    private static string CatalogueJson(string version, string total) => $$"""
        {
          "id": "ALT", "version": "{{version}}", "valid_from": "2000-01-01", "valid_to": null, "source": "prova", "provisional": false,
          "tariffs": [
            { "pathology": 56, "level": 2, "amb": 100.00, "far": 100.00, "ricov": 0.00, "total": {{total}}, "provisional": false, "source": "prova", "rationale": "" }
          ]
        }
        """;

    private static string HiddenCandidate(string page)
    {
        const string Marker = "name=\"Candidato\" value=\"";
        int start = page.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length;
        return page[start..page.IndexOf("\" />", start, StringComparison.Ordinal)];
    }
}
