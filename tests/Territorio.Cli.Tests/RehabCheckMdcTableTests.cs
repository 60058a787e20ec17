using System.Text.Json;

namespace Territorio.Cli.Tests;

/// <summary>
/// <c>territorio rehab check --mdc-table</c>: the diagnosis → MDC table an empty MDC is derived from,
/// the official one <c>rehab import-mdc</c> writes instead of the shipped provisional one (decision 0222).
/// </summary>
public sealed class RehabCheckMdcTableTests : IDisposable
{
    // R1's MDC is empty: it is derived from its principal diagnosis 438.11 (MDC 1 in the shipped table).
    private const string Sdo = """
        record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs
        A1,P1,1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,
        R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,,012,43811,4280|4019,9671,,2,30,,,15

        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-rehab-mdc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private string Write(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }

    /// <summary>The MDC the scope check of the only verdict read.</summary>
    private string ScopeMdc(string jsonLines) =>
        JsonDocument.Parse(File.ReadAllLines(PathOf(jsonLines)).ShouldHaveSingleItem()).RootElement.GetProperty("checks").EnumerateArray()
            .First(c => c.GetProperty("inputs").TryGetProperty("mdc", out _)).GetProperty("inputs").GetProperty("mdc").GetString()!;

    [Fact]
    public async Task ImportedTable_ChosenWithMdcTable_DerivesTheEmptyMdc_AndTheSummaryAndReportNameIt()
    {
        // A grouper table (a test one) that puts category 438 in MDC 5, unlike the shipped table.
        Write("grouper.csv", "DIAGNOSI;MDC\n438.11;5\n438.20;5\n434.91;1\n");
        var import = await CliRunner.RunAsync("rehab", "import-mdc", "--file", PathOf("grouper.csv"), "--version", "CMS-DRG v24 (prova)", "--date", "2026-03-01", "--out", PathOf("mdc.csv"));
        import.ExitCode.ShouldBe(0, import.Error);
        import.Output.ShouldContain($"per usarla: territorio rehab check --mdc-table {PathOf("mdc.csv")}");
        string sdo = Write("sdo.csv", Sdo);

        var shipped = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("s.csv"), "--json", PathOf("s.jsonl"));
        var imported = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("i.csv"), "--json", PathOf("i.jsonl"), "--mdc-table", PathOf("mdc.csv"), "--report", PathOf("r.html"));

        shipped.ExitCode.ShouldBe(0, shipped.Error);
        imported.ExitCode.ShouldBe(0, imported.Error);
        ScopeMdc("s.jsonl").ShouldBe("1");
        ScopeMdc("i.jsonl").ShouldBe("5");
        shipped.Output.ShouldContain("tabella diagnosi → MDC: diagnosis_mdc.csv, PROVVISORIA");
        imported.Output.ShouldContain("tabella diagnosi → MDC: mdc.csv, ufficiale, CMS-DRG v24 (prova) del 01/03/2026");
        File.ReadAllText(PathOf("r.html")).ShouldContain("tabella diagnosi → MDC mdc.csv, ufficiale, CMS-DRG v24 (prova) del 01/03/2026");
    }

    [Theory]
    [InlineData("from,to,mdc,status,rationale\n001,139,18,official,infettive\n140,239,26,official,tumori\n", 3, "mdc", "MDC non valida (attesa tra 1 e 25)")]
    [InlineData("from,to,mdc,status,rationale\n001,139,18,ufficiale,infettive\n", 2, "status", "stato non valido (atteso provisional o official)")]
    [InlineData("from,to,mdc,status,rationale\n1,139,18,official,infettive\n", 2, "from", "categoria ICD-9-CM di tre caratteri attesa")]
    [InlineData("from,to,mdc,rationale\n001,139,18,infettive\n", 1, "status", "colonna mancante nell'intestazione")]
    [InlineData("from,to,mdc,status,rationale,version,published\n001,139,18,official,infettive,v24,01/03/2026\n", 2, "published", "data non valida (atteso AAAA-MM-GG)")]
    [InlineData("from,to,mdc,status,rationale\n", 1, "", "tabella senza righe")]
    public async Task MalformedTable_IsRefusedBeforeTheSdoIsRead_NamingFileLineColumnAndReason_ExitCode1(string table, int line, string column, string reason)
    {
        string sdo = Write("sdo.csv", Sdo);
        Write("mdc.csv", table);

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("v.csv"), "--mdc-table", PathOf("mdc.csv"));

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain($"mdc.csv: riga {line}");
        if (column.Length > 0)
        {
            result.Error.ShouldContain($"colonna {column}");
        }

        result.Error.ShouldContain(reason);
        result.Error.ShouldNotContain("   at ");
        File.Exists(PathOf("v.csv")).ShouldBeFalse();
    }

    [Fact]
    public async Task MdcTable_AlsoAnOutput_IsAUsageError_ExitCode2()
    {
        string sdo = Write("sdo.csv", Sdo);
        string table = Write("mdc.csv", "from,to,mdc,status,rationale\n001,139,18,official,infettive\n");

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", table, "--mdc-table", table);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--mdc-table");
        File.ReadAllText(table).ShouldStartWith("from,to,mdc,status,rationale");
    }

    [Fact]
    public async Task MissingMdcTable_IsAUsageError_ExitCode2()
    {
        string sdo = Write("sdo.csv", Sdo);

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("v.csv"), "--mdc-table", PathOf("none.csv"));

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("none.csv");
    }
}
