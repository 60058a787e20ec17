using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Territorio.Kernel.Errors;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Flows.Rehab;

/// <summary>
/// Writes the verdicts as they are judged: CSV (the issue's columns, then the rule set) and, when
/// asked, JSON lines with every check structured. Blocks are formatted in parallel straight to
/// UTF-8 in pooled buffers (the reasons are joined once per verdict, in a reused buffer) and
/// written in order.
/// </summary>
public sealed class VerdictFiles : IVerdictSink, IDisposable
{
    public const string VerdictHeader = "record_id,verdict,post_acute,acute_record_id,interval_days,article,level,reasons,ruleset";

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] Outcomes = Enum.GetValues<CheckOutcome>().Select(o => o.ToString().ToLowerInvariant()).ToArray();

    // Buffers go back after each block is written: a few dozen arrays serve the whole run.
    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Create(64 << 20, 64);
    private readonly FileStream _csv;
    private readonly FileStream? _json;
    private readonly RuleSet _rules;
    private readonly byte[] _ruleSetLabel;

    public VerdictFiles(string csvPath, string? jsonPath, RuleSet rules)
    {
        _rules = rules;
        _ruleSetLabel = Encoding.UTF8.GetBytes(RehabOutputs.Csv($"{rules.Id} {rules.Version}{(rules.IsProvisional ? " PROVISIONAL" : "")}"));
        _csv = new FileStream(csvPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _csv.Write(Encoding.UTF8.GetBytes(VerdictHeader + "\n"));
        _json = jsonPath is null ? null : new FileStream(jsonPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public object? Prepare(IReadOnlyList<JudgedAdmission> block)
    {
        var csv = new PooledUtf8Buffer(_pool, block.Count * 1024);
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

    public void Write(object? prepared)
    {
        var (csv, json) = (PreparedBlock)prepared!;
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
        _csv.Dispose();
        _json?.Dispose();
    }

    private sealed record PreparedBlock(PooledUtf8Buffer Csv, PooledUtf8Buffer? Json);

    /// <summary>The verdict's <see cref="RehabVerdict.Reasons"/>, joined into a reused buffer instead of a new string.</summary>
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
            var check = checks[c];
            if (written > 0)
            {
                RehabVerdict.ReasonSeparator.CopyTo(buffer.AsSpan(written));
                written += RehabVerdict.ReasonSeparator.Length;
            }

            check.Detail.CopyTo(buffer.AsSpan(written));
            written += check.Detail.Length;
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
        json.WriteString("record_id", v.RecordId);
        json.WriteNumber("line", admission.Line);
        json.WriteString("verdict", RehabVerdict.Code(v.Verdict));
        json.WriteBoolean("post_acute", v.PostAcute);
        json.WriteString("acute_record_id", v.AcuteRecordId);
        if (v.IntervalDays is { } days)
        {
            json.WriteNumber("interval_days", days);
        }
        else
        {
            json.WriteNull("interval_days");
        }

        json.WriteString("article", v.Article);
        json.WriteString("level", v.Level);
        json.WriteStartObject("ruleset");
        json.WriteString("id", _rules.Id);
        json.WriteString("version", _rules.Version);
        json.WriteString("status", _rules.IsProvisional ? "PROVISIONAL" : _rules.Status);
        json.WriteEndObject();
        json.WriteStartArray("checks");
        for (int c = 0; c < v.Checks.Count; c++)
        {
            var check = v.Checks[c];
            json.WriteStartObject();
            json.WriteString("article", check.Article);
            json.WriteString("rule", check.Rule);
            json.WriteString("outcome", Outcomes[(int)check.Outcome]);
            json.WriteStartObject("inputs");
            for (int i = 0; i < check.Inputs.Count; i++)
            {
                json.WriteString(check.Inputs[i].Key, check.Inputs[i].Value);
            }

            json.WriteEndObject();
            json.WriteString("detail", check.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("reasons", reasons);
        json.WriteEndObject();
    }
}

/// <summary>CSV helpers and the rejected-rows file.</summary>
public static class RehabOutputs
{
    public static void WriteErrors(string path, IReadOnlyList<InputError> errors)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.WriteLine("file,line,column,value,reason");
        foreach (var e in errors)
        {
            writer.WriteLine($"{Csv(e.File)},{e.Line.ToString(CultureInfo.InvariantCulture)},{Csv(e.Field)},{Csv(e.Value)},{Csv(e.Reason)}");
        }
    }

    public static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
