namespace Territorio.Cli.Tests;

public class CommandLineTests
{
    [Fact]
    public async Task UnknownOption_GivesOneLineErrorAndExitCode2()
    {
        var result = await CliRunner.RunAsync("demo", "run", "--peple", "3");

        result.ExitCode.ShouldBe(2);
        result.Error.TrimEnd().Split('\n').Length.ShouldBe(1);
        result.Error.ShouldContain("--peple");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task UnknownCommand_GivesExitCode2()
    {
        (await CliRunner.RunAsync("frobnicate")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Help_DescribesTheCommandsInItalian()
    {
        var result = await CliRunner.RunAsync("--help");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("demo");
        result.Output.ShouldContain("presa in carico");
    }

    [Fact]
    public async Task Help_OfEveryCommand_SpeaksItalian_RequiredOptionsMarked()
    {
        var root = CliApp.BuildRoot(new CliEnvironment(TextWriter.Null, TextWriter.Null, CliEnvironment.BuildConfiguration(), interactive: false));
        foreach (var path in Paths(root, []))
        {
            var result = await CliRunner.RunAsync([.. path, "--help"]);

            result.ExitCode.ShouldBe(0, string.Join(' ', path));
            foreach (string english in new[] { "Usage", "Options", "Description:", "REQUIRED", "Show help", "[default", "Commands:" })
            {
                result.Output.ShouldNotContain(english, customMessage: string.Join(' ', path));
            }

            result.Output.ShouldContain("Utilizzo:");
        }

        (await CliRunner.RunAsync("stratify", "--help")).Output.ShouldContain("(obbligatoria)");
    }

    [Fact]
    public async Task MissingRequiredOptions_AreNamedInItalian_ExitCode2()
    {
        var result = await CliRunner.RunAsync("contacts", "record", "--paziente", "P1");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("mancano le opzioni obbligatorie --gestore, --tipo, --esito");
        result.Error.ShouldContain("territorio contacts record --help");
    }

    [Theory]
    [InlineData("enrol", "cancel", "--patto", "1", "--gestore", "G1")]
    [InlineData("gestori", "reject", "--gestore", "G1", "--ats", "321", "--livello", "3")]
    [InlineData("bookings", "cancel", "--prenotazione", "1", "--gestore", "G1")]
    public async Task ReasonDemandedByTheCareRules_IsARequiredOption(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("--motivo");
        var help = (await CliRunner.RunAsync([args[0], args[1], "--help"])).Output.Split('\n');
        help.Single(line => line.Contains("--motivo <motivo>", StringComparison.Ordinal)).ShouldEndWith("(obbligatoria)");
    }

    [Fact]
    public async Task UnrecognisedArgument_IsNamedInItalian() =>
        (await CliRunner.RunAsync("stratify", "--foo")).Error.ShouldContain("argomento non riconosciuto: '--foo'");

    private static IEnumerable<string[]> Paths(System.CommandLine.Command command, string[] prefix)
    {
        yield return prefix;
        foreach (var sub in command.Subcommands)
        {
            foreach (var path in Paths(sub, [.. prefix, sub.Name]))
            {
                yield return path;
            }
        }
    }

    [Fact]
    public async Task DemoRun_WithoutServing_FillsTheEmbeddedDatabase()
    {
        string directory = Path.Combine(Path.GetTempPath(), "territorio-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var settings = new Dictionary<string, string?> { ["Database:DataDirectory"] = directory };
            var result = await CliRunner.RunAsync(settings, "demo", "run", "--people", "2000", "--no-serve");

            result.ExitCode.ShouldBe(0, result.Error);
            result.Output.ShouldContain("2.000 assistiti");
            File.Exists(Path.Combine(directory, "territorio.db")).ShouldBeTrue();
            result.Output.ShouldContain("riabilitazione demo: esecuzione ");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
