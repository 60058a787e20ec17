using System.Globalization;
using System.Text.RegularExpressions;
using Sylvan.Data.Csv;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Plans;
using Territorio.Kernel.Errors;

namespace Territorio.CareManagement.Application.Common;

/// <summary>
/// Readers of the care catalogues' CSV files. Each reads the whole file and reports every
/// rejected row (file, line, field, value, reason); loading refuses a file with any, and the
/// importers list them all.
/// </summary>
public static partial class CatalogueFiles
{
    private const string TemplateColumns = "pathology,kind,code,per_year_l1,per_year_l2,per_year_l3,from_month,to_month,rationale";

    /// <summary>The content, or an error naming the first rejected rows.</summary>
    public static T Require<T>(CatalogueRead<T> read)
    {
        if (read.Errors.Count > 0)
        {
            string more = read.Errors.Count > 5 ? $" (e altre {read.Errors.Count - 5} righe scartate)" : "";
            throw new InputDataException(string.Join("; ", read.Errors.Take(5)) + more);
        }

        return read.Value;
    }

    /// <summary>
    /// A code list with a header naming <c>code</c> and <c>description</c> (or <c>display</c>; other columns are
    /// ignored): the nomenclator, the regional catalogue, the ATC classes, the pathologies.
    /// </summary>
    public static CatalogueRead<Dictionary<string, string>> ReadNomenclator(string path)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<InputError>();
        using var reader = CsvDataReader.Create(path);
        // The region's code-system extracts name the text "display".
        int code = Ordinal(reader, "code"), description = Math.Max(Ordinal(reader, "description"), Ordinal(reader, "display"));
        if (code < 0 || description < 0)
        {
            errors.Add(new InputError(path, 1, "intestazione", string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)), "servono le colonne code e description"));
            return new(codes, errors);
        }

        long line = 1;
        while (reader.Read())
        {
            line++;
            string value = reader.GetString(code).Trim();
            string text = reader.GetString(description).Trim();
            if (!CodePattern().IsMatch(value))
            {
                errors.Add(new InputError(path, line, "code", value, "codice non valido: lettere maiuscole e cifre separate da punti, al più 16 caratteri"));
            }
            else if (text.Length is 0 or > 1000)
            {
                errors.Add(new InputError(path, line, "description", text, "descrizione vuota o più lunga di 1000 caratteri"));
            }
            else if (!codes.TryAdd(value, text))
            {
                errors.Add(new InputError(path, line, "code", value, "codice ripetuto"));
            }
        }

        if (codes.Count == 0 && errors.Count == 0)
        {
            errors.Add(new InputError(path, 1, "*", "", "nessun codice nel file"));
        }

        return new(codes, errors);
    }

    /// <summary>
    /// PAI templates (<c>pathology,kind,code,per_year_l1,per_year_l2,per_year_l3,from_month,to_month,rationale</c>;
    /// lines starting with # are comments, <c># version: X</c> and <c># provisional: true|false</c> are read).
    /// Every line must name a catalogue pathology and a code of its vocabulary, and make a valid item.
    /// </summary>
    public static CatalogueRead<List<PaiTemplate>> ReadTemplates(string path, PaiVocabulary vocabulary, IReadOnlyDictionary<string, string> pathologies, string? version = null)
    {
        var errors = new List<InputError>();
        var lines = new Dictionary<(string, int), List<PaiTemplateLine>>();
        var seen = new HashSet<(string, PaiItemKind, string)>();
        string fileVersion = version ?? "senza-versione";
        bool provisional = true;
        long line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                if (!text.Trim().Equals(TemplateColumns, StringComparison.Ordinal))
                {
                    errors.Add(new InputError(path, line, "intestazione", text, $"attesa l'intestazione {TemplateColumns}"));
                    return new([], errors);
                }

                continue;
            }

            if (text.StartsWith('#'))
            {
                ReadDirective(text, ref fileVersion, ref provisional, version is null);
                continue;
            }

            if (text.Trim().Length == 0)
            {
                continue;
            }

            var parsed = TemplateLine(path, line, text, vocabulary, pathologies, seen);
            if (parsed.Error is { } error)
            {
                errors.Add(error);
                continue;
            }

            foreach (var (level, templateLine) in parsed.Lines)
            {
                var key = (parsed.Pathology, level);
                if (!lines.TryGetValue(key, out var list))
                {
                    lines[key] = list = [];
                }

                list.Add(templateLine);
            }
        }

        var templates = lines.Select(l => new PaiTemplate(l.Key.Item1, l.Key.Item2, l.Value, provisional, fileVersion)).ToList();
        return new(templates, errors);
    }

    private static void ReadDirective(string text, ref string version, ref bool provisional, bool takeVersion)
    {
        string body = text.TrimStart('#').Trim();
        if (takeVersion && body.StartsWith("version:", StringComparison.OrdinalIgnoreCase))
        {
            version = body["version:".Length..].Trim();
        }
        else if (body.StartsWith("provisional:", StringComparison.OrdinalIgnoreCase))
        {
            provisional = !body["provisional:".Length..].Trim().Equals("false", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>One template row: its pathology and its line per level, or why it is rejected.</summary>
    private readonly record struct TemplateRow(string Pathology, List<(int Level, PaiTemplateLine Line)> Lines, InputError? Error);

    private static TemplateRow TemplateLine(
        string path, long line, string text, PaiVocabulary vocabulary, IReadOnlyDictionary<string, string> pathologies, HashSet<(string, PaiItemKind, string)> seen)
    {
        TemplateRow Reject(string field, string value, string reason) => new("", [], new InputError(path, line, field, value, reason));

        // The rationale is the last column and may contain commas.
        string[] row = text.Split(',', 9);
        if (row.Length != 9)
        {
            return Reject("*", text, $"attese 9 colonne: {TemplateColumns}");
        }

        string pathology = row[0].Trim();
        if (!pathologies.ContainsKey(pathology))
        {
            return Reject("pathology", pathology, "non è nel catalogo regionale delle patologie croniche");
        }

        if (!Enum.TryParse<PaiItemKind>(row[1].Trim(), out var kind) || !Enum.IsDefined(kind))
        {
            return Reject("kind", row[1], "atteso Service, Drug, Goal, Lifestyle o Education");
        }

        string code = row[2].Trim();
        if (!seen.Add((pathology, kind, code)))
        {
            return Reject("code", code, $"voce ripetuta per la patologia {pathology}");
        }

        var numbers = new int[5];
        string[] names = ["per_year_l1", "per_year_l2", "per_year_l3", "from_month", "to_month"];
        for (int i = 0; i < 5; i++)
        {
            if (!int.TryParse(row[3 + i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return Reject(names[i], row[3 + i], "atteso un numero intero non negativo");
            }
        }

        string rationale = row[8].Trim();
        if (rationale.Length == 0)
        {
            return Reject("rationale", "", "ogni riga deve dire perché la voce è nel modello");
        }

        var result = new List<(int Level, PaiTemplateLine Line)>();
        for (int level = 1; level <= 3; level++)
        {
            int count = numbers[level - 1];
            if (count == 0)
            {
                continue;
            }

            var templateLine = new PaiTemplateLine(kind, code, kind == PaiItemKind.Service ? count : null, numbers[3], numbers[4], null, rationale);
            PaiItem item;
            try
            {
                item = new PaiTemplate(pathology, level, [templateLine], true, "").Prefill(vocabulary)[0];
            }
            catch (CareRuleException ex)
            {
                return Reject(kind == PaiItemKind.Service ? "per_year_l" + level : "code", code, ex.Message);
            }

            try
            {
                vocabulary.Check(item);
            }
            catch (CareRuleException ex)
            {
                return Reject("code", code, ex.Message);
            }

            result.Add((level, templateLine));
        }

        return result.Count == 0 ? Reject("per_year_l1", "0", "la voce non è in nessun livello (tutti i conteggi a 0)") : new(pathology, result, null);
    }

    private static int Ordinal(CsvDataReader reader, string name)
    {
        for (int i = 0; i < reader.FieldCount; i++)
        {
            if (reader.GetName(i).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex("^[0-9A-Z]{1,8}(\\.[0-9A-Z]{1,8}){0,3}$")]
    private static partial Regex CodePattern();
}
