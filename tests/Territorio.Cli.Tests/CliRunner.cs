using Territorio.Cli;

namespace Territorio.Cli.Tests;

/// <summary>Runs the territorio command in-process, capturing what it prints.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error);

public static class CliRunner
{
    public static async Task<CliResult> RunAsync(IDictionary<string, string?>? configuration, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment(output, error, CliEnvironment.BuildConfiguration(configuration), interactive: false);
        int code = await CliApp.RunAsync(args, env, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs with <paramref name="input"/> as the standard input (a password given with --password-stdin).</summary>
    public static async Task<CliResult> RunWithInputAsync(IDictionary<string, string?> configuration, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment(output, error, CliEnvironment.BuildConfiguration(configuration), interactive: false) { Input = new StringReader(input) };
        int code = await CliApp.RunAsync(args, env, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs with both streams into one log, as a CI job records a redirected run, and progress lines
    /// every <paramref name="interval"/>; the log is in <see cref="CliResult.Output"/>.
    /// </summary>
    public static async Task<CliResult> RunLoggedAsync(TimeSpan interval, params string[] args)
    {
        using var log = new StringWriter();
        var env = new CliEnvironment(log, log, CliEnvironment.BuildConfiguration(), interactive: false) { ProgressInterval = interval };
        int code = await CliApp.RunAsync(args, env, TestContext.Current.CancellationToken);
        return new CliResult(code, log.ToString(), "");
    }
}
