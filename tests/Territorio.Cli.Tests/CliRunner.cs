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
}
