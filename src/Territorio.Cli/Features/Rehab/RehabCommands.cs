using System.CommandLine;
using Territorio.Flows.Files;
using Territorio.Flows.Reference;
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
            ImportMdcCommand(env),
        };

    /// <summary>
    /// <c>territorio rehab import-mdc</c>: the grouper's official diagnosis → MDC table in place of the
    /// provisional <c>data/sdo/diagnosis_mdc.csv</c> (data/README.md).
    /// </summary>
    private static Command ImportMdcCommand(CliEnvironment env)
    {
        var file = CommandExtensions.ExistingFile("--file", "Tabella delle diagnosi del grouper: una riga per codice ICD-9-CM con la sua MDC (colonne 'diagnosi' o 'codice', e 'mdc'; separatore ; o ,).");
        var version = new Option<string>("--version") { Description = "Versione del grouper e della tabella, scritta in ogni riga (es. CMS-DRG v24 Regione Lombardia 2026).", Required = true };
        var date = new Option<string>("--date") { Description = "Data di pubblicazione della tabella, AAAA-MM-GG.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Tabella diagnosi → MDC da scrivere (sostituisce data/sdo/diagnosis_mdc.csv).", Required = true };
        var import = new Command("import-mdc", "Costruisce la tabella diagnosi principale → MDC dalla tabella ufficiale del grouper.") { file, version, date, output };
        import.SetAction(parse =>
        {
            string dateText = parse.GetValue(date)!;
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var published))
            {
                throw new UsageException($"--date: data non valida '{dateText}' (atteso AAAA-MM-GG)");
            }

            string source = parse.GetValue(file)!.FullName, target = parse.GetValue(output)!.FullName;
            if (OutputPaths.Clash([("--file", source)], [("--out", target)]) is { } clash)
            {
                throw new UsageException(clash);
            }

            int rejected = 0, categories = 0;
            OutputFile.WriteText(target, writer =>
            {
                using var input = CheckedTextStream.OpenText(source);
                categories = DiagnosisMdcImporter.Import(input, source, writer, parse.GetValue(version)!, published, error =>
                {
                    rejected++;
                    env.Error.WriteLine($"{error.File}: riga {error.Line}: colonna {error.Field}: '{error.Value}': {error.Reason}");
                });
            });

            env.Output.WriteLine($"tabella diagnosi → MDC: {Italian.Number(categories)} categorie in {target}" + (rejected > 0 ? $"; {Italian.Number(rejected)} righe scartate" : "")
                + $"; per usarla: territorio rehab check --mdc-table {target} (oppure copiala su {env.ReferenceData.PathOf("sdo", DiagnosisMdcTable.FileName)} per ogni controllo)");
            return rejected > 0 ? ExitCodes.BadData : ExitCodes.Ok;
        });
        return import;
    }

    /// <summary>Runs the check and writes every requested output; exit code 1 when rows were rejected.</summary>
    public static int Run(CliEnvironment env, RehabCheckOptions options) =>
        RehabCheckJob.Run(env.ReferenceData, options, env.Output, env.Error) == 0 ? ExitCodes.Ok : ExitCodes.BadData;
}
