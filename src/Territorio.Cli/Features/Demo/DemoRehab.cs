using Territorio.Cli.Features.Rehab;
using Territorio.Flows.Rehab;
using Territorio.Rehab.Pipeline;
using Territorio.Web.Rehab;

namespace Territorio.Cli.Features.Demo;

/// <summary>
/// The rehab part of <c>demo run</c>: a small SDO flow, checked by DM 5/8/2021 into files and
/// loaded as a run of the demo ATS, so that the web screens have data.
/// </summary>
public static class DemoRehab
{
    public static async Task RunAsync(CliEnvironment env, int seed, CancellationToken ct)
    {
        string folder = Path.GetFullPath(Path.Combine(env.Database.DataDirectory, "riabilitazione"));
        Directory.CreateDirectory(folder);
        string sdo = Path.Combine(folder, "sdo.csv");
        DemoSdoCommand.Generate(sdo, 20_000, 2_000, seed);
        env.Output.WriteLine($"flusso SDO demo: {sdo}");
        RehabCommands.Run(env, new RehabCheckOptions(
            sdo,
            Path.Combine(folder, "verdicts.csv"),
            Rules: null,
            Errors: Path.Combine(folder, "errors.csv"),
            Json: Path.Combine(folder, "verdicts.jsonl"),
            Report: Path.Combine(folder, "report.html")));
        if (await RehabDemo.LoadAsync(env.Database, env.ReferenceData, RehabWebOptions.From(env.Configuration), sdo, TimeProvider.System, ct) is { } run)
        {
            env.Output.WriteLine($"riabilitazione demo: esecuzione {run.Id} dell'{Care.CareCli.CataloguesOf(env).AtsLabel(run.Ats)} nel database ({Italian.Number(run.RehabAdmissions)} giudizi)");
        }
    }
}
