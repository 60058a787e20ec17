using Territorio.Data.Rehab;
using Territorio.Flows.Layouts;
using Territorio.Flows.Reference;
using Territorio.Flows.Rehab;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Rehab.Decree;
using Territorio.Rehab.Pipeline;
using Territorio.Rehab.Rules;

namespace Territorio.Web.Rehab;

/// <summary>What a check of an SDO file found, besides the verdicts handed over while it ran.</summary>
/// <param name="AcuteRowsKeptForLinkage">Errors of acute rows faulty outside the linkage, named but used (decisions 0206, 0221): not discarded.</param>
public sealed record RehabPipelineResult(long AcuteRows, int RehabAdmissions, IReadOnlyList<InputError> Errors, IReadOnlyList<RehabRunIndicator> Indicators)
{
    public int AcuteRowsKeptForLinkage { get; } = AcuteRowLinkage.KeptCount(Errors);

    /// <summary>The errors of rows the check discarded (all the errors but those of acute rows kept for the linkage).</summary>
    public int Discarded => Errors.Count - AcuteRowsKeptForLinkage;
}

/// <summary>
/// The web application's only door to the rehab check pipeline (<c>Territorio.Flows.Rehab</c>:
/// <c>RehabCheck.Run(path, sink)</c>, <c>RehabCheckResult</c>, <c>JudgedAdmission</c>, <c>AdmissionOutcome</c>,
/// <c>Monitoring.Indicators</c>), so that a change of the pipeline touches this class alone.
/// The rule set comes from configuration (<see cref="RehabWebOptions.RuleSet"/>) and is loaded once.
/// </summary>
public sealed class RehabPipelineAdapter(RuleSet rules, Icd9CmCatalogue catalogue, DiagnosisMdcTable? mdcTable = null)
{
    /// <summary>The dimension of the indicator row that counts the whole group (<c>RehabReport</c>'s first row).</summary>
    public const string TotalDimension = "totale";

    public RuleSet Rules => rules;

    /// <summary>
    /// Loads the configured rule set and diagnosis → MDC table (or the shipped provisional ones);
    /// a malformed one stops here, named by file, line, column and reason.
    /// </summary>
    public static RehabPipelineAdapter Load(ReferenceData data, string? ruleSetPath, string? mdcTablePath = null) =>
        new(RuleSetFile.Load(ruleSetPath is { Length: > 0 } path ? path : RuleSetFile.DefaultPath(data), data.Icd9Cm), data.Icd9Cm,
            mdcTablePath is { Length: > 0 } table ? DiagnosisMdcTable.Load(table) : data.DiagnosisMdc);

    /// <summary>The diagnosis → MDC table checks read, as a page names it (file, status, version, date); null: none.</summary>
    public string? MdcTableDescription => mdcTable?.Description;

    /// <summary>
    /// Checks an SDO file. Verdicts, with every check, are handed to <paramref name="onVerdicts"/>
    /// block by block in file order on the calling thread (write them as they come: they are not
    /// kept); the indicators of art.5 are computed with <c>RehabReport</c> for the whole file and
    /// for each structure's own admissions.
    /// </summary>
    /// <remarks>A file in a region's <paramref name="layout"/> (null: Territorio's columns) is rewritten in <paramref name="workDirectory"/>; lines and errors are the file's own.</remarks>
    public RehabPipelineResult Run(string sdoPath, FlowLayout? layout, string? workDirectory, Action<IReadOnlyList<RehabRunVerdict>> onVerdicts)
    {
        var result = LayoutCheck.Run(rules, new SdoCsvReader(catalogue, mdcTable), sdoPath, layout, workDirectory, new Sink(onVerdicts));
        return new RehabPipelineResult(result.AcuteRows, result.Admissions.Count, result.Errors, IndicatorsOf(result.Admissions));
    }

    /// <summary>The columns an SDO file must have (any order).</summary>
    public static IReadOnlyList<string> SdoColumnNames => SdoColumns.Names;

    /// <summary>The header of the verdicts CSV of <c>territorio rehab check --out</c>.</summary>
    public static string VerdictCsvHeader => VerdictFiles.VerdictHeader;

    /// <summary>A CSV field quoted as the pipeline's own outputs quote it.</summary>
    public static string CsvField(string value) => RehabOutputs.Csv(value);

    private static List<RehabRunIndicator> IndicatorsOf(IReadOnlyList<AdmissionOutcome> admissions)
    {
        var rows = new List<RehabRunIndicator>();
        Add("", admissions);
        foreach (var structure in admissions.GroupBy(a => a.StructureId, StringComparer.Ordinal))
        {
            Add(structure.Key, [.. structure]);
        }

        return rows;

        void Add(string scope, IReadOnlyList<AdmissionOutcome> subset) =>
            rows.AddRange(Monitoring.Indicators(subset).Select((i, ordinal) => new RehabRunIndicator
            {
                Scope = scope,
                Ordinal = ordinal,
                Dimension = i.Dimension,
                Value = i.Value,
                Total = i.Total,
                Appropriate = i.Appropriate,
                Inappropriate = i.Inappropriate,
                OutOfScope = i.OutOfScope,
                NotAssessable = i.NotAssessable,
                ShareAppropriate = i.ShareAppropriate,
                MedianIntervalDays = i.MedianIntervalDays,
            }));
    }

    /// <summary>Turns each block into rows in parallel (checks serialised there), hands them over in order.</summary>
    private sealed class Sink(Action<IReadOnlyList<RehabRunVerdict>> onVerdicts) : IVerdictSink<RehabRunVerdict[]>
    {
        public RehabRunVerdict[] Prepare(IReadOnlyList<JudgedAdmission> block) =>
            block.Select(a => StoredVerdicts.ToRow(a.Record, a.Line, a.Verdict)).ToArray();

        public void Write(RehabRunVerdict[] prepared) => onVerdicts(prepared);
    }
}
