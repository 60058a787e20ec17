using Territorio.CommandLine;
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
/// <param name="MdcTable">A diagnosis → MDC table (an official one written by <c>rehab import-mdc</c>); null: the shipped one.</param>
public sealed record RehabCheckOptions(string Sdo, string Out, string? Rules, string? Errors, string? Json, string? Report, string? Layout = null, string? MdcTable = null);

/// <summary>
/// The whole <c>rehab check</c> as a user runs it, from either executable: <c>territorio rehab
/// check</c> and the native <c>territorio-rehab check</c> (decision 0114). Loads the rule set
/// (a malformed one is refused before the SDO file is touched), checks the file, writes every
/// requested output and a summary for people.
/// </summary>
public static class RehabCheckJob
{
    /// <summary>Runs the check and prints its summary; the exit code is 1 when rows were rejected, 0 otherwise.</summary>
    public static int Run(ReferenceData data, RehabCheckOptions options, TextWriter output, TextWriter error) =>
        Summarise(Check(data, options, progress: null), output, error);

    /// <summary>
    /// Runs the check with a progress display on <paramref name="progressOutput"/>: plain lines every
    /// <paramref name="interval"/>, stopped before the summary is printed, so the summary is last.
    /// </summary>
    public static int RunWithProgressLines(ReferenceData data, RehabCheckOptions options, TextWriter output, TextWriter error, TextWriter progressOutput, TimeSpan interval)
    {
        var progress = new WorkProgress();
        RehabCheckDone done;
        using (var lines = new PlainProgressWriter(ProgressTitle, progress, progressOutput, interval))
        {
            done = Check(data, options, progress);
            lines.Complete();
        }

        return Summarise(done, output, error);
    }

    /// <summary>What a progress display calls the check.</summary>
    public const string ProgressTitle = "controllo appropriatezza";

    /// <summary>Checks the file and writes every requested output; prints nothing (<see cref="Summarise"/> does).</summary>
    public static RehabCheckDone Check(ReferenceData data, RehabCheckOptions options, WorkProgress? progress)
    {
        var catalogue = data.Icd9Cm;
        var ruleSet = RuleSetFile.Load(options.Rules ?? RuleSetFile.DefaultPath(data), catalogue);
        var mdcTable = options.MdcTable is { } tablePath ? DiagnosisMdcTable.Load(tablePath) : data.DiagnosisMdc;
        Territorio.Flows.Files.CheckedTextStream.CheckHead(options.Sdo);
        var layout = options.Layout is { } layoutPath ? FlowLayout.Load(layoutPath, FlowSchema.Sdo) : null;

        RehabCheckResult result;
        // Verdicts go to temporaries, moved into place only when the whole check succeeded.
        using var verdicts = Territorio.Flows.Files.OutputFile.Create(options.Out);
        using var json = options.Json is null ? null : Territorio.Flows.Files.OutputFile.Create(options.Json);
        using (var files = new VerdictFiles(verdicts, json, ruleSet))
        {
            // A region's own columns are rewritten beside the outputs first; Territorio's are read as they are.
            result = LayoutCheck.Run(ruleSet, new SdoCsvReader(catalogue, mdcTable), options.Sdo, layout, Path.GetDirectoryName(Path.GetFullPath(options.Out)), files, progress);
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
            var (csv, html) = RehabReport.Write(reportPath, result.Admissions, ruleSet, Path.GetFileName(options.Sdo), mdcTable);
            reportFiles = $"{csv}, {html}";
        }

        clock.Lap("errors+report");
        return new RehabCheckDone(ruleSet, result, options, reportFiles, mdcTable);
    }

    /// <summary>The summary for people; the exit code is 1 when rows were rejected, 0 otherwise.</summary>
    public static int Summarise(RehabCheckDone done, TextWriter o, TextWriter error)
    {
        var (ruleSet, result, options, reportFiles, mdcTable) = done;
        if (ruleSet.IsProvisional)
        {
            o.WriteLine($"ATTENZIONE: regole PROVVISORIE {ruleSet.Label}: allegati e soglie non ufficiali, nessun valore amministrativo.");
        }

        o.WriteLine($"tabella diagnosi → MDC: {mdcTable.Description}");
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
            // An acute row faulty outside the linkage is named in the errors but not discarded (decisions 0206, 0221).
            int kept = AcuteRowLinkage.KeptCount(result.Errors);
            string counts = kept == 0
                ? $"righe scartate: {Italian.Number(result.Errors.Count)}"
                : $"righe con errori: {Italian.Number(result.Errors.Count)} (scartate {Italian.Number(result.Errors.Count - kept)}; di ricoveri per acuti usate comunque per il collegamento {Italian.Number(kept)})";
            error.WriteLine($"{counts}{(options.Errors is null ? " (usa --errors FILE per l'elenco); la prima: " + result.Errors[0] : $", elenco in {options.Errors}")}");
        }

        return result.Errors.Count > 0 ? 1 : 0;
    }
}

/// <summary>A finished check: what its summary reports.</summary>
/// <param name="MdcTable">The diagnosis → MDC table the check read (the summary and the report name it).</param>
public sealed record RehabCheckDone(RuleSet Rules, RehabCheckResult Result, RehabCheckOptions Options, string? ReportFiles, DiagnosisMdcTable MdcTable);
