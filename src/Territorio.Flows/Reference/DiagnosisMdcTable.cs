using Sylvan.Data.Csv;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Reference;

/// <summary>
/// ICD-9-CM principal diagnosis → MDC, by three-character category ranges (data/sdo/diagnosis_mdc.csv).
/// The shipped table is Territorio's <b>provisional</b> reading of the chapters, a rationale per
/// range; the regional grouper's official table replaces it in the same format (issue 19).
/// Later rows override earlier ones, so a narrower exception follows its chapter.
/// </summary>
public sealed class DiagnosisMdcTable
{
    public const string FileName = "diagnosis_mdc.csv";

    // 000–999 numeric categories, then V00–V99.
    private readonly sbyte[] _mdc = new sbyte[1100];

    private static readonly string[] Required = ["from", "to", "mdc", "status", "rationale"];

    private DiagnosisMdcTable(string file, bool provisional, string? version, DateOnly? published)
    {
        File = file;
        IsProvisional = provisional;
        Version = version;
        Published = published;
    }

    /// <summary>True when any row of the table is marked provisional.</summary>
    public bool IsProvisional { get; }

    /// <summary>The file the table was read from (its name).</summary>
    public string File { get; }

    /// <summary>The grouper's version an imported table names (column <c>version</c>); null: not given.</summary>
    public string? Version { get; }

    /// <summary>The publication date an imported table names (column <c>published</c>); null: not given.</summary>
    public DateOnly? Published { get; }

    /// <summary>The table as a run's summary and report name it: file, status, version and date.</summary>
    public string Description =>
        IsProvisional
            ? $"{File}, PROVVISORIA (intervalli di categorie di Territorio, non la tabella del grouper)"
            : $"{File}, ufficiale" + (Version is null ? ", versione non indicata" : $", {Version}")
                + (Published is { } date ? $" del {date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}" : "");

    /// <summary>
    /// Reads a table (checked UTF-8, columns by name: <c>from,to,mdc,status,rationale</c>, optionally
    /// <c>version,published</c>); the first fault stops the load with file, line, column and reason.
    /// </summary>
    public static DiagnosisMdcTable Load(string path)
    {
        string file = Path.GetFileName(path);
        var rows = new List<(int From, int To, int Mdc)>();
        bool provisional = false;
        string? version = null;
        DateOnly? published = null;
        using (var text = Files.CheckedTextStream.OpenText(path, file))
        using (var csv = CsvDataReader.Create(text))
        {
            var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim().ToLowerInvariant()).ToList();
            foreach (string name in Required.Where(name => !header.Contains(name)))
            {
                throw new InputDataException(new InputError(file, 1, name, "", $"colonna mancante nell'intestazione (attese: {string.Join(",", Required)})"));
            }

            int Column(string name) => header.IndexOf(name);
            int versionColumn = Column("version"), publishedColumn = Column("published");
            long line = 1;
            while (csv.Read())
            {
                line++;
                string Field(string name) => Column(name) < csv.RowFieldCount ? csv.GetString(Column(name)) : "";
                int from = Category(file, line, "from", Field("from"));
                int to = Category(file, line, "to", Field("to"));
                if (to < from || (from >= 1000) != (to >= 1000))
                {
                    throw new InputDataException(new InputError(file, line, "to", Field("to"), "fine dell'intervallo prima dell'inizio"));
                }

                if (!int.TryParse(Field("mdc"), out int mdc) || mdc is < 1 or > 25)
                {
                    throw new InputDataException(new InputError(file, line, "mdc", Field("mdc"), "MDC non valida (attesa tra 1 e 25)"));
                }

                string status = Field("status").Trim().ToLowerInvariant();
                if (status is not ("provisional" or "official"))
                {
                    throw new InputDataException(new InputError(file, line, "status", Field("status"), "stato non valido (atteso provisional o official)"));
                }

                if (Field("rationale").Trim().Length == 0)
                {
                    throw new InputDataException(new InputError(file, line, "rationale", "", "ogni intervallo ha la sua motivazione"));
                }

                if (versionColumn >= 0 && versionColumn < csv.RowFieldCount && csv.GetString(versionColumn).Trim() is { Length: > 0 } named)
                {
                    version ??= named;
                }

                if (publishedColumn >= 0 && publishedColumn < csv.RowFieldCount && csv.GetString(publishedColumn).Trim() is { Length: > 0 } day)
                {
                    published ??= DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
                        ? date
                        : throw new InputDataException(new InputError(file, line, "published", day, "data non valida (atteso AAAA-MM-GG)"));
                }

                provisional |= status == "provisional";
                rows.Add((from, to, mdc));
            }

            if (rows.Count == 0)
            {
                throw new InputDataException(new InputError(file, 1, InputError.WholeFile, "", "tabella senza righe"));
            }
        }

        var table = new DiagnosisMdcTable(file, provisional, version, published);
        foreach (var (from, to, mdc) in rows)
        {
            table._mdc.AsSpan(from, to - from + 1).Fill((sbyte)mdc);
        }

        return table;
    }

    /// <summary>The MDC of a diagnosis by its category; null for E codes and categories the table leaves out.</summary>
    public int? MdcOf(Icd9CmCode diagnosis)
    {
        string? value = diagnosis.Value;
        if (value is null || value.Length < 3 || diagnosis.Kind != Icd9CmKind.Diagnosis)
        {
            return null;
        }

        int index = value[0] == 'V' ? 1000 + Digits(value[1], value[2]) : value[0] is >= '0' and <= '9' ? (100 * (value[0] - '0')) + Digits(value[1], value[2]) : -1;
        return index is >= 0 and < 1100 && _mdc[index] > 0 ? _mdc[index] : null;

        static int Digits(char tens, char units) =>
            tens is >= '0' and <= '9' && units is >= '0' and <= '9' ? (10 * (tens - '0')) + (units - '0') : -100_000;
    }

    private static int Category(string file, long line, string field, string text)
    {
        string t = text.Trim();
        bool v = t.Length == 3 && t[0] == 'V' && char.IsAsciiDigit(t[1]) && char.IsAsciiDigit(t[2]);
        if (v)
        {
            return 1000 + int.Parse(t.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return t.Length == 3 && t.All(char.IsAsciiDigit) ? int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InputDataException(new InputError(file, line, field, text, "categoria ICD-9-CM di tre caratteri attesa (001…999, V01…V91)"));
    }
}
