using System.Text.Json;

namespace Territorio.Cli.Tests;

public sealed class RehabCommandTests : IDisposable
{
    private const string Header =
        "record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs";

    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-rehab-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private string Write(string name, string text)
    {
        File.WriteAllText(PathOf(name), text);
        return PathOf(name);
    }

    [Fact]
    public async Task Check_GoodFile_WritesVerdictsJsonAndReport_ExitCode0()
    {
        string sdo = Write("sdo.csv", Header + """

            A1,P1,1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,
            R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15
            R2,P2,2010-01-01,M,030400,56,1,2025-06-15,2025-07-05,2,8,012,V5413,,,,,,,,
            """);

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("v.csv"), "--json", PathOf("v.jsonl"), "--report", PathOf("report.html"), "--errors", PathOf("e.csv"));

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("PROVVISORIO");
        string[] verdicts = File.ReadAllLines(PathOf("v.csv"));
        verdicts[0].ShouldStartWith("record_id,verdict,post_acute,acute_record_id,interval_days,article,level,reasons");
        verdicts.Length.ShouldBe(3);
        verdicts[1].ShouldStartWith("R1,appropriate,true,A1,10,art.3 c.1 lett.b,56a,");
        verdicts[1].ShouldEndWith("PROVISIONAL");
        verdicts[2].ShouldStartWith("R2,out_of_scope,false,,,art.1 c.1,,");

        var json = File.ReadAllLines(PathOf("v.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        json.Count.ShouldBe(2);
        json[0].GetProperty("ruleset").GetProperty("status").GetString().ShouldBe("PROVISIONAL");
        json[0].GetProperty("checks").EnumerateArray().ShouldContain(c => c.GetProperty("rule").GetString() == "linkage"
            && c.GetProperty("inputs").GetProperty("acute_record_id").GetString() == "A1");

        File.ReadAllText(PathOf("report.csv")).ShouldContain("PROVISIONAL,totale,tutti,2,1,0,1,0");
        string html = File.ReadAllText(PathOf("report.html"));
        html.ShouldContain("PROVVISORIO");
        html.ShouldContain("<svg");
        File.ReadAllLines(PathOf("e.csv")).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Check_BadRows_AreAllInTheErrorsFile_ExitCode1()
    {
        string sdo = Write("bad.csv", Header + """

            R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280,,,,,,,
            R2,P2,1950-01-01,F,030400,56,1,2025-13-15,2025-07-05,2,1,012,43811,,,,,,,,
            R3,P3,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,99999,,,,,,,,
            R1,P4,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,,,,,,,,
            A1,P5,1950-01-01,F,030100,32,1,2025-06-15,2025-06-01,2,1,012,43491,,,,,,,,
            R5,,1950-01-01,F,030400,75,1,2025-06-15,2025-07-05,2,1,012,9070,,,,,,,,
            R6,P6,1950-01-01,F,030400,56,1,2025-06-15
            """);

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("v.csv"), "--errors", PathOf("e.csv"));

        result.ExitCode.ShouldBe(1);
        string[] verdicts = File.ReadAllLines(PathOf("v.csv"));
        verdicts.Length.ShouldBe(2);
        verdicts[1].ShouldStartWith("R1,");
        var errors = File.ReadAllLines(PathOf("e.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        errors.Select(e => (e[1], e[2])).ShouldBe(
        [
            ("3", "admission_date"), ("4", "principal_dx"), ("5", "record_id"), ("6", "discharge_date"), ("7", "patient_id"), ("8", "(riga)"),
        ]);
        File.ReadAllText(PathOf("e.csv")).ShouldContain("record_id duplicato (già alla riga 2)");
    }

    [Fact]
    public async Task Check_MalformedRuleSet_IsRefusedBeforeAnyWork_ExitCode1()
    {
        string sdo = Write("sdo.csv", Header + "\n");
        string rules = Write("bad.ruleset", "[ruleset]\nid = x\n[list annex1]\ndiagnoses = 999.99\n");

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("v.csv"), "--rules", rules);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("bad.ruleset");
        File.Exists(PathOf("v.csv")).ShouldBeFalse();
    }

    [Fact]
    public async Task Check_MissingSdoFile_IsAUsageError_ExitCode2()
    {
        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", PathOf("none.csv"), "--out", PathOf("v.csv"));
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("none.csv");
    }

    [Fact]
    public async Task DemoSdo_SameSeed_SameFile_AndItChecksCleanly()
    {
        await CliRunner.RunAsync("demo", "sdo", "--acute", "2000", "--rehab", "300", "--seed", "3", "--out", PathOf("a.csv"));
        await CliRunner.RunAsync("demo", "sdo", "--acute", "2000", "--rehab", "300", "--seed", "3", "--out", PathOf("b.csv"));
        File.ReadAllText(PathOf("a.csv")).ShouldBe(File.ReadAllText(PathOf("b.csv")));
        File.ReadAllLines(PathOf("a.csv")).Length.ShouldBe(2301);

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", PathOf("a.csv"), "--out", PathOf("v.csv"));
        result.ExitCode.ShouldBe(0, result.Error);
        File.ReadAllLines(PathOf("v.csv")).Length.ShouldBe(301);
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--errors")]
    [InlineData("--json")]
    public async Task OutputEqualToInput_IsRefusedBeforeAnythingIsOpened_TheSdoIsUntouched(string option)
    {
        string sdo = Write("same.csv", Header + "\nR1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,,,,,,,,\n");
        string before = File.ReadAllText(sdo);
        string[] args = option == "--out"
            ? ["rehab", "check", "--sdo", sdo, "--out", sdo]
            : ["rehab", "check", "--sdo", sdo, "--out", PathOf("v.csv"), option, Path.Combine(_dir, ".", "same.csv")];

        var result = await CliRunner.RunAsync(args);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"{option} e --sdo indicano lo stesso file");
        File.ReadAllText(sdo).ShouldBe(before);
        Directory.GetFiles(_dir).ShouldBe([sdo]);
    }

    [Fact]
    public async Task TwoOutputsOnOneFile_AreRefused()
    {
        string sdo = Write("sdo.csv", Header + "\n");

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("x.csv"), "--errors", PathOf("x.csv"));

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--out e --errors indicano lo stesso file");
    }

    [Fact]
    public async Task FormulaInTheSdo_IsNeutralisedInEveryOutput()
    {
        string sdo = Write("evil.csv", Header + """

            A1,P1,1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,
            "=HYPERLINK(""http://evil.example"",""x"")",P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15
            =1+1,P2,2010-01-01,M,030400,56,1,2025-06-15,2025-07-05,2,8,012,V5413,,,,,,,,x
            """);

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("v.csv"), "--errors", PathOf("e.csv"));

        result.ExitCode.ShouldBe(1, result.Error);
        string verdicts = File.ReadAllText(PathOf("v.csv"));
        verdicts.ShouldContain("\"'=HYPERLINK(");
        verdicts.Split('\n').ShouldNotContain(l => l.StartsWith('=') || l.StartsWith("\"=", StringComparison.Ordinal));
        string errors = File.ReadAllText(PathOf("e.csv"));
        errors.ShouldNotContain(",=1+1");
        errors.ShouldNotContain(",\"=");
    }

    [Fact]
    public async Task EmptySdo_IsRefusedWithItsName_NoVerdictsWritten()
    {
        string sdo = Write("vuoto.csv", "");

        var result = await CliRunner.RunAsync("rehab", "check", "--sdo", sdo, "--out", PathOf("v.csv"));

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("vuoto.csv: riga 1: file vuoto");
        Directory.GetFiles(_dir).ShouldBe([sdo]);
    }
}
