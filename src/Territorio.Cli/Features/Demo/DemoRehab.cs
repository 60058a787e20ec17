using Territorio.Cli.Features.Rehab;

namespace Territorio.Cli.Features.Demo;

/// <summary>The rehab part of <c>demo run</c>: a small SDO flow, checked by DM 5/8/2021.</summary>
public static class DemoRehab
{
    public static void Run(CliEnvironment env, int seed)
    {
        string folder = Path.GetFullPath(Path.Combine(env.Database.DataDirectory, "riabilitazione"));
        Directory.CreateDirectory(folder);
        string sdo = Path.Combine(folder, "sdo.csv");
        DemoSdoCommand.Generate(sdo, 20_000, 2_000, seed);
        env.Output.WriteLine($"flusso SDO demo: {sdo}");
        RehabCommands.Run(env, new RehabCommands.RehabCheckOptions(
            sdo,
            Path.Combine(folder, "verdicts.csv"),
            Rules: null,
            Errors: Path.Combine(folder, "errors.csv"),
            Json: Path.Combine(folder, "verdicts.jsonl"),
            Report: Path.Combine(folder, "report.html")));
    }
}
