using System.CommandLine;
using Territorio.CommandLine;
using Territorio.Flows.Files;
using Territorio.Flows.Rehab;

namespace Territorio.Rehab.Pipeline.Cli;

/// <summary>
/// The <c>check</c> command with its options, shared by <c>territorio rehab check</c> and the
/// native <c>territorio-rehab check</c> (decision 0114): same options, same outputs.
/// </summary>
public static class RehabCheckCommand
{
    /// <param name="run">Runs the check with the parsed options; returns the exit code.</param>
    public static Command Build(Func<RehabCheckOptions, CancellationToken, Task<int>> run)
    {
        var sdo = InputFileOption.Create("--sdo", "File SDO in CSV (ricoveri per acuti e di riabilitazione, intestazione con i nomi delle colonne).", required: true);
        var output = new Option<FileInfo>("--out") { Description = "File CSV dei giudizi, uno per ricovero di riabilitazione (discipline 28, 56, 75).", Required = true };
        var rules = InputFileOption.Create("--rules", "Rule set (allegati, soglie); se assente, quello provvisorio in data/rehab/.", required: false);
        var errors = new Option<FileInfo>("--errors") { Description = "File CSV delle righe scartate (riga, colonna, valore, motivo)." };
        var json = new Option<FileInfo>("--json") { Description = "File JSON lines dei giudizi, con ogni controllo strutturato." };
        var report = new Option<FileInfo>("--report") { Description = "Rapporto di monitoraggio (art.5): scrive NOME.csv e NOME.html." };
        var layout = InputFileOption.Create("--layout", "Layout JSON del file SDO della regione (colonne, separatore, formati delle date: docs/flow-layouts.md); se assente, le colonne di Territorio.", required: false);

        var mdcTable = InputFileOption.Create("--mdc-table", "Tabella diagnosi principale → MDC (quella ufficiale scritta da 'territorio rehab import-mdc'); se assente, quella provvisoria in data/sdo/.", required: false);

        var check = new Command("check", "Giudica l'appropriatezza di ogni ricovero di riabilitazione (DM 5/8/2021).") { sdo, output, rules, errors, json, report, layout, mdcTable };
        check.Validators.Add(result =>
        {
            string? Path(Option<FileInfo> option) => OptionValues.PathOf(result, option);
            string? Beside(string extension) => Path(report) is { } name ? System.IO.Path.ChangeExtension(name, extension) : null;
            if (OutputPaths.Clash(
                [("--sdo", Path(sdo)), ("--rules", Path(rules)), ("--layout", Path(layout)), ("--mdc-table", Path(mdcTable))],
                [("--out", Path(output)), ("--errors", Path(errors)), ("--json", Path(json)), ("--report (.csv)", Beside(".csv")), ("--report (.html)", Beside(".html"))]) is { } clash)
            {
                result.AddError(clash);
            }
        });
        check.SetAction((parse, ct) => run(
            new RehabCheckOptions(
                parse.GetValue(sdo)!.FullName,
                parse.GetValue(output)!.FullName,
                parse.GetValue(rules)?.FullName,
                parse.GetValue(errors)?.FullName,
                parse.GetValue(json)?.FullName,
                parse.GetValue(report)?.FullName,
                parse.GetValue(layout)?.FullName,
                parse.GetValue(mdcTable)?.FullName),
            ct));
        return check;
    }
}

/// <summary>An input file option whose file must exist (else a usage error naming it); the CLI's options use it too.</summary>
public static class InputFileOption
{
    public static Option<FileInfo> Create(string name, string description, bool required)
    {
        var option = new Option<FileInfo>(name) { Description = description, Required = required };
        option.Validators.Add(result =>
        {
            if (OptionValues.TryGet<FileInfo>(result, out var file) && !file.Exists)
            {
                result.AddError($"file non trovato: {file.FullName} ({name})");
            }
        });
        return option;
    }
}
