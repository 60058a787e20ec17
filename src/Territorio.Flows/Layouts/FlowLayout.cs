using System.Globalization;
using System.Text.Json;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Layouts;

/// <summary>Where a canonical field comes from: one column (optionally its first characters) or several (a list).</summary>
public sealed record FieldSource(IReadOnlyList<string> Columns, int? First = null)
{
    public override string ToString() =>
        Columns.Count == 1 ? Columns[0] + (First is { } n ? $" (primi {n} caratteri)" : "") : string.Join(", ", Columns);
}

/// <summary>
/// A region's layout of a flow (issue 19, <c>docs/flow-layouts.md</c>): a JSON object whose keys
/// are the canonical field names and whose values name the source columns, with the top-level
/// <c>delimiter</c> and <c>date_format</c> (one format or a list).
/// </summary>
public sealed class FlowLayout
{
    private const string DefaultDateFormat = "yyyy-MM-dd";

    private FlowLayout(string origin, FlowSchema schema, char delimiter, string[] dateFormats, IReadOnlyDictionary<string, FieldSource> fields)
    {
        Origin = origin;
        Schema = schema;
        Delimiter = delimiter;
        DateFormats = dateFormats;
        Fields = fields;
    }

    /// <summary>The file the layout was read from, for messages.</summary>
    public string Origin { get; }

    public FlowSchema Schema { get; }

    public char Delimiter { get; }

    public IReadOnlyList<string> DateFormats { get; }

    /// <summary>The source of each mapped canonical field.</summary>
    public IReadOnlyDictionary<string, FieldSource> Fields { get; }

    /// <summary>
    /// True when the layout reads the canonical file as it is (comma, ISO dates, each field from its
    /// own column): the readers' fast path then reads the file directly.
    /// </summary>
    public bool IsCanonical =>
        Delimiter == ',' && DateFormats is [DefaultDateFormat]
        && Schema.Columns.All(c => Fields.TryGetValue(c, out var s) && s.First is null && s.Columns is [var only] && only == c);

    public static FlowLayout Load(string path, FlowSchema schema) => Load(path, _ => schema);

    /// <summary>
    /// Reads a layout of a flow that comes in several shapes (drugs by ATC or by AIC): <paramref name="shapeOf"/>
    /// picks the schema from the keys the layout names.
    /// </summary>
    public static FlowLayout Load(string path, Func<Func<string, bool>, FlowSchema> shapeOf)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream, Path.GetFileName(path), shapeOf);
        }
        catch (JsonException ex)
        {
            throw Refused(Path.GetFileName(path), ex.LineNumber is { } line ? line + 1 : 1, "(json)", "", $"JSON non valido: {ex.Message}");
        }
    }

    public static FlowLayout Parse(Stream json, string origin, FlowSchema schema) => Parse(json, origin, _ => schema);

    public static FlowLayout Parse(Stream json, string origin, Func<Func<string, bool>, FlowSchema> shapeOf)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw Refused(origin, 1, "(json)", "", "il layout deve essere un oggetto JSON { \"campo\": \"COLONNA\", … }");
        }

        var root = document.RootElement;
        var schema = shapeOf(key => root.TryGetProperty(key, out _));

        char delimiter = ',';
        string[] dateFormats = [DefaultDateFormat];
        var fields = new Dictionary<string, FieldSource>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "delimiter":
                    delimiter = DelimiterOf(origin, property.Value);
                    break;
                case "date_format":
                    dateFormats = DateFormatsOf(origin, property.Value);
                    break;
                case var name when schema.Columns.Contains(name):
                    fields[name] = SourceOf(origin, schema, name, property.Value);
                    break;
                default:
                    throw Refused(origin, 1, property.Name, "",
                        $"campo sconosciuto nel layout {schema.Name} (campi ammessi: delimiter, date_format, {string.Join(", ", schema.Columns)})");
            }
        }

        var missing = schema.Columns.Where(c => !fields.ContainsKey(c) && !schema.Optional.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw Refused(origin, 1, missing[0], "", missing.Count == 1
                ? "campo obbligatorio senza colonna nel layout"
                : $"campi obbligatori senza colonna nel layout: {string.Join(", ", missing)}");
        }

        return new FlowLayout(origin, schema, delimiter, dateFormats, fields);
    }

    /// <summary>Reads a date field's text with the layout's formats, in order.</summary>
    public bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormats.ToArray(), CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static char DelimiterOf(string origin, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: 1 } text ? text[0]
            : value.ValueKind == JsonValueKind.String && value.GetString() == "\\t" ? '\t'
            : throw Refused(origin, 1, "delimiter", value.ToString(), "il separatore deve essere un solo carattere (\",\", \";\", \"|\", \"\\t\")");

    private static string[] DateFormatsOf(string origin, JsonElement value)
    {
        string[] formats = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => [.. value.EnumerateArray().Select(e => e.GetString()!)],
            _ => throw Refused(origin, 1, "date_format", value.ToString(), "atteso un formato (\"yyyyMMdd\") o un elenco di formati"),
        };
        foreach (string format in formats)
        {
            // A format that cannot write a date cannot read one: refused here, not row by row.
            if (format.Length == 0 || !DateOnly.TryParseExact(new DateOnly(2025, 1, 31).ToString(format, CultureInfo.InvariantCulture), format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw Refused(origin, 1, "date_format", format, "formato di data non valido (esempi: yyyyMMdd, dd/MM/yyyy)");
            }
        }

        return formats;
    }

    private static FieldSource SourceOf(string origin, FlowSchema schema, string field, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when value.GetString() is { Length: > 0 } column:
                return new FieldSource([column]);
            case JsonValueKind.Array when schema.Lists.Contains(field):
                var columns = value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToList();
                if (columns.Count == 0 || columns.Any(c => string.IsNullOrEmpty(c)))
                {
                    throw Refused(origin, 1, field, value.ToString(), "l'elenco deve nominare almeno una colonna, ognuna non vuota");
                }

                return new FieldSource(columns!);
            case JsonValueKind.Array:
                throw Refused(origin, 1, field, value.ToString(), $"più colonne solo per i campi elenco ({string.Join(", ", schema.Lists)})");
            case JsonValueKind.Object:
                return Slice(origin, field, value);
            default:
                throw Refused(origin, 1, field, value.ToString(), "atteso il nome di una colonna, un elenco di colonne o {\"column\": \"COLONNA\", \"first\": N}");
        }
    }

    private static FieldSource Slice(string origin, string field, JsonElement value)
    {
        string? column = value.TryGetProperty("column", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        int? first = value.TryGetProperty("first", out var f) && f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out int n) ? n : null;
        if (string.IsNullOrEmpty(column) || (value.TryGetProperty("first", out _) && first is not > 0)
            || value.EnumerateObject().Any(p => p.Name is not ("column" or "first")))
        {
            throw Refused(origin, 1, field, value.ToString(), "atteso {\"column\": \"COLONNA\"} con \"first\": N (N ≥ 1) facoltativo");
        }

        return new FieldSource([column!], first);
    }

    private static InputDataException Refused(string file, long line, string field, string value, string reason) =>
        new(new InputError(file, line, field, value, reason));
}
