using System.CommandLine;
using Territorio.Flows.Rehab;
using Territorio.Flows.Sdo;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Cli.Features.Rehab;

/// <summary>
/// <c>territorio rehab check</c>: the appropriateness of every rehab admission of an SDO file
/// by DM 5 agosto 2021, with a versioned rule set.
/// </summary>
public static class RehabCommands
{
    public static Command Build(CliEnvironment env)
    {
        var sdo = CommandExtensions.ExistingFile("--sdo", "File SDO in CSV (ricoveri per acuti e di riabilitazione, intestazione con i nomi delle colonne).");
        var output = new Option<FileInfo>("--out") { Description = "File CSV dei giudizi, uno per ricovero di riabilitazione (discipline 28, 56, 75).", Required = true };
        var rules = CommandExtensions.ExistingFile("--rules", "Rule set (allegati, soglie); se assente, quello provvisorio in data/rehab/.", required: false);
        var errors = new Option<FileInfo>("--errors") { Description = "File CSV delle righe scartate (riga, colonna, valore, motivo)." };
        var json = new Option<FileInfo>("--json") { Description = "File JSON lines dei giudizi, con ogni controllo strutturato." };
        var report = new Option<FileInfo>("--report") { Description = "Rapporto di monitoraggio (art.5): scrive NOME.csv e NOME.html." };

        var check = new Command("check", "Giudica l'appropriatezza di ogni ricovero di riabilitazione (DM 5/8/2021).") { sdo, output, rules, errors, json, report };
        check.SetAction(async (parse, ct) =>
        {
            var options = new RehabCheckOptions(
                parse.GetValue(sdo)!.FullName,
                parse.GetValue(output)!.FullName,
                parse.GetValue(rules)?.FullName,
                parse.GetValue(errors)?.FullName,
                parse.GetValue(json)?.FullName,
                parse.GetValue(report)?.FullName);
            return await ProgressDisplay.RunAsync(env, "Controllo appropriatezza", _ => Task.Run(() => Run(env, options), ct));
        });

        return new Command("rehab", "Appropriatezza dei ricoveri di riabilitazione (DM 5 agosto 2021).") { check };
    }

    public sealed record RehabCheckOptions(string Sdo, string Out, string? Rules, string? Errors, string? Json, string? Report);

    /// <summary>Runs the check and writes every requested output; exit code 1 when rows were rejected.</summary>
    public static int Run(CliEnvironment env, RehabCheckOptions options)
    {
        var catalogue = env.ReferenceData.Icd9Cm;
        // A malformed rule set is refused here, before the SDO file is touched.
        var ruleSet = RuleSetFile.Load(options.Rules ?? RuleSetFile.DefaultPath(env.ReferenceData), catalogue);
        RehabCheckResult result;
        using (var files = new VerdictFiles(options.Out, options.Json, ruleSet))
        {
            result = new RehabCheck(ruleSet, new SdoCsvReader(catalogue)).Run(options.Sdo, files);
        }

        var clock = Territorio.Flows.Diagnostics.PhaseClock.Start();
        if (options.Errors is { } errorsPath)
        {
            RehabOutputs.WriteErrors(errorsPath, result.Errors);
        }

        string? reportFiles = null;
        if (options.Report is { } reportPath)
        {
            var (csv, html) = RehabReport.Write(reportPath, result.Admissions, ruleSet, Path.GetFileName(options.Sdo));
            reportFiles = $"{csv}, {html}";
        }

        clock.Lap("errors+report");
        Summarise(env, ruleSet, result, options, reportFiles);
        clock.Lap("summary");
        return result.Errors.Count > 0 ? ExitCodes.BadData : ExitCodes.Ok;
    }

    private static void Summarise(CliEnvironment env, RuleSet ruleSet, RehabCheckResult result, RehabCheckOptions options, string? reportFiles)
    {
        var o = env.Output;
        if (ruleSet.IsProvisional)
        {
            o.WriteLine($"ATTENZIONE: rule set PROVVISORIO {ruleSet.Label}: allegati e soglie non ufficiali, nessun valore amministrativo.");
        }

        int Count(Verdict v) => result.Admissions.Count(a => a.Verdict == v);
        o.WriteLine($"ricoveri di riabilitazione giudicati: {Italian.Number(result.Admissions.Count)} (ricoveri per acuti letti: {Italian.Number(result.AcuteRows)})");
        o.WriteLine($"  appropriati {Italian.Number(Count(Verdict.Appropriate))}, inappropriati {Italian.Number(Count(Verdict.Inappropriate))}, non valutabili {Italian.Number(Count(Verdict.NotAssessable))}, fuori ambito {Italian.Number(Count(Verdict.OutOfScope))}");
        o.WriteLine($"giudizi: {options.Out}");
        if (options.Json is not null)
        {
            o.WriteLine($"giudizi JSON: {options.Json}");
        }

        if (reportFiles is not null)
        {
            o.WriteLine($"rapporto: {reportFiles}");
        }

        if (result.Errors.Count > 0)
        {
            env.Error.WriteLine($"righe scartate: {Italian.Number(result.Errors.Count)}{(options.Errors is null ? " (usa --errors FILE per l'elenco); la prima: " + result.Errors[0] : $", elenco in {options.Errors}")}");
        }
    }
}
