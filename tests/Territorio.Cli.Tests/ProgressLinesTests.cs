namespace Territorio.Cli.Tests;

/// <summary>
/// Long commands whose output is not a terminal (CI logs, redirection) write plain progress lines
/// and keep their summary readable after them.
/// </summary>
public sealed class ProgressLinesTests : IDisposable
{
    private static readonly TimeSpan Often = TimeSpan.FromMilliseconds(1);

    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-progress-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task RehabCheck_Redirected_PlainProgressLines_ThenTheSummary()
    {
        (await CliRunner.RunAsync("demo", "sdo", "--acute", "20000", "--rehab", "1000", "--seed", "3", "--out", PathOf("sdo.csv"))).ExitCode.ShouldBe(0);

        var result = await CliRunner.RunLoggedAsync(Often, "rehab", "check", "--sdo", PathOf("sdo.csv"), "--out", PathOf("v.csv"));

        result.ExitCode.ShouldBe(0, result.Output);
        var lines = Lines(result.Output);
        var progress = lines.TakeWhile(l => l.StartsWith("controllo appropriatezza: ", StringComparison.Ordinal)).ToList();
        progress.ShouldNotBeEmpty();
        progress[^1].ShouldBe("controllo appropriatezza: ricoveri di riabilitazione giudicati 1.000 di 1.000 (100%)");
        progress.Where(l => l.Contains(" MB di ", StringComparison.Ordinal)).ShouldAllBe(l => l.StartsWith("controllo appropriatezza: letti ", StringComparison.Ordinal));
        // The summary follows, whole, and no progress line comes after it.
        lines.Skip(progress.Count).ShouldNotContain(l => l.StartsWith("controllo appropriatezza", StringComparison.Ordinal));
        lines.ShouldContain("ricoveri di riabilitazione giudicati: 1.000 (ricoveri per acuti letti: 20.000)");
        lines[^1].ShouldBe($"giudizi: {PathOf("v.csv")}");
    }

    [Fact]
    public async Task DemoPopulation_Redirected_CountsThePersonsWritten_ThenTheSummary()
    {
        var result = await CliRunner.RunLoggedAsync(Often, "demo", "population", "--people", "9000", "--out", PathOf("flussi"));

        result.ExitCode.ShouldBe(0, result.Output);
        var lines = Lines(result.Output);
        var progress = lines.TakeWhile(l => l.StartsWith("regione sintetica: assistiti scritti ", StringComparison.Ordinal)).ToList();
        progress[^1].ShouldBe("regione sintetica: assistiti scritti 9.000 di 9.000 (100%)");
        lines[progress.Count].ShouldStartWith("regione sintetica: 9.000 assistiti in ");
        lines[^1].ShouldStartWith("per stratificare: territorio stratify");
    }

    [Fact]
    public async Task Stratify_Redirected_BytesReadThenPersonsClassified_ThenTheSummary()
    {
        (await CliRunner.RunAsync("demo", "population", "--people", "3000", "--out", PathOf("flussi"))).ExitCode.ShouldBe(0);
        string Flow(string name) => Path.Combine(PathOf("flussi"), name);

        var result = await CliRunner.RunLoggedAsync(Often, "stratify", "--persons", Flow("persons.csv"), "--sdo", Flow("sdo.csv"), "--drugs", Flow("drugs.csv"),
            "--exemptions", Flow("exemptions.csv"), "--outpatient", Flow("outpatient.csv"), "--as-of", "2025-12-31", "--out", PathOf("levels.csv"));

        result.ExitCode.ShouldBe(0, result.Output);
        var lines = Lines(result.Output);
        int last = lines.FindLastIndex(l => l.StartsWith("stratificazione: ", StringComparison.Ordinal));
        lines[last].ShouldBe("stratificazione: persone classificate 3.000 di 3.000 (100%)");
        lines.Take(last).Where(l => l.StartsWith("stratificazione: letti ", StringComparison.Ordinal))
            .ShouldAllBe(l => l.EndsWith("%)", StringComparison.Ordinal) && l.Contains(" MB di ", StringComparison.Ordinal));
        lines[last + 1].ShouldStartWith("stratificazione al 31/12/2025: ");
    }

    /// <summary>The log's lines; a control character (a redrawn bar, a colour) fails the test.</summary>
    private static List<string> Lines(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines.ShouldAllBe(l => !l.Any(char.IsControl));
        return lines;
    }
}
