using System.CommandLine;
using System.CommandLine.Help;
using Territorio.Cli;
using Territorio.Flows.Reference;
using Territorio.Rehab.Batch;

namespace Territorio.CommandLine.Tests;

/// <summary>
/// Every command and subcommand of both executables, asked for its help and given a usage mistake,
/// answers in Italian: a new command cannot bring System.CommandLine's English back unnoticed.
/// </summary>
public class ItalianCommandLineTests
{
    // System.CommandLine's own English words: layout titles, labels, built-in option descriptions, parse errors.
    private static readonly string[] English =
    [
        "Usage", "Options:", "Commands:", "Arguments:", "Description:", "REQUIRED", "[default", "Show help", "Show version",
        "Unrecognized command", "is required", "Required command", "Required argument", "was not provided", "Cannot parse",
        "File does not exist", "Directory does not exist", "expected type", "Option '", "Argument '", "Command '",
        "cannot be combined", "Did you mean", "Unhandled exception",
    ];

    public static TheoryData<string> Executables => new() { "territorio", "territorio-rehab" };

    [Theory]
    [MemberData(nameof(Executables))]
    public async Task EveryCommand_HelpAndUsageErrors_SpeakItalian(string executable)
    {
        var commands = Paths(RootOf(executable), []).ToList();
        commands.Count.ShouldBeGreaterThan(1);
        foreach (var (path, command) in commands)
        {
            string shown = string.Join(' ', [executable, .. path]);
            var help = await RunAsync(executable, [.. path, "--help"]);
            help.Code.ShouldBe(0, shown);
            help.Output.ShouldContain("Utilizzo:", customMessage: shown);
            NoEnglish(help.Output + help.Error, shown + " --help");

            var unknown = await RunAsync(executable, [.. path, "--opzione-inesistente"]);
            unknown.Code.ShouldBe(2, shown);
            unknown.Error.ShouldContain("argomento non riconosciuto: '--opzione-inesistente'", customMessage: shown);
            unknown.Error.ShouldContain($"({shown} --help per l'uso)", customMessage: shown);
            NoEnglish(unknown.Output + unknown.Error, shown + " --opzione-inesistente");

            // Each option of its own given no value, and a value options of a number refuse.
            foreach (var option in command.Options.Where(o => o.ValueType != typeof(bool) && o is not HelpOption and not VersionOption))
            {
                var noValue = await RunAsync(executable, [.. path, option.Name]);
                noValue.Code.ShouldBe(2, $"{shown} {option.Name}");
                NoEnglish(noValue.Output + noValue.Error, $"{shown} {option.Name}");
                if (option.ValueType == typeof(int) || option.ValueType == typeof(long) || option.ValueType == typeof(int?))
                {
                    var notANumber = await RunAsync(executable, [.. path, option.Name, "abc"]);
                    notANumber.Code.ShouldBe(2, $"{shown} {option.Name} abc");
                    notANumber.Error.ShouldContain($"valore non valido per {option.Name}: 'abc'", customMessage: shown);
                    NoEnglish(notANumber.Output + notANumber.Error, $"{shown} {option.Name} abc");
                }
            }

            // Alone, a command that needs a subcommand or required options is a usage mistake (others would run).
            if ((command.Subcommands.Count > 0 && command.Action is null) || ItalianHelp.OptionsOf(command).Any(o => o.Required))
            {
                var alone = await RunAsync(executable, path);
                alone.Code.ShouldBe(2, shown);
                alone.Error.ShouldStartWith("errore: ", customMessage: shown);
                NoEnglish(alone.Output + alone.Error, shown);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Executables))]
    public async Task RequiredOptions_AreMarkedInTheHelp_AndNamedWhenMissing(string executable)
    {
        var help = await RunAsync(executable, executable == "territorio" ? ["rehab", "check", "--help"] : ["check", "--help"]);
        help.Output.Split('\n').Single(l => l.TrimStart().StartsWith("--sdo", StringComparison.Ordinal)).ShouldEndWith("(obbligatoria)");

        var missing = await RunAsync(executable, executable == "territorio" ? ["rehab", "check"] : ["check"]);
        missing.Code.ShouldBe(2);
        missing.Error.ShouldContain("mancano le opzioni obbligatorie --sdo, --out");
    }

    [Fact]
    public async Task RootHelp_DescribesTheBuiltInOptionsInItalian()
    {
        foreach (string executable in new[] { "territorio", "territorio-rehab" })
        {
            var help = await RunAsync(executable, ["--help"]);
            help.Output.ShouldContain(ItalianHelp.HelpDescription);
            help.Output.ShouldContain(ItalianHelp.VersionDescription);
        }
    }

    private static void NoEnglish(string text, string shown)
    {
        foreach (string phrase in English)
        {
            text.ShouldNotContain(phrase, Case.Sensitive, $"{shown}: «{phrase}» in\n{text}");
        }
    }

    private static RootCommand RootOf(string executable) => executable == "territorio"
        ? CliApp.BuildRoot(new CliEnvironment(TextWriter.Null, TextWriter.Null, CliEnvironment.BuildConfiguration(), interactive: false))
        : BatchApp.BuildRoot(ReferenceData.Default(), TextWriter.Null, TextWriter.Null, PlainProgressWriter.DefaultInterval);

    private static async Task<(int Code, string Output, string Error)> RunAsync(string executable, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = executable == "territorio"
            ? await CliApp.RunAsync(args, new CliEnvironment(output, error, CliEnvironment.BuildConfiguration(), interactive: false), TestContext.Current.CancellationToken)
            : await BatchApp.RunAsync(args, ReferenceData.Default(), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static IEnumerable<(string[] Path, Command Command)> Paths(Command command, string[] prefix)
    {
        yield return (prefix, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var path in Paths(sub, [.. prefix, sub.Name]))
            {
                yield return path;
            }
        }
    }
}
