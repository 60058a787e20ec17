using System.CommandLine;
using Territorio.CommandLine;
using Territorio.Flows.Reference;
using Territorio.Flows.Rehab;
using Territorio.Kernel.Errors;
using Territorio.Rehab.Pipeline;
using Territorio.Rehab.Pipeline.Cli;

namespace Territorio.Rehab.Batch;

/// <summary>
/// The <c>territorio-rehab</c> command: <c>check</c> as <c>territorio rehab check</c> runs it,
/// compiled ahead of time for national-scale files (decision 0114). Exit codes: 0 ok, 1 bad data,
/// 2 bad usage; a user's mistake gets one line on stderr, never a stack trace.
/// </summary>
public static class BatchApp
{
    /// <param name="progressInterval">How often a progress line is written on <paramref name="error"/> (default every 5 seconds).</param>
    public static async Task<int> RunAsync(string[] args, ReferenceData data, TextWriter output, TextWriter error, TimeSpan? progressInterval = null)
    {
        var parse = ItalianUsage.Parse(BuildRoot(data, output, error, progressInterval ?? PlainProgressWriter.DefaultInterval), args);
        if (ItalianUsage.ErrorLine(parse, "territorio-rehab") is { } usage)
        {
            error.WriteLine(usage);
            return 2;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is InputDataException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"errore nei dati: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The command tree, progress lines on <paramref name="error"/> every <paramref name="progressInterval"/>.</summary>
    public static RootCommand BuildRoot(ReferenceData data, TextWriter output, TextWriter error, TimeSpan progressInterval)
    {
        var root = new RootCommand("Territorio: appropriatezza dei ricoveri di riabilitazione (DM 5 agosto 2021), eseguibile nativo.")
        {
            RehabCheckCommand.Build((options, _) => Task.FromResult(RehabCheckJob.RunWithProgressLines(data, options, output, error, error, progressInterval))),
        };
        ItalianHelp.Install(root);
        return root;
    }
}
