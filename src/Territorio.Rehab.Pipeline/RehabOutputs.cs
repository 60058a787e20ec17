using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Territorio.Kernel.Errors;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Pipeline;

/// <summary>
/// Writes the verdicts as they are judged: CSV (the issue's columns, then the rule set) and, when
/// asked, JSON lines with every check structured. Blocks are formatted in parallel straight to
/// UTF-8 in pooled buffers (each verdict's reasons joined once, in a reused buffer) and
/// written in order.
/// </summary>
public sealed class VerdictFiles : IVerdictSink<VerdictFiles.PreparedBlock>, IDisposable
{
    public const string VerdictHeader = "record_id,verdict,post_acute,acute_record_id,interval_days,article,level,reasons,ruleset";

    // Our own writing is well-formed by construction: the writer need not check it again.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly JsonEncodedText[] Outcomes = Enum.GetValues<CheckOutcome>().Select(o => JsonEncodedText.Encode(o.ToString().ToLowerInvariant())).ToArray();

    // Buffers go back after each block is written: a few dozen arrays serve the whole run.
    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Create(64 << 20, 64);
    private readonly Stream _csv;
    private readonly Stream? _json;
    private readonly RuleSet _rules;
    private readonly byte[] _ruleSetLabel;

    // The same in every line: encoded once.
    private readonly byte[] _ruleSetJson;

    public VerdictFiles(string csvPath, string? jsonPath, RuleSet rules)
        : this(new FileStream(csvPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16),
               jsonPath is null ? null : new FileStream(jsonPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), rules)
    {
    }

    /// <summary>Writes to streams the caller opened (temporaries it commits: <see cref="Territorio.Flows.Files.OutputFile"/>); disposing flushes them.</summary>
    public VerdictFiles(Stream csv, Stream? json, RuleSet rules)
    {
        _rules = rules;
        _ruleSetLabel = Encoding.UTF8.GetBytes(RehabOutputs.Csv($"{rules.Id} {rules.Version}{(rules.IsProvisional ? " PROVISIONAL" : "")}"));
        _ruleSetJson = RuleSetJson(rules);
        _csv = csv;
        _csv.Write(Encoding.UTF8.GetBytes(VerdictHeader + "\n"));
        _json = json;
    }

    private static byte[] RuleSetJson(RuleSet rules)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("id", rules.Id);
            json.WriteString("version", rules.Version);
            json.WriteString("status", rules.IsProvisional ? "PROVISIONAL" : rules.Status);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public PreparedBlock Prepare(IReadOnlyList<JudgedAdmission> block)
    {
        // ≈1.1 kB a verdict since the reasons name the codes' descriptions (decision 0160): a buffer that fits, not one that doubles.
        var csv = new PooledUtf8Buffer(_pool, block.Count * 2048);
        var json = _json is null ? null : new PooledUtf8Buffer(_pool, block.Count * 3072);
        using var jsonWriter = json is null ? null : new Utf8JsonWriter(json, JsonOptions);
        char[] reasons = ArrayPool<char>.Shared.Rent(4096);
        foreach (var admission in block)
        {
            var text = ReasonsOf(admission.Verdict, ref reasons);
            AppendCsv(csv, admission.Verdict, text);
            if (jsonWriter is not null)
            {
                WriteJson(jsonWriter, admission, text);
                jsonWriter.Flush();
                jsonWriter.Reset();
                json!.Write("\n"u8);
            }
        }

        ArrayPool<char>.Shared.Return(reasons);
        return new PreparedBlock(csv, json);
    }

    public void WarmUp(IReadOnlyList<JudgedAdmission> sample)
    {
        var (csv, json) = Prepare(sample);
        csv.Return();
        json?.Return();
    }

    public void Write(PreparedBlock prepared)
    {
        var (csv, json) = prepared;
        _csv.Write(csv.WrittenSpan);
        csv.Return();
        if (json is not null)
        {
            _json!.Write(json.WrittenSpan);
            json.Return();
        }
    }

    public void Dispose()
    {
        // An OutputFile is committed by its owner: here it is only flushed.
        if (_csv is Territorio.Flows.Files.OutputFile)
        {
            _csv.Flush();
            _json?.Flush();
            return;
        }

        _csv.Dispose();
        _json?.Dispose();
    }

    /// <summary>The JSON property names, encoded once.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText RecordId = JsonEncodedText.Encode("record_id");
        public static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
        public static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
        public static readonly JsonEncodedText PostAcute = JsonEncodedText.Encode("post_acute");
        public static readonly JsonEncodedText AcuteRecordId = JsonEncodedText.Encode("acute_record_id");
        public static readonly JsonEncodedText IntervalDays = JsonEncodedText.Encode("interval_days");
        public static readonly JsonEncodedText Article = JsonEncodedText.Encode("article");
        public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
        public static readonly JsonEncodedText RuleSet = JsonEncodedText.Encode("ruleset");
        public static readonly JsonEncodedText Checks = JsonEncodedText.Encode("checks");
        public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
        public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
        public static readonly JsonEncodedText Inputs = JsonEncodedText.Encode("inputs");
        public static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");
        public static readonly JsonEncodedText Reasons = JsonEncodedText.Encode("reasons");
    }

    /// <summary>A block formatted for both files, in pooled buffers given back once written.</summary>
    public sealed record PreparedBlock(PooledUtf8Buffer Csv, PooledUtf8Buffer? Json);

    /// <summary>
    /// The verdict's <see cref="RehabVerdict.Reasons"/>, joined into a reused buffer instead of
    /// a new string. (Encoding them to UTF-8 once for CSV and JSON was tried: the JSON writer
    /// escapes UTF-16 faster than it validates and escapes UTF-8, so it cost more.)
    /// </summary>
    private static ReadOnlySpan<char> ReasonsOf(RehabVerdict verdict, ref char[] buffer)
    {
        var checks = verdict.Checks;
        int length = 0;
        for (int c = 0; c < checks.Count; c++)
        {
            length += checks[c].Detail.Length + RehabVerdict.ReasonSeparator.Length;
        }

        if (length > buffer.Length)
        {
            ArrayPool<char>.Shared.Return(buffer);
            buffer = ArrayPool<char>.Shared.Rent(length);
        }

        int written = 0;
        for (int c = 0; c < checks.Count; c++)
        {
            if (c > 0)
            {
                RehabVerdict.ReasonSeparator.CopyTo(buffer.AsSpan(written));
                written += RehabVerdict.ReasonSeparator.Length;
            }

            checks[c].Detail.CopyTo(buffer.AsSpan(written));
            written += checks[c].Detail.Length;
        }

        return buffer.AsSpan(0, written);
    }

    private void AppendCsv(PooledUtf8Buffer csv, RehabVerdict v, ReadOnlySpan<char> reasons)
    {
        csv.WriteCsvField(v.RecordId);
        csv.Write((byte)',');
        csv.Write(RehabVerdict.Code(v.Verdict));
        csv.Write(v.PostAcute ? ",true,"u8 : ",false,"u8);
        csv.WriteCsvField(v.AcuteRecordId ?? "");
        csv.Write((byte)',');
        if (v.IntervalDays is { } days)
        {
            csv.Write(days);
        }

        csv.Write((byte)',');
        csv.Write(v.Article);
        csv.Write((byte)',');
        csv.Write(v.Level);
        csv.Write((byte)',');
        csv.WriteCsvField(reasons);
        csv.Write((byte)',');
        csv.Write(_ruleSetLabel);
        csv.Write((byte)'\n');
    }

    private void WriteJson(Utf8JsonWriter json, JudgedAdmission admission, ReadOnlySpan<char> reasons)
    {
        var v = admission.Verdict;
        json.WriteStartObject();
        json.WriteString(Names.RecordId, v.RecordId);
        json.WriteNumber(Names.Line, admission.Line);
        json.WriteString(Names.Verdict, RehabVerdict.Code(v.Verdict));
        json.WriteBoolean(Names.PostAcute, v.PostAcute);
        json.WriteString(Names.AcuteRecordId, v.AcuteRecordId);
        if (v.IntervalDays is { } days)
        {
            json.WriteNumber(Names.IntervalDays, days);
        }
        else
        {
            json.WriteNull(Names.IntervalDays);
        }

        json.WriteString(Names.Article, v.Article);
        json.WriteString(Names.Level, v.Level);
        json.WritePropertyName(Names.RuleSet);
        json.WriteRawValue(_ruleSetJson, skipInputValidation: true);
        json.WriteStartArray(Names.Checks);
        for (int c = 0; c < v.Checks.Count; c++)
        {
            var check = v.Checks[c];
            json.WriteStartObject();
            json.WriteString(Names.Article, check.Article);
            json.WriteString(Names.Rule, check.Rule);
            json.WriteString(Names.Outcome, Outcomes[(int)check.Outcome]);
            json.WriteStartObject(Names.Inputs);
            for (int i = 0; i < check.Inputs.Count; i++)
            {
                json.WriteString(check.Inputs[i].Key, check.Inputs[i].Value);
            }

            json.WriteEndObject();
            json.WriteString(Names.Detail, check.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString(Names.Reasons, reasons);
        json.WriteEndObject();
    }
}

/// <summary>CSV helpers and the rejected-rows file.</summary>
public static class RehabOutputs
{
    public static void WriteErrors(string path, IReadOnlyList<InputError> errors)
    {
        Territorio.Flows.Files.OutputFile.WriteText(path, writer =>
        {
            writer.WriteLine("file,line,column,value,reason");
            foreach (var e in errors)
            {
                writer.WriteLine($"{Csv(e.File)},{e.Line.ToString(CultureInfo.InvariantCulture)},{Csv(e.Field)},{Csv(e.Value)},{Csv(e.Reason)}");
            }
        });
    }

    /// <summary>A text field, neutralised against formula injection and quoted (<see cref="Territorio.Flows.Files.CsvCells"/>).</summary>
    public static string Csv(string value) => Territorio.Flows.Files.CsvCells.Text(value);
}
