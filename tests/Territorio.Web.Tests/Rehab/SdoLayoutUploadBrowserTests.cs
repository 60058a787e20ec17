using System.Net;
using System.Text;
using Microsoft.Playwright;
using Territorio.Flows.Reference;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>
/// The web upload in a region's layout (issue 19 part 4), in a real Chromium: a ';'-separated file
/// with Italian column names, compact and Italian dates and four-character wards is checked with
/// the shipped regional layout or with a layout JSON uploaded beside it; errors name file, line,
/// field and reason.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SdoLayoutUploadBrowserTests(BrowserFixture web) : IDisposable
{
    // Not the upload folders' prefix: a web app starting meanwhile removes those it does not own.
    private readonly string _folder = Directory.CreateTempSubdirectory("territorio-test-layout-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Header =>
        "ID_SDO;ID_ASSISTITO;DATA_NASCITA;SESSO;COD_STRUTTURA;REPARTO_AMMISSIONE;REGIME_RICOVERO;DATA_RICOVERO;DATA_DIMISSIONE;MODALITA_DIMISSIONE;MDC;DRG;DIAG_PRINC;"
        + string.Join(';', Enumerable.Range(1, 24).Select(i => $"DIAG_SEC_{i}")) + ";INT_PRINC;"
        + string.Join(';', Enumerable.Range(1, 5).Select(i => $"INT_SEC_{i}")) + ";REPARTO_PROVENIENZA;RANKIN;BARTHEL;BARTHEL_DISPNEA;TEST_6MW;RCS";

    /// <summary>One row: the fields before the diagnoses, the secondary diagnoses and procedures in their own columns, the scales.</summary>
    private static string Row(string head, string[] secondary, string[] procedures, string tail) =>
        head + ";" + string.Join(';', secondary.Concat(Enumerable.Repeat("", 24 - secondary.Length))) + ";"
        + string.Join(';', procedures.Concat(Enumerable.Repeat("", 6 - procedures.Length))) + ";" + tail;

    /// <summary>An acute stroke, a 56 stay four days later (art.3 c.1 lett.b, 56a), a spinal stay (art.4 c.3), a row with an ISO date (refused).</summary>
    private static string RegionalSdo(string structure) => string.Join('\n',
        Header,
        Row($"AR-0001;PR1;10/05/1950;2;OSPR;3201;1;20250220;20250301;2;1;014;434.91", ["401.9"], [], ";;;;;"),
        Row($"RR-0001;PR1;10/05/1950;2;{structure};5601;1;20250305;20250330;2;1;012;438.11", ["342.90", "428.0", "427.31"], ["93.11"], ";2;30;;;15"),
        Row($"RR-0002;PR2;15/01/1970;1;{structure};2801;1;20250401;20250510;2;1;009;806.00", ["344.1"], ["93.11"], ";;20;;;16"),
        Row($"RR-0003;PR3;01/07/1960;1;{structure};5601;1;2025-06-15;20250620;2;8;210;820.8", [], ["93.11"], ";;;;;")) + "\n";

    private async Task<string> WriteAsync(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Ats_UploadsARegionalFile_WithTheShippedLayout_VerdictsAndRejectedRowsInTheFilesTerms()
    {
        string sdo = await WriteAsync("sdo-regione.csv", RegionalSdo("SR1"));
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.AtsControllore));
        await page.GotoAsync("/Riabilitazione/Carica");
        await Assertions.Expect(page.GetByTestId("tabella-mdc")).ToContainTextAsync("diagnosis_mdc.csv, PROVVISORIA");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Esempio regionale", Exact = false }).CheckAsync();
        await page.GetByLabel("File SDO (CSV)").SetInputFilesAsync(sdo);
        await BrowserFixture.ScreenshotAsync(page, "layout-01-scelta");
        await page.GetByRole(AriaRole.Button, new() { Name = "Controlla e conserva" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/Riabilitazione/Esecuzione/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("giudicati")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("scartate")).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("giudizio-RR-0001")).ToContainTextAsync("art.3 c.1 lett.b");
        await Assertions.Expect(page.GetByTestId("giudizio-RR-0001").Locator("td").First).ToHaveTextAsync("3");
        await Assertions.Expect(page.GetByTestId("giudizio-RR-0002")).ToContainTextAsync("art.4 c.3");
        await BrowserFixture.ScreenshotAsync(page, "layout-02-esecuzione");

        await page.GetByRole(AriaRole.Link, new() { Name = "Righe scartate" }).ClickAsync();
        var row = page.Locator("table tbody tr").First;
        await Assertions.Expect(row).ToContainTextAsync("5");
        await Assertions.Expect(row).ToContainTextAsync("admission_date (DATA_RICOVERO)");
        await Assertions.Expect(row).ToContainTextAsync("2025-06-15");
        await BrowserFixture.ScreenshotAsync(page, "layout-03-scarti");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Ats_UploadsItsOwnLayout_ABadOneIsRefusedNamingFileAndField_AGoodOneChecksTheFile()
    {
        string regional = await File.ReadAllTextAsync(ReferenceData.Default().PathOf("sdo", "layouts", "esempio-regionale.json"), TestContext.Current.CancellationToken);
        string sdo = await WriteAsync("sdo-asl.csv", RegionalSdo("SR2"));
        string bad = await WriteAsync("layout-sbagliato.json", regional.Replace("\"rcs\": \"RCS\"", "\"rcs\": \"RCS\",\n  \"reparto\": \"REPARTO\"", StringComparison.Ordinal));
        string good = await WriteAsync("layout-asl.json", regional);
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.AtsControllore));

        await page.GotoAsync("/Riabilitazione/Carica");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Un layout proprio", Exact = false }).CheckAsync();
        await page.GetByLabel("File del layout (JSON)").SetInputFilesAsync(bad);
        await page.GetByLabel("File SDO (CSV)").SetInputFilesAsync(sdo);
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Controlla e conserva" }).ClickAsync(),
            r => r.Request.Method == "POST");
        refused.Status.ShouldBe((int)HttpStatusCode.BadRequest);
        await Assertions.Expect(page.GetByTestId("errore")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(
            "^Layout non valido: layout-sbagliato\\.json, riga 1, campo reparto: campo sconosciuto nel layout"));
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Un layout proprio", Exact = false })).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(page, "layout-04-layout-sbagliato");

        await page.GetByLabel("File del layout (JSON)").SetInputFilesAsync(good);
        await page.GetByLabel("File SDO (CSV)").SetInputFilesAsync(sdo);
        await page.GetByRole(AriaRole.Button, new() { Name = "Controlla e conserva" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Riabilitazione/Esecuzione/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByTestId("giudicati")).ToHaveTextAsync("2");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RegionalFile_WithTerritoriosLayout_IsRefusedNamingTheMissingColumn()
    {
        string sdo = await WriteAsync("sdo-regione.csv", RegionalSdo("SR3"));
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.AtsControllore));
        await page.GotoAsync("/Riabilitazione/Carica");
        await page.GetByLabel("File SDO (CSV)").SetInputFilesAsync(sdo);

        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Controlla e conserva" }).ClickAsync(),
            r => r.Request.Method == "POST");

        refused.Status.ShouldBe((int)HttpStatusCode.BadRequest);
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("File SDO non elaborabile: sdo-regione.csv, riga 1");
        await page.Context.CloseAsync();
    }
}
