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
/// asked, JSON lines with every check structured. Blocks are formatted in parallel, written in order.
/// </summary>
public sealed class VerdictFiles : IVerdictSink, IDisposable
{
    public const string VerdictHeader = "record_id,verdict,post_acute,acute_record_id,interval_days,article,level,reasons,ruleset";

    private readonly FileStream _csv;
    private readonly FileStream? _json;
    private readonly RuleSet _rules;
    private readonly string _ruleSetLabel;

    public VerdictFiles(string csvPath, string? jsonPath, RuleSet rules)
    {
        _rules = rules;
        _ruleSetLabel = RehabOutputs.Csv($"{rules.Id} {rules.Version}{(rules.IsProvisional ? " PROVISIONAL" : "")}");
        _csv = new FileStream(csvPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _csv.Write(Encoding.UTF8.GetBytes(VerdictHeader + "\n"));
        _json = jsonPath is null ? null : new FileStream(jsonPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public object? Prepare(IReadOnlyList<JudgedAdmission> block)
    {
        var text = new StringBuilder(block.Count * 400);
        foreach (var admission in block)
        {
            AppendCsv(text, admission.Verdict);
        }

        byte[] csv = Encoding.UTF8.GetBytes(text.ToString());
        byte[]? json = null;
        if (_json is not null)
        {
            var buffer = new ArrayBufferWriter<byte>(block.Count * 1500);
            using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            foreach (var admission in block)
            {
                WriteJson(writer, admission);
                writer.Flush();
                writer.Reset();
                buffer.Write("\n"u8);
            }

            json = buffer.WrittenSpan.ToArray();
        }

        return (csv, json);
    }

    public void Write(object? prepared)
    {
        var (csv, json) = ((byte[], byte[]?))prepared!;
        _csv.Write(csv);
        _json?.Write(json);
    }

    public void Dispose()
    {
        _csv.Dispose();
        _json?.Dispose();
    }

    private void AppendCsv(StringBuilder text, RehabVerdict v)
    {
        text.Append(RehabOutputs.Csv(v.RecordId)).Append(',')
            .Append(RehabVerdict.Code(v.Verdict)).Append(',')
            .Append(v.PostAcute ? "true" : "false").Append(',')
            .Append(RehabOutputs.Csv(v.AcuteRecordId ?? "")).Append(',')
            .Append(v.IntervalDays?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',')
            .Append(v.Article).Append(',')
            .Append(v.Level).Append(',')
            .Append(RehabOutputs.Csv(v.Reasons)).Append(',')
            .Append(_ruleSetLabel).Append('\n');
    }

    private void WriteJson(Utf8JsonWriter json, JudgedAdmission admission)
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
        foreach (var check in v.Checks)
        {
            json.WriteStartObject();
            json.WriteString("article", check.Article);
            json.WriteString("rule", check.Rule);
            json.WriteString("outcome", check.Outcome.ToString().ToLowerInvariant());
            json.WriteStartObject("inputs");
            foreach (var (key, value) in check.Inputs)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteString("detail", check.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("reasons", v.Reasons);
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
