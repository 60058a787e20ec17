using System.Globalization;
using System.Text;
using System.Text.Json;
using Territorio.Kernel.Errors;
using Territorio.Remuneration.Tariffs;

namespace Territorio.Flows.Remuneration;

/// <summary>
/// The tariff catalogue file (<c>data/remuneration/tariffe.json</c>, decision 0061): catalogue
/// identity, then one tariff per line. Amounts are JSON numbers in euro; <c>mmg_share</c> is
/// never written (8% of amb); every bad row is reported with its line in the file.
/// </summary>
public static class TariffCatalogueJson
{
    private static readonly HashSet<string> RowFields = ["pathology", "level", "amb", "far", "ricov", "total", "provisional", "source", "rationale"];

    public static TariffCatalogue Read(string path, IReadOnlySet<int> knownPathologies) =>
        Read(File.ReadAllBytes(path), path, knownPathologies);

    /// <summary>A catalogue sent rather than stored (an upload): <paramref name="path"/> names it in the errors.</summary>
    public static TariffCatalogue Read(byte[] bytes, string path, IReadOnlySet<int> knownPathologies)
    {
        var errors = new List<InputError>();
        var drafts = new List<TariffRowDraft>();
        TariffCatalogueInfo info;
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            info = ReadDocument(ref reader, bytes, path, drafts, errors);
        }
        catch (JsonException ex)
        {
            throw new InputDataException(new InputError(path, (ex.LineNumber ?? 0) + 1, "json", "", $"JSON non valido: {ex.Message}"));
        }

        errors.AddRange(TariffCatalogue.Validate(info, drafts, knownPathologies, path, out _));

        return errors.Count > 0
            ? throw new InputDataException(TariffCatalogue.Describe(path, errors))
            : TariffCatalogue.Create(info, drafts, knownPathologies, path);
    }

    private static TariffCatalogueInfo ReadDocument(ref Utf8JsonReader reader, byte[] bytes, string path, List<TariffRowDraft> drafts, List<InputError> errors)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        reader.Read();
        Expect(ref reader, JsonTokenType.StartObject, path, bytes);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == "tariffs")
            {
                Expect(ref reader, JsonTokenType.StartArray, path, bytes);
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    long line = LineOf(bytes, reader.TokenStartIndex);
                    var row = JsonElement.ParseValue(ref reader);
                    if (ReadRow(row, line, path, errors) is { } draft)
                    {
                        drafts.Add(draft);
                    }
                }
            }
            else
            {
                fields[name] = JsonElement.ParseValue(ref reader);
            }
        }

        string Text(string name, bool required = true)
        {
            if (fields.TryGetValue(name, out var e) && e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s)
            {
                return s;
            }

            if (required)
            {
                errors.Add(new InputError(path, 1, name, "", "campo del catalogo mancante o vuoto"));
            }

            return "";
        }

        DateOnly? Date(string name, bool required)
        {
            string text = Text(name, required);
            if (text.Length == 0)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors.Add(new InputError(path, 1, name, text, "data non valida (AAAA-MM-GG)"));
            return null;
        }

        bool provisional = fields.TryGetValue("provisional", out var p) && p.ValueKind == JsonValueKind.True;
        return new TariffCatalogueInfo(Text("id"), Text("version"), Date("valid_from", true) ?? DateOnly.MinValue, Date("valid_to", false), Text("source"), provisional);
    }

    private static TariffRowDraft? ReadRow(JsonElement row, long line, string path, List<InputError> errors)
    {
        int before = errors.Count;
        foreach (var property in row.EnumerateObject().Where(p => !RowFields.Contains(p.Name)))
        {
            errors.Add(new InputError(path, line, property.Name, property.Value.GetRawText(),
                property.Name == "mmg_share" ? "mmg_share non si scrive: è calcolato come 8% di amb" : "campo sconosciuto"));
        }

        int pathology = Integer("pathology");
        int level = Integer("level");
        decimal amb = Amount("amb"), far = Amount("far"), ricov = Amount("ricov"), total = Amount("total");
        bool provisional = row.TryGetProperty("provisional", out var p) && p.ValueKind == JsonValueKind.True;
        string source = row.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        string rationale = row.TryGetProperty("rationale", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
        return errors.Count > before ? null : new TariffRowDraft(line, pathology, level, amb, far, ricov, total, provisional, source, rationale);

        int Integer(string name)
        {
            if (row.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int value))
            {
                return value;
            }

            errors.Add(new InputError(path, line, name, e.ValueKind == JsonValueKind.Undefined ? "" : e.GetRawText(), "intero mancante o non valido"));
            return 0;
        }

        decimal Amount(string name)
        {
            if (row.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out decimal value))
            {
                return value;
            }

            errors.Add(new InputError(path, line, name, e.ValueKind == JsonValueKind.Undefined ? "" : e.GetRawText(), "importo mancante o non numerico"));
            return 0;
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string path, byte[] bytes)
    {
        if (reader.TokenType != type)
        {
            throw new InputDataException(new InputError(path, LineOf(bytes, reader.TokenStartIndex), "json", reader.TokenType.ToString(), $"atteso {type}"));
        }
    }

    private static long LineOf(byte[] bytes, long index) => bytes.AsSpan(0, (int)index).Count((byte)'\n') + 1;

    /// <summary>Writes a catalogue in the same layout (one tariff per line), culture-invariant.</summary>
    public static void Write(TariffCatalogue catalogue, TextWriter writer, string? note = null)
    {
        var info = catalogue.Info;
        var text = new StringBuilder();
        text.Append("{\n");
        Field("id", info.Id);
        Field("version", info.Version);
        Field("valid_from", info.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        text.Append("  \"valid_to\": ").Append(info.ValidTo is { } to ? Quote(to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : "null").Append(",\n");
        Field("source", info.Source);
        text.Append("  \"provisional\": ").Append(info.Provisional ? "true" : "false").Append(",\n");
        if (note is not null)
        {
            Field("note", note);
        }

        text.Append("  \"tariffs\": [\n");
        for (int i = 0; i < catalogue.Rows.Count; i++)
        {
            var r = catalogue.Rows[i];
            text.Append(CultureInfo.InvariantCulture,
                $"    {{ \"pathology\": {r.Pathology}, \"level\": {r.Level}, \"amb\": {r.Amb:0.00}, \"far\": {r.Far:0.00}, \"ricov\": {r.Ricov:0.00}, \"total\": {r.Total:0.00}, \"provisional\": {(r.Provisional ? "true" : "false")}, \"source\": {Quote(r.Source)}, \"rationale\": {Quote(r.Rationale)} }}");
            text.Append(i < catalogue.Rows.Count - 1 ? ",\n" : "\n");
        }

        text.Append("  ]\n}\n");
        writer.Write(text.ToString());

        void Field(string name, string value) => text.Append("  \"").Append(name).Append("\": ").Append(Quote(value)).Append(",\n");
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
