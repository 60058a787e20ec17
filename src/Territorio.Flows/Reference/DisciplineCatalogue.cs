using Sylvan.Data.Csv;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Reference;

/// <summary>
/// Hospital ward disciplines by code (data/sdo/discipline.csv: the Ministry's list, GU SG n.38 of
/// 14/02/2019), so that screens, PDFs and exports say "32 Neurologia", not "32".
/// </summary>
public sealed class DisciplineCatalogue
{
    public const string FileName = "discipline.csv";

    private static readonly string[] Required = ["codice", "nome"];

    private readonly Dictionary<int, string> _names;

    private DisciplineCatalogue(Dictionary<int, string> names) => _names = names;

    /// <summary>The discipline's name ("Neurologia"); null for a code the list does not know.</summary>
    public string? NameOf(int code) => _names.GetValueOrDefault(code);

    /// <summary>"32 Neurologia"; the code alone when the list does not know it (never hidden).</summary>
    public string Label(int code)
    {
        string number = code.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        return NameOf(code) is { } name ? $"{number} {name}" : number;
    }

    /// <summary>A discipline written as text ("32", "032"): its label; other text stays as it is.</summary>
    public string Label(string code) =>
        int.TryParse(code.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number) ? Label(number) : code;

    /// <summary>Reads the list (checked UTF-8, columns <c>codice,nome</c>); the first fault stops the load with file, line, field and reason.</summary>
    public static DisciplineCatalogue Load(string path)
    {
        string file = Path.GetFileName(path);
        var names = new Dictionary<int, string>();
        using var text = Files.CheckedTextStream.OpenText(path, file);
        using var csv = CsvDataReader.Create(text);
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim().ToLowerInvariant()).ToList();
        foreach (string name in Required.Where(name => !header.Contains(name)))
        {
            throw new InputDataException(new InputError(file, 1, name, "", $"colonna mancante nell'intestazione (attese: {string.Join(",", Required)})"));
        }

        int codeColumn = header.IndexOf("codice"), nameColumn = header.IndexOf("nome");
        long line = 1;
        while (csv.Read())
        {
            line++;
            string code = codeColumn < csv.RowFieldCount ? csv.GetString(codeColumn).Trim() : "";
            string name = nameColumn < csv.RowFieldCount ? csv.GetString(nameColumn).Trim() : "";
            if (!int.TryParse(code, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number) || number is < 1 or > 99)
            {
                throw new InputDataException(new InputError(file, line, "codice", code, "codice di disciplina non valido (atteso tra 01 e 99)"));
            }

            if (name.Length == 0)
            {
                throw new InputDataException(new InputError(file, line, "nome", "", "disciplina senza nome"));
            }

            if (!names.TryAdd(number, name))
            {
                throw new InputDataException(new InputError(file, line, "codice", code, "codice di disciplina ripetuto"));
            }
        }

        return names.Count > 0
            ? new DisciplineCatalogue(names)
            : throw new InputDataException(new InputError(file, 1, InputError.WholeFile, "", "elenco senza righe"));
    }
}
