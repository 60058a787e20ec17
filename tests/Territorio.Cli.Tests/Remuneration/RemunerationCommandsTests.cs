using MiniExcelLibs;

namespace Territorio.Cli.Tests.Remuneration;

public sealed class RemunerationCommandsTests : IDisposable
{
    private static readonly Dictionary<string, string?> PdfLicensed = new() { ["Pdf:PdfSharpLicense"] = "AGPL" };
    private readonly string _directory = Directory.CreateTempSubdirectory("territorio-remun-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private string Pacts() => File("pacts.csv", """
        pact_id,patient_id,gestore_id,ats_id,mmg_id,mmg_role,start,end,pathology,level,death_date,pai_mmg
        P1,A,COOP1,321,M1,membro_gestore,2023-07-01,,56,3,,
        P2,B,ASST1,321,M2,collaboratore,2022-01-01,2023-06-30,56,2,,1
        P3,B,ASST2,322,M2,informato,2023-07-01,,56,2,,
        P4,C,ASST2,322,,,2023-01-01,,20,1,2023-03-15,
        """);

    [Fact]
    public async Task TariffsList_Csv_PrintsTheSeedHypertensionRow()
    {
        var result = await CliRunner.RunAsync("tariffs", "list", "--pathology", "56", "--format", "csv");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldBe("""
            pathology,level,amb,far,mmg_share,ricov,total,provisional
            56,1,740.50,703.00,59.24,2748.00,4250.74,false
            56,2,471.25,349.00,37.70,0.00,857.95,false
            56,3,276.50,228.00,22.12,0.00,526.62,false

            """.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TariffsList_Table_MarksProvisionalRows()
    {
        var result = await CliRunner.RunAsync("tariffs", "list", "--pathology", "20");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("SCOMPENSO CARDIACO");
        result.Output.ShouldContain("PROVVISORIA");
        result.Error.ShouldContain("PROVVISORIO");
    }

    [Fact]
    public async Task TariffsList_UnknownPathology_IsAUsageError()
    {
        (await CliRunner.RunAsync("tariffs", "list", "--pathology", "3")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task TariffsImport_ThenList_UsesTheImportedCatalogue_AndBadSheetWritesNothing()
    {
        string good = Xlsx("good.xlsx", 526.62);
        string bad = Xlsx("bad.xlsx", 527);
        string output = Path.Combine(_directory, "official.json");
        string refused = Path.Combine(_directory, "refused.json");

        var imported = await CliRunner.RunAsync("tariffs", "import", "--xlsx", good, "--out", output);
        var listed = await CliRunner.RunAsync("tariffs", "list", "--catalogue", output, "--format", "csv");
        var rejected = await CliRunner.RunAsync("tariffs", "import", "--xlsx", bad, "--out", refused);

        imported.ExitCode.ShouldBe(0, imported.Error);
        imported.Output.ShouldContain("1 tariffe importate");
        listed.Output.ShouldContain("56,3,276.50,228.00,22.12,0.00,526.62,false");
        rejected.ExitCode.ShouldBe(1);
        rejected.Error.ShouldContain("foglio Tariffe: riga 2: colonna colonna F (totale): '527.00'");
        System.IO.File.Exists(refused).ShouldBeFalse();
    }

    [Fact]
    public async Task Remunerate_WritesCsvXlsxAndOnePdfPerGestore_WithStatementsThatAddUp()
    {
        string output = Path.Combine(_directory, "out");

        var result = await CliRunner.RunAsync(PdfLicensed, "remunerate", "--year", "2023", "--pacts", Pacts(), "--out", output, "--pai-fee", "40");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("ATS della Città Metropolitana di Milano (321): € ");
        result.Error.ShouldContain("PROVVISORIO");
        foreach (string file in new[] { "righe.csv", "gestori.csv", "mmg.csv", "ats.csv", "patologie.csv", "anomalie.csv", "remunerazione-2023.xlsx", "estratto-COOP1-2023.pdf", "estratto-ASST1-2023.pdf", "estratto-ASST2-2023.pdf" })
        {
            System.IO.File.Exists(Path.Combine(output, file)).ShouldBeTrue(file);
        }

        string[] gestori = System.IO.File.ReadAllLines(Path.Combine(output, "gestori.csv"));
        gestori.ShouldContain(l => l.Contains(",COOP1,,321,1,1,265.47,11.15,0.00,no", StringComparison.Ordinal));
        gestori.ShouldContain(l => l.Contains(",ASST1,,321,1,1,425.45,0.00,40.00,no", StringComparison.Ordinal));
        var sheets = MiniExcel.GetSheetNames(Path.Combine(output, "remunerazione-2023.xlsx"));
        sheets.ShouldContain("righe");
        sheets.ShouldContain("gestori");
        System.IO.File.ReadAllText(Path.Combine(output, "righe.csv")).ShouldContain("fine per decesso il 15/03/2023");
        // The ATS and the pathologies by name, in columns added at the end, even when the pacts come from a file.
        System.IO.File.ReadAllLines(Path.Combine(output, "righe.csv"))[0].ShouldEndWith(",motivazione,ats_nome,patologia_nome");
        System.IO.File.ReadAllLines(Path.Combine(output, "ats.csv")).ShouldContain(l => l.Contains(",321,", StringComparison.Ordinal) && l.EndsWith(",ATS della Città Metropolitana di Milano", StringComparison.Ordinal));
        System.IO.File.ReadAllLines(Path.Combine(output, "patologie.csv")).ShouldContain(l => l.EndsWith(",IPERTENSIONE ARTERIOSA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Remunerate_WhatIf_ComparesTheTwoCataloguesPerAtsAndPathology()
    {
        string alternative = File("alternative.json", """
            {
              "id": "ALT", "version": "1", "valid_from": "2017-01-01", "valid_to": null, "source": "ipotesi", "provisional": true,
              "tariffs": [
                { "pathology": 56, "level": 3, "amb": 300.00, "far": 228.00, "ricov": 0, "total": 552.00, "provisional": true, "source": "ipotesi", "rationale": "amb +8%" },
                { "pathology": 56, "level": 2, "amb": 471.25, "far": 349.00, "ricov": 0, "total": 857.95, "provisional": true, "source": "ipotesi", "rationale": "invariata" }
              ]
            }
            """);
        string output = Path.Combine(_directory, "whatif");

        var result = await CliRunner.RunAsync(PdfLicensed, "remunerate", "--year", "2023", "--pacts", Pacts(), "--out", output, "--catalogue", alternative, "--pai-fee", "40");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("simulazione con il catalogo ALT v1 PROVVISORIO");
        string byPathology = System.IO.File.ReadAllText(Path.Combine(output, "confronto_patologie.csv"));
        byPathology.ShouldContain("2023,56,");
        byPathology.ShouldContain(",0,1,SCOMPENSO CARDIACO\n"); // pathology 20 has no tariff in the alternative: 1 patient unpaid there
        System.IO.File.ReadAllText(Path.Combine(output, "confronto_ats.csv")).ShouldContain("2023,totale,");
    }

    [Fact]
    public async Task Remunerate_MissingTariff_IsReportedPerPatientWithExitCode1()
    {
        string pacts = File("missing.csv", """
            pact_id,patient_id,gestore_id,ats_id,mmg_id,mmg_role,start,end,pathology,level,death_date,pai_mmg
            P1,A,G1,321,,,2023-01-01,,56,3,,
            P2,Z,G1,321,,,2023-01-01,,12,2,,
            """);
        string output = Path.Combine(_directory, "missing");

        var result = await CliRunner.RunAsync(PdfLicensed, "remunerate", "--year", "2023", "--pacts", pacts, "--out", output);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("assistito Z: nessuna tariffa");
        System.IO.File.ReadAllText(Path.Combine(output, "anomalie.csv")).ShouldContain(",Z,,,P2,12,2,tariffa_mancante,");
    }

    [Fact]
    public async Task Remunerate_WithoutAPdfLicenseChoice_IsAUsageErrorAndWritesNothing()
    {
        string output = Path.Combine(_directory, "nolicense");

        var noLicense = new Dictionary<string, string?> { ["Pdf:PdfSharpLicense"] = "" };
        var result = await CliRunner.RunAsync(noLicense, "remunerate", "--year", "2023", "--pacts", Pacts(), "--out", output);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("Pdf:PdfSharpLicense");
        Directory.Exists(output).ShouldBeFalse();
    }

    [Fact]
    public async Task Remunerate_Help_IsInItalian()
    {
        var result = await CliRunner.RunAsync("remunerate", "--help");

        result.Output.ShouldContain("pro rata per giorni");
        result.Output.ShouldContain("--catalogue");
    }

    private string Xlsx(string name, double total)
    {
        string path = Path.Combine(_directory, name);
        var sheets = new Dictionary<string, object>
        {
            ["Catalogo"] = new[]
            {
                new Dictionary<string, object?> { ["A"] = "id", ["B"] = "RL-UFF" },
                new Dictionary<string, object?> { ["A"] = "versione", ["B"] = "1" },
                new Dictionary<string, object?> { ["A"] = "valido_dal", ["B"] = "2017-01-01" },
                new Dictionary<string, object?> { ["A"] = "fonte", ["B"] = "DGR" },
            },
            ["Tariffe"] = new[]
            {
                new Dictionary<string, object?> { ["A"] = "patologia", ["B"] = "livello", ["C"] = "amb", ["D"] = "far", ["E"] = "ricov", ["F"] = "totale", ["G"] = "fonte", ["H"] = "note" },
                new Dictionary<string, object?> { ["A"] = 56, ["B"] = 3, ["C"] = 276.5, ["D"] = 228, ["E"] = 0, ["F"] = total, ["G"] = "DGR", ["H"] = "" },
            },
        };
        MiniExcel.SaveAs(path, sheets, printHeader: false);
        return path;
    }
}
