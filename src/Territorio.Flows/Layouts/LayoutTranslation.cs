using System.Globalization;
using System.Text;
using Territorio.Flows.Files;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Layouts;

/// <summary>
/// A region's file rewritten row by row in the canonical form the fast readers read (issue 19):
/// a temporary file, the rows refused while rewriting (with the source file, line and column),
/// and the way back from a canonical line to the source line for every later error.
/// </summary>
public sealed class LayoutTranslation : IDisposable
{
    private readonly long[] _sourceLines;
    private readonly FlowLayout _layout;
    private readonly string _sourceName;

    private LayoutTranslation(string path, string sourceName, FlowLayout layout, long[] sourceLines, List<InputError> errors)
    {
        Path = path;
        _sourceName = sourceName;
        _layout = layout;
        _sourceLines = sourceLines;
        Errors = errors;
    }

    /// <summary>The canonical file (deleted with this object).</summary>
    public string Path { get; }

    /// <summary>Rows refused while rewriting them: a date in none of the layout's formats, a line break inside a field, a short row.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    /// <summary>
    /// Rewrites <paramref name="source"/> by <paramref name="layout"/> into a temporary file in
    /// <paramref name="workDirectory"/> (the system's when null). A source column the layout names
    /// but the header lacks stops the rewrite before any row.
    /// </summary>
    /// <param name="keepDespite">
    /// For a row whose only fault is a value (a date) in a field the reader can do without: given the
    /// faulty field and the row's rewritten values by field, the note to append to the error when the
    /// row is kept anyway (the field left empty); null: the row is refused, as every faulty row by default.
    /// </param>
    public static LayoutTranslation Translate(string source, FlowLayout layout, string? workDirectory = null, Func<string, Func<string, string>, string?>? keepDespite = null)
    {
        string sourceName = System.IO.Path.GetFileName(source);
        string target = System.IO.Path.Combine(workDirectory ?? System.IO.Path.GetTempPath(), $"territorio-{Guid.NewGuid():N}.csv");
        var errors = new List<InputError>();
        var sourceLines = new List<long>();
        try
        {
            // Checked as a canonical file is: a Latin-1 export is refused with its line, not read with replacement characters.
            using var reader = CheckedTextStream.OpenText(source, sourceName);
            using var writer = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 16);
            var rows = new DelimitedRows(reader, layout.Delimiter);
            if (!rows.Next(out var header, out _))
            {
                throw new InputDataException(new InputError(sourceName, 1, "(intestazione)", "", "file vuoto: manca l'intestazione"));
            }

            string[] written = [.. layout.Schema.Columns.Where(c => layout.Fields.ContainsKey(c) || layout.Schema.Omissible?.Contains(c) != true)];
            var plan = Plan(layout, written, header, sourceName);
            writer.Write(string.Join(',', written));
            writer.Write('\n');
            var canonical = new string[written.Length];
            while (rows.Next(out var fields, out long line))
            {
                if (fields.Count == 1 && fields[0].Length == 0)
                {
                    continue;    // a blank line
                }

                if (Rewrite(layout, written, plan, fields, line, sourceName, canonical, out string? faultyField) is { } error)
                {
                    string? kept = faultyField is null ? null : keepDespite?.Invoke(faultyField, name => canonical[Array.IndexOf(written, name)] ?? "");
                    errors.Add(kept is null ? error : error with { Reason = $"{error.Reason}; {kept}" });
                    if (kept is null)
                    {
                        continue;
                    }
                }

                writer.Write(string.Join(',', canonical.Select(Quoted)));
                writer.Write('\n');
                sourceLines.Add(line);
            }
        }
        catch
        {
            File.Delete(target);
            throw;
        }

        return new LayoutTranslation(target, sourceName, layout, [.. sourceLines], errors);
    }

    /// <summary>An error on the canonical file told in the source's terms: its file, line and column.</summary>
    public InputError ToSource(InputError error)
    {
        long line = SourceLine(error.Line);
        string field = _layout.Fields.TryGetValue(error.Field, out var from) ? $"{error.Field} ({from})" : error.Field;
        return error with { File = _sourceName, Line = line, Field = field };
    }

    /// <summary>The source line of a canonical line (one row per line: the rewrite writes no line break inside a field).</summary>
    public long SourceLine(long canonicalLine) => canonicalLine switch
    {
        <= 1 => 1,
        var l when l - 2 < _sourceLines.Length => _sourceLines[l - 2],
        var l => l,
    };

    public void Dispose() => File.Delete(Path);

    /// <summary>For each canonical column, the source ordinals it reads (none: left empty).</summary>
    private static int[][] Plan(FlowLayout layout, string[] written, List<string> header, string sourceName)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            ordinals.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
        }

        return [.. written.Select(field =>
        {
            if (!layout.Fields.TryGetValue(field, out var source))
            {
                return Array.Empty<int>();
            }

            return source.Columns.Select(column => ordinals.TryGetValue(column, out int ordinal) ? ordinal
                : throw new InputDataException(new InputError(sourceName, 1, column, "",
                    $"colonna assente nell'intestazione (il layout {layout.Origin} la indica per {field})"))).ToArray();
        })];
    }

    /// <summary>
    /// The row in canonical fields; its first fault, if any. A bad value (a date) leaves its field
    /// empty, names it in <paramref name="faultyField"/> and the rest of the row is still rewritten;
    /// a broken row (missing fields, a line break inside a field) stops at once.
    /// </summary>
    private static InputError? Rewrite(FlowLayout layout, string[] written, int[][] plan, List<string> fields, long line, string sourceName, string[] canonical, out string? faultyField)
    {
        faultyField = null;
        InputError? fault = null;
        var schema = layout.Schema;
        for (int c = 0; c < plan.Length; c++)
        {
            string field = written[c];
            var ordinals = plan[c];
            var values = new List<string>(ordinals.Length);
            foreach (int ordinal in ordinals)
            {
                if (ordinal >= fields.Count)
                {
                    faultyField = null;
                    return new InputError(sourceName, line, "(riga)", "", $"{fields.Count} campi, meno delle colonne dell'intestazione");
                }

                string value = fields[ordinal].Trim();
                if (value.Contains('\n') || value.Contains('\r'))
                {
                    faultyField = null;
                    return new InputError(sourceName, line, layout.Fields[field].Columns[0], Shorten(value), "a capo dentro un campo");
                }

                if (value.Length > 0)
                {
                    values.Add(layout.Fields[field].First is { } first && value.Length > first ? value[..first] : value);
                }
            }

            string text = string.Join(schema.ListSeparator, values);
            if (schema.Dates.Contains(field) && text.Length > 0)
            {
                if (!layout.TryParseDate(text, out var date))
                {
                    if (fault is null)
                    {
                        fault = new InputError(sourceName, line, $"{field} ({layout.Fields[field]})", text,
                            $"data non valida (formati del layout: {string.Join(", ", layout.DateFormats)})");
                        faultyField = field;
                    }
                    else
                    {
                        faultyField = null;    // two faults: not a row to keep
                    }

                    text = "";
                }
                else
                {
                    text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
            }

            canonical[c] = text;
        }

        return fault;
    }

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(",\"") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>Delimited rows (RFC 4180 quoting with the layout's separator), with the line each starts on.</summary>
    private sealed class DelimitedRows(TextReader reader, char delimiter)
    {
        private long _line = 1;

        public bool Next(out List<string> fields, out long line)
        {
            fields = [];
            line = _line;
            int next = reader.Peek();
            if (next < 0)
            {
                return false;
            }

            var field = new StringBuilder();
            bool quoted = false;
            while (true)
            {
                int ch = reader.Read();
                if (ch < 0)
                {
                    fields.Add(field.ToString());
                    return true;
                }

                char c = (char)ch;
                if (quoted)
                {
                    if (c == '"' && reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        _line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == delimiter)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\n')
                {
                    _line++;
                    fields.Add(field.ToString());
                    return true;
                }
                else if (c != '\r')
                {
                    field.Append(c);
                }
            }
        }
    }
}
