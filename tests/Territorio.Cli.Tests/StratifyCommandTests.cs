namespace Territorio.Cli.Tests;

public sealed class StratifyCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "territorio-stratify-" + Guid.NewGuid().ToString("N"));

    public StratifyCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Args(params string[] extra) =>
    [
        "stratify", "--persons", P("persons.csv"), "--sdo", P("sdo.csv"), "--drugs", P("drugs.csv"),
        "--exemptions", P("exemptions.csv"), "--outpatient", P("outpatient.csv"), "--out", P("levels.csv"), .. extra,
    ];

    private string P(string name) => Path.Combine(_dir, name);

    private async Task<CliResult> GenerateAsync(int people) =>
        await CliRunner.RunAsync("demo", "population", "--people", people.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "3", "--out", _dir);

    [Fact]
    public async Task DemoPopulationThenStratify_WritesLevelsAndReport_ExitCode0()
    {
        (await GenerateAsync(3_000)).ExitCode.ShouldBe(0);

        var result = await CliRunner.RunAsync(Args("--as-of", "2025-12-31", "--report", P("piramide.csv")));

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("livelli 1-5");
        result.Error.ShouldContain("PROVVISORIO");
        var lines = File.ReadAllLines(P("levels.csv"));
        lines[0].ShouldBe("person_id,level,main_pathology,pathologies,evidence,reclassification");
        lines.Length.ShouldBe(3_001);
        File.ReadAllText(P("piramide.csv")).ShouldContain("region,");
        string html = File.ReadAllText(P("piramide.html"));
        html.ShouldContain("<svg");
        html.ShouldContain("PROVVISORIO");
        html.ShouldContain("Riferimento DGR");
    }

    [Fact]
    public async Task RejectedRows_AreListedWithLineAndColumn_ExitCode1()
    {
        (await GenerateAsync(200)).ExitCode.ShouldBe(0);
        File.AppendAllText(P("drugs.csv"), "NOBODY,2025-01-01,A10BA02,1,30\nP00000001,2025-01-01,A10BA02,x,30\n");
        int drugLines = File.ReadAllLines(P("drugs.csv")).Length;

        var result = await CliRunner.RunAsync(Args("--as-of", "2025-12-31"));

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain($"riga {drugLines - 1}: colonna person_id: 'NOBODY'");
        result.Error.ShouldContain($"riga {drugLines}: colonna packs");
        result.Error.ShouldNotContain("   at ");
        File.ReadAllLines(P("levels.csv")).Length.ShouldBe(201);
    }

    [Fact]
    public async Task BadAsOf_IsAUsageError()
    {
        (await GenerateAsync(10)).ExitCode.ShouldBe(0);

        var result = await CliRunner.RunAsync(Args("--as-of", "31/12/2025"));

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--as-of");
    }

    [Fact]
    public async Task BadCriteriaFile_IsBadDataNamingFileAndCode_NoLevelsWritten()
    {
        (await GenerateAsync(10)).ExitCode.ShouldBe(0);
        File.WriteAllText(P("criteri.txt"), "version: x\nstatus: PROVVISORIO\npathology: 50 | weight: 1 | why: x\n  sdo-dx: 999.99 | why: y\n");

        var result = await CliRunner.RunAsync(Args("--as-of", "2025-12-31", "--criteria", P("criteri.txt")));

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("criteri.txt");
        result.Error.ShouldContain("999.99");
        File.Exists(P("levels.csv")).ShouldBeFalse();
    }

    [Fact]
    public async Task Update_WithoutAPreviousRun_SaysSoAndExits2()
    {
        (await GenerateAsync(200)).ExitCode.ShouldBe(0);

        var result = await CliRunner.RunAsync(Args("--as-of", "2025-12-31", "--update"));

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("nessuna stratificazione precedente");
        File.Exists(P("levels.csv")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--report")]
    public async Task OutputEqualToAnInput_IsRefused_TheInputIsUntouched(string option)
    {
        (await GenerateAsync(20)).ExitCode.ShouldBe(0);
        string before = File.ReadAllText(P("persons.csv"));
        var args = Args("--as-of", "2025-12-31").ToList();
        if (option == "--out")
        {
            args[args.IndexOf("--out") + 1] = P("persons.csv");
        }
        else
        {
            args.AddRange(["--report", P("drugs.csv")]);
        }

        var result = await CliRunner.RunAsync([.. args]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("indicano lo stesso file");
        File.ReadAllText(P("persons.csv")).ShouldBe(before);
        Directory.GetFiles(_dir, "*.tmp").ShouldBeEmpty();
        File.Exists(P("levels.csv")).ShouldBeFalse();
    }

    [Fact]
    public async Task Update_AfterAFullRun_WritesTheLevelsAndWhoChanged()
    {
        (await GenerateAsync(500)).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync(Args("--as-of", "2025-12-31"))).ExitCode.ShouldBe(0);
        string person = File.ReadAllLines(P("persons.csv"))[1].Split(',')[0];
        File.WriteAllText(P("sdo.csv"), File.ReadAllLines(P("sdo.csv"))[0] + "\n");
        File.WriteAllText(P("drugs.csv"), "person_id,date,aic,packs\n" + string.Concat(Enumerable.Range(1, 3).Select(m => $"{person},2025-{m + 8:00}-01,017758018,1\n")));
        File.WriteAllText(P("exemptions.csv"), "person_id,code,start_date,end_date\n" + $"{person},0A31,2024-01-01,\n{person},031A.401,2024-01-01,\n{person},023.585,2024-01-01,\n{person},048,2024-01-01,\n");
        File.WriteAllText(P("outpatient.csv"), "person_id,date,code\n");
        File.WriteAllText(P("persons.csv"), File.ReadAllLines(P("persons.csv"))[0] + "\n");

        var result = await CliRunner.RunAsync(Args("--as-of", "2025-12-31", "--update", "--changes", P("changes.csv")));

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("aggiornamento: 1 persona ha cambiato livello");
        var changes = File.ReadAllLines(P("changes.csv"));
        changes[0].ShouldBe("person_id,level_before,level_after,evidence");
        changes[1].ShouldStartWith($"{person},");
        changes[1].ShouldContain(",1,");
        File.ReadAllLines(P("levels.csv")).Length.ShouldBe(501);
    }

    [Fact]
    public async Task Update_FromATruncatedState_Exits2InItalian_AndLeavesTheOutputsAsTheyWere()
    {
        (await GenerateAsync(200)).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync(Args("--as-of", "2025-12-31"))).ExitCode.ShouldBe(0);
        string levels = File.ReadAllText(P("levels.csv"));
        var state = File.ReadAllBytes(P("levels.csv.state"));
        File.WriteAllBytes(P("levels.csv.state"), state[..(state.Length - 10)]);

        var result = await CliRunner.RunAsync(Args("--as-of", "2025-12-31", "--update", "--changes", P("changes.csv")));

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"lo stato della stratificazione precedente ({P("levels.csv.state")}) è danneggiato o troncato");
        result.Error.ShouldNotContain("   at ");
        File.ReadAllText(P("levels.csv")).ShouldBe(levels);
        File.ReadAllBytes(P("levels.csv.state")).Length.ShouldBe(state.Length - 10);
        File.Exists(P("changes.csv")).ShouldBeFalse();
        Directory.GetFiles(_dir, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public async Task UpdateWithRegionalLayouts_ReadsTheRegionsFiles_AndNamesTheSourceLineAndColumnOfABadRow()
    {
        (await GenerateAsync(300)).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync(Args("--as-of", "2025-12-31"))).ExitCode.ShouldBe(0);
        string person = File.ReadAllLines(P("persons.csv"))[1].Split(',')[0];
        File.WriteAllText(P("sdo.csv"), File.ReadAllLines(P("sdo.csv"))[0] + "\n");
        File.WriteAllText(P("persons.csv"), File.ReadAllLines(P("persons.csv"))[0] + "\n");
        File.WriteAllText(P("outpatient.csv"), "person_id,date,code\n");
        File.WriteAllText(P("farmaci.txt"), "ID_ASSISTITO|DATA_ORA_EROGAZIONE|COD_AIC|NUM_CONFEZIONI\n"
            + string.Concat(Enumerable.Range(1, 3).Select(m => $"{person}|2025{m + 8:00}01093000|017758018|1\n")));
        File.WriteAllText(P("esenzioni.txt"), "ID_ASSISTITO;COD_ESENZIONE;DATA_INIZIO_VALIDITA;DATA_FINE_VALIDITA\n"
            + $"{person};0A31;01/01/2024;\n{person};031A.401;01/01/2024;\n{person};023.585;01/01/2024;\n{person};048;01/01/2024;31/12/2026\n{person};048;2024-01-01;\n");
        string Shipped(string name) => Path.Combine(AppContext.BaseDirectory, "data", "stratification", "layouts", name);

        var result = await CliRunner.RunAsync(Args("--as-of", "2025-12-31", "--update", "--changes", P("changes.csv"),
            "--drugs-layout", Shipped("farmaceutica-aic-esempio-regionale.json"), "--exemptions-layout", Shipped("esenzioni-esempio-regionale.json"))
            .Select(a => a == P("drugs.csv") ? P("farmaci.txt") : a == P("exemptions.csv") ? P("esenzioni.txt") : a).ToArray());

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("esenzioni.txt: riga 6: colonna start_date (DATA_INIZIO_VALIDITA): '2024-01-01': data non valida (formati del layout: dd/MM/yyyy)");
        result.Error.ShouldNotContain("   at ");
        File.ReadAllLines(P("changes.csv")).ShouldContain(l => l.StartsWith($"{person},", StringComparison.Ordinal) && l.Contains(",1,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FormulaPersonId_IsNeutralisedInTheLevels()
    {
        (await GenerateAsync(20)).ExitCode.ShouldBe(0);
        int columns = File.ReadLines(P("persons.csv")).First().Split(',').Length;
        File.AppendAllText(P("persons.csv"), "=1+1,1950-01-01,1,321,M1," + new string(',', columns - 6) + "\n");

        var result = await CliRunner.RunAsync(Args("--as-of", "2025-12-31"));

        result.ExitCode.ShouldBe(0, result.Error);
        File.ReadAllLines(P("levels.csv")).ShouldContain(l => l.StartsWith("'=1+1,", StringComparison.Ordinal));
    }
}
