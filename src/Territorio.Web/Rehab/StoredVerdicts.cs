using System.Text.Json;
using System.Text.Json.Serialization;
using Territorio.Data.Rehab;
using Territorio.Flows.Reference;
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
        "warning" => "attenzione",
        _ => "informazione",
    };

    /// <summary>The check's sentence after its article, which the screen shows once, in bold, before it.</summary>
    public static string DetailAfterArticle(RehabCheckDto check) =>
        check.Detail.StartsWith(check.Article, StringComparison.Ordinal)
            ? check.Detail[check.Article.Length..]
            : ": " + check.Detail;

    /// <summary>"1 controllo", "7 controlli".</summary>
    public static string Checks(int count) => count == 1 ? "1 controllo" : $"{count} controlli";

    /// <summary>
    /// The inputs of a check as a controller reads them: Italian labels for the stable keys of the
    /// JSON, dates dd/MM/yyyy, regimes in words, disciplines by name. The level is left out: the detail names it.
    /// </summary>
    public static IEnumerable<string> Inputs(IReadOnlyDictionary<string, string> inputs, DisciplineCatalogue disciplines) =>
        inputs.Where(i => i.Key != "level").Select(i => $"{InputLabel(i.Key)}: {InputValue(i.Key, i.Value, disciplines)}");

    public static string InputLabel(string key) => key switch
    {
        "discipline" => "disciplina",
        "regime" => "regime",
        "mdc" => "MDC",
        "age" => "età (anni)",
        "discharge_mode" => "modalità di dimissione",
        "principal_dx_mdc" => "MDC della diagnosi principale",
        "lookback_from" => "ricoveri per acuti cercati dal",
        "acute_record_id" => "ricovero per acuti",
        "acute_discharge_date" => "dimissione per acuti",
        "acute_discipline" => "disciplina del ricovero per acuti",
        "acute_principal_dx" => "diagnosi principale per acuti",
        "interval_days" => "intervallo (giorni)",
        "annex5_limit_days" => "limite dell'Allegato 5 (giorni)",
        "earlier_rehab_record_id" => "ricovero riabilitativo precedente",
        "transfer_from_discipline" => "trasferito dalla disciplina",
        "total_stay_days" => "degenza complessiva (giorni)",
        "threshold_days" => "soglia di degenza (giorni)",
        "source_record_id" => "ricovero di provenienza",
        "rankin" => "Rankin",
        "barthel" => "Barthel",
        "barthel_dyspnoea" => "Barthel dispnea",
        "six_minute_walk_m" => "test del cammino in 6 minuti (metri)",
        "rcs" => "RCS",
        "annex1_codes" => "codici dell'Allegato 1",
        "annex2_codes" => "codici dell'Allegato 2",
        "annex3_codes" => "codici dell'Allegato 3",
        "annex4_codes" => "codici dell'Allegato 4",
        "annex3_exception_codes" => "codici dell'eccezione dell'Allegato 3",
        _ => key.Replace('_', ' '),
    };

    public static string InputValue(string key, string value, DisciplineCatalogue? disciplines = null) => value.Length == 0 ? "non indicato"
        : key == "regime" ? value switch { "1" => "ordinario", "2" => "day hospital", _ => value }
        : disciplines is not null && key is "discipline" or "acute_discipline" or "transfer_from_discipline" ? disciplines.Label(value)
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? ItalianFormat.Date(day)
        : value;

    public static string Dimension(string dimension) => dimension switch
    {
        "mdc" => "MDC",
        _ => dimension,
    };

    public static string ScaleMode(string mode) => mode == "report-only"
        ? "solo rilevazione (sperimentazione, art.6): le scale non cambiano il giudizio"
        : "vincolanti: una scala mancante rende il ricovero non valutabile";
}
