using System.Text.Json;
using System.Text.Json.Serialization;
using Territorio.Data.Rehab;
using Territorio.Kernel.Hospital;
using Territorio.Rehab.Engine;

namespace Territorio.Web.Rehab;

/// <summary>One check behind a verdict, as stored and as the API shows it (the CLI's JSON-lines shape).</summary>
public sealed record RehabCheckDto(string Article, string Rule, string Outcome, IReadOnlyDictionary<string, string> Inputs, string Detail);

/// <summary>How verdicts of the engine become rows of a run, and back.</summary>
public static class StoredVerdicts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static RehabRunVerdict ToRow(SdoRecord record, long line, RehabVerdict verdict) => new()
    {
        Line = line,
        RecordId = record.RecordId,
        StructureId = record.StructureId,
        Discipline = record.Discipline,
        Regime = record.Regime,
        Mdc = record.Mdc,
        AdmissionDate = record.AdmissionDate,
        DischargeDate = record.DischargeDate,
        PrincipalDiagnosis = record.PrincipalDiagnosis.Value,
        Verdict = RehabVerdict.Code(verdict.Verdict),
        PostAcute = verdict.PostAcute,
        AcuteRecordId = verdict.AcuteRecordId,
        IntervalDays = verdict.IntervalDays,
        Article = verdict.Article,
        Level = verdict.Level,
        ChecksJson = JsonSerializer.Serialize(ChecksOf(verdict.Checks), Json),
    };

    public static IReadOnlyList<RehabCheckDto> ChecksOf(IEnumerable<RuleCheck> checks) =>
        [.. checks.Select(c => new RehabCheckDto(
            c.Article,
            c.Rule,
            c.Outcome.ToString().ToLowerInvariant(),
            c.Inputs.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal),
            c.Detail))];

    public static IReadOnlyList<RehabCheckDto> ChecksOf(RehabRunVerdict row) =>
        JsonSerializer.Deserialize<List<RehabCheckDto>>(row.ChecksJson, Json) ?? [];

    /// <summary>The reasons column of the CLI: every check's detail, in order.</summary>
    public static string ReasonsOf(IReadOnlyList<RehabCheckDto> checks) => string.Join("; ", checks.Select(c => c.Detail));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}

/// <summary>Italian words for verdict codes, check outcomes and levels on the screens.</summary>
public static class RehabLabels
{
    public static readonly IReadOnlyList<string> VerdictCodes = ["appropriate", "inappropriate", "not_assessable", "out_of_scope"];

    public static readonly IReadOnlyList<int> Disciplines = [56, 28, 75];

    /// <summary>The levels a verdict may carry; "nessuno" filters verdicts without one.</summary>
    public static readonly IReadOnlyList<string> Levels = ["56a", "56b", "56c", "28", "75", NoLevel];

    public const string NoLevel = "nessuno";

    public static string Verdict(string code) => code switch
    {
        "appropriate" => "appropriato",
        "inappropriate" => "inappropriato",
        "out_of_scope" => "fuori ambito",
        "not_assessable" => "non valutabile",
        _ => code,
    };

    public static string Outcome(string outcome) => outcome switch
    {
        "passed" => "soddisfatto",
        "failed" => "non soddisfatto",
        "missing" => "dato mancante",
        _ => "informazione",
    };

    public static string Discipline(int code) => code switch
    {
        28 => "28 unità spinale",
        56 => "56 recupero e riabilitazione funzionale",
        75 => "75 neuroriabilitazione",
        _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Dimension(string dimension) => dimension switch
    {
        "mdc" => "MDC",
        _ => dimension,
    };

    public static string ScaleMode(string mode) => mode == "report-only"
        ? "solo rilevazione (sperimentazione, art.6): le scale non cambiano il giudizio"
        : "vincolanti: una scala mancante rende il ricovero non valutabile";
}
