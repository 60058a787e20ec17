using Territorio.Flows.Reference;

namespace Territorio.Rehab.Batch.Tests;

/// <summary>
/// <c>territorio-rehab</c>'s own command handling (decision 0114): the check behind it is the
/// CLI's (<c>RehabCheckJob</c>, tested through <c>territorio rehab check</c>).
/// </summary>
public sealed class BatchAppTests : IDisposable
{
    internal const string Header =
        "record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs";

    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-rehab-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await BatchApp.RunAsync(args, ReferenceData.Default(), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Check_WithAnMdcTable_DerivesTheEmptyMdcByIt_AndTheSummaryNamesIt()
    {
        File.WriteAllText(PathOf("sdo.csv"), Header + "\n"
            + "A1,P1,1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,\n"
            + "R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,,012,43811,4280|4019,9671,,2,30,,,15\n");
        File.WriteAllText(PathOf("mdc.csv"), "from,to,mdc,status,rationale,version,published\n430,438,1,official,cerebrovascolari,v24 prova,2026-03-01\n");

        var (exit, output, error) = await RunAsync("check", "--sdo", PathOf("sdo.csv"), "--out", PathOf("v.csv"), "--mdc-table", PathOf("mdc.csv"));

        exit.ShouldBe(0, error);
        output.ShouldContain("tabella diagnosi → MDC: mdc.csv, ufficiale, v24 prova del 01/03/2026");
        File.ReadAllLines(PathOf("v.csv"))[1].ShouldStartWith("R1,appropriate,true,A1,10,art.3 c.1 lett.b,56a,");
    }

    [Fact]
    public async Task Check_GoodFile_WritesTheVerdicts_ExitCode0()
    {
        File.WriteAllText(PathOf("sdo.csv"), Header + "\n"
            + "A1,P1,1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,\n"
            + "R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15\n");

        var (exit, output, error) = await RunAsync("check", "--sdo", PathOf("sdo.csv"), "--out", PathOf("v.csv"));

        exit.ShouldBe(0, error);
        output.ShouldContain("ricoveri di riabilitazione giudicati: 1 (ricoveri per acuti letti: 1)");
        File.ReadAllLines(PathOf("v.csv"))[1].ShouldStartWith("R1,appropriate,true,A1,10,art.3 c.1 lett.b,56a,");
    }

    [Fact]
    public async Task Check_ProgressLines_ArePlain_AndTheSummaryComesAfterThem()
    {
        File.WriteAllText(PathOf("sdo.csv"), Header + "\n"
            + "A1,P1,1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,\n"
            + "R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15\n");
        using var log = new StringWriter();

        int exit = await BatchApp.RunAsync(["check", "--sdo", PathOf("sdo.csv"), "--out", PathOf("v.csv")], ReferenceData.Default(), log, log, TimeSpan.FromMilliseconds(1));

        exit.ShouldBe(0, log.ToString());
        var lines = log.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldAllBe(l => !l.Any(char.IsControl));
        int last = Array.FindLastIndex(lines, l => l.StartsWith("controllo appropriatezza: ", StringComparison.Ordinal));
        lines[last].ShouldBe("controllo appropriatezza: ricoveri di riabilitazione giudicati 1 di 1 (100%)");
        lines.Skip(last + 1).ShouldContain("ricoveri di riabilitazione giudicati: 1 (ricoveri per acuti letti: 1)");
        lines[^1].ShouldBe($"giudizi: {PathOf("v.csv")}");
    }

    [Fact]
    public async Task Check_RejectedRows_ExitCode1_WithTheFirstOneNamed()
    {
        File.WriteAllText(PathOf("bad.csv"), Header + "\n"
            + "R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,99999,,,,,,,,\n");

        var (exit, _, error) = await RunAsync("check", "--sdo", PathOf("bad.csv"), "--out", PathOf("v.csv"));

        exit.ShouldBe(1);
        error.ShouldContain("righe scartate: 1");
        error.ShouldContain("99999");
    }

    [Fact]
    public async Task Check_MalformedRuleSet_OneLineNamingTheFile_ExitCode1()
    {
        File.WriteAllText(PathOf("sdo.csv"), Header + "\n");
        File.WriteAllText(PathOf("bad.ruleset"), "[ruleset]\nid = x\n");

        var (exit, _, error) = await RunAsync("check", "--sdo", PathOf("sdo.csv"), "--out", PathOf("v.csv"), "--rules", PathOf("bad.ruleset"));

        exit.ShouldBe(1);
        error.ShouldStartWith("errore nei dati: ");
        error.ShouldContain("bad.ruleset");
        error.Trim().Split('\n').Length.ShouldBe(1);
        File.Exists(PathOf("v.csv")).ShouldBeFalse("a malformed rule set is refused before any work starts");
    }

    [Fact]
    public async Task Check_MissingSdoFile_IsAUsageError_ExitCode2()
    {
        var (exit, _, error) = await RunAsync("check", "--sdo", PathOf("none.csv"), "--out", PathOf("v.csv"));

        exit.ShouldBe(2);
        error.ShouldContain("none.csv");
        error.ShouldContain("territorio-rehab check --help");
    }
}
