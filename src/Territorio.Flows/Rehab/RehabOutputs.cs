using System.Globalization;
using System.Text;
using System.Text.Json;
using Territorio.Kernel.Errors;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Flows.Rehab;

/// <summary>Writes the verdicts (CSV, JSON lines) and the rejected rows (CSV) of a rehab check.</summary>
public static class RehabOutputs
{
    public const string VerdictHeader = "record_id,verdict,post_acute,acute_record_id,interval_days,article,level,reasons";

    public static void WriteVerdicts(string path, IReadOnlyList<JudgedAdmission> admissions)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine(VerdictHeader);
        // Lines are formatted in parallel blocks and written in input order.
        const int Block = 8192;
        int blocks = (admissions.Count + Block - 1) / Block;
        var texts = new string[blocks];
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
        {
            var text = new StringBuilder(Block * 256);
            for (int i = b * Block; i < Math.Min(admissions.Count, (b + 1) * Block); i++)
            {
                AppendVerdict(text, admissions[i].Verdict);
            }

            texts[b] = text.ToString();
        });
        foreach (string text in texts)
        {
            writer.Write(text);
        }
    }

    public static void AppendVerdict(StringBuilder text, RehabVerdict v)
    {
        text.Append(Csv(v.RecordId)).Append(',')
            .Append(RehabVerdict.Code(v.Verdict)).Append(',')
            .Append(v.PostAcute ? "true" : "false").Append(',')
            .Append(Csv(v.AcuteRecordId ?? "")).Append(',')
            .Append(v.IntervalDays?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',')
            .Append(v.Article).Append(',')
            .Append(v.Level).Append(',')
            .Append(Csv(v.Reasons)).Append('\n');
    }

    public static void WriteJson(string path, IReadOnlyList<JudgedAdmission> admissions, RuleSet rules)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var admission in admissions)
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
            json.WriteString("id", rules.Id);
            json.WriteString("version", rules.Version);
            json.WriteString("status", rules.Status);
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
            json.Flush();
            json.Reset();
            stream.WriteByte((byte)'\n');
        }
    }

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
