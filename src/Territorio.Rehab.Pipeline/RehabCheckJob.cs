using Territorio.Flows;
using Territorio.Flows.Layouts;
using Territorio.Flows.Reference;
using Territorio.Flows.Rehab;
using Territorio.Flows.Sdo;
using Territorio.Rehab.Decree;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Pipeline.Diagnostics;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Pipeline;

/// <summary>What <c>rehab check</c> is asked for: the SDO file and every output (null: not written).</summary>
/// <param name="Layout">A region's layout of its SDO file (docs/flow-layouts.md); null: Territorio's own columns.</param>
public sealed record RehabCheckOptions(string Sdo, string Out, string? Rules, string? Errors, string? Json, string? Report, string? Layout = null);

/// <summary>
/// The whole <c>rehab check</c> as a user runs it, from either executable: <c>territorio rehab
/// check</c> and the native <c>territorio-rehab check</c> (decision 0114). Loads the rule set
/// (a malformed one is refused before the SDO file is touched), checks the file, writes every
/// requested output and a summary for people.
/// </summary>
public static class RehabCheckJob
{
    /// <summary>Runs the check; the exit code is 1 when rows were rejected, 0 otherwise.</summary>
    public static int Run(ReferenceData data, RehabCheckOptions options, TextWriter output, TextWriter error)
    {
        var catalogue = data.Icd9Cm;
        var ruleSet = RuleSetFile.Load(options.Rules ?? RuleSetFile.DefaultPath(data), catalogue);
        Territorio.Flows.Files.CheckedTextStream.CheckHead(options.Sdo);
        var layout = options.Layout is { } layoutPath ? FlowLayout.Load(layoutPath, FlowSchema.Sdo) : null;

        RehabCheckResult result;
        // Verdicts go to temporaries, moved into place only when the whole check succeeded.
        using var verdicts = Territorio.Flows.Files.OutputFile.Create(options.Out);
        using var json = options.Json is null ? null : Territorio.Flows.Files.OutputFile.Create(options.Json);
        using (var files = new VerdictFiles(verdicts, json, ruleSet))
        {
            // A region's own columns are rewritten beside the outputs first; Territorio's are read as they are.
            result = LayoutCheck.Run(ruleSet, new SdoCsvReader(catalogue, data.DiagnosisMdc), options.Sdo, layout, Path.GetDirectoryName(Path.GetFullPath(options.Out)), files);
        }

        verdicts.Commit();
        json?.Commit();

        var clock = PhaseClock.Start();
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
        Summarise(ruleSet, result, options, reportFiles, output, error);
        clock.Lap("summary");
        return result.Errors.Count > 0 ? 1 : 0;
    }

    private static void Summarise(RuleSet ruleSet, RehabCheckResult result, RehabCheckOptions options, string? reportFiles, TextWriter o, TextWriter error)
    {
        if (ruleSet.IsProvisional)
        {
            o.WriteLine($"ATTENZIONE: regole PROVVISORIE {ruleSet.Label}: allegati e soglie non ufficiali, nessun valore amministrativo.");
        }

        int Count(Verdict v) => result.Admissions.Count(a => a.Verdict == v);
        o.WriteLine($"ricoveri di riabilitazione giudicati: {Italian.Number(result.Admissions.Count)} (ricoveri per acuti letti: {Italian.Number(result.AcuteRows)})");
        o.WriteLine($"  appropriati {Italian.Number(Count(Verdict.Appropriate))}, inappropriati {Italian.Number(Count(Verdict.Inappropriate))}, non valutabili {Italian.Number(Count(Verdict.NotAssessable))}, fuori ambito {Italian.Number(Count(Verdict.OutOfScope))}");
        int contradicted = result.Admissions.Count(a => a.MdcContradicted);
        if (contradicted > 0)
        {
            o.WriteLine($"  MDC in contrasto con la diagnosi principale: {Italian.Number(contradicted)} {(contradicted == 1 ? "ricovero" : "ricoveri")} (avviso nel giudizio; l'ambito usa la MDC indicata)");
        }

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
            error.WriteLine($"righe scartate: {Italian.Number(result.Errors.Count)}{(options.Errors is null ? " (usa --errors FILE per l'elenco); la prima: " + result.Errors[0] : $", elenco in {options.Errors}")}");
        }
    }
}
