using System.CommandLine;
using Territorio.Flows.Rehab;
using Territorio.Rehab.Pipeline;
using Territorio.Rehab.Pipeline.Cli;

namespace Territorio.Cli.Features.Rehab;

/// <summary>
/// <c>territorio rehab check</c>: the appropriateness of every rehab admission of an SDO file
/// by DM 5 agosto 2021, with a versioned rule set.
/// </summary>
public static class RehabCommands
{
    public static Command Build(CliEnvironment env) =>
        new("rehab", "Appropriatezza dei ricoveri di riabilitazione (DM 5 agosto 2021).")
        {
            RehabCheckCommand.Build(async (options, ct) =>
            {
                var done = await ProgressDisplay.RunAsync(env, RehabCheckJob.ProgressTitle,
                    progress => Task.Run(() => RehabCheckJob.Check(env.ReferenceData, options, progress), ct));
                return RehabCheckJob.Summarise(done, env.Output, env.Error) == 0 ? ExitCodes.Ok : ExitCodes.BadData;
            }),
        };

    /// <summary>Runs the check and writes every requested output; exit code 1 when rows were rejected.</summary>
    public static int Run(CliEnvironment env, RehabCheckOptions options) =>
        RehabCheckJob.Run(env.ReferenceData, options, env.Output, env.Error) == 0 ? ExitCodes.Ok : ExitCodes.BadData;
}
