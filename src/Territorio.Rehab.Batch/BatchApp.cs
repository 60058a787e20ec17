using System.CommandLine;
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
    public static async Task<int> RunAsync(string[] args, ReferenceData data, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Territorio: appropriatezza dei ricoveri di riabilitazione (DM 5 agosto 2021), eseguibile nativo.")
        {
            RehabCheckCommand.Build((options, _) => Task.FromResult(RehabCheckJob.Run(data, options, output, error))),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"errore: {parse.Errors[0].Message} (territorio-rehab --help per l'uso)");
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
}
