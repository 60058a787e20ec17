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

    private DiagnosisMdcTable(bool provisional) => IsProvisional = provisional;

    /// <summary>True when any row of the table is marked provisional.</summary>
    public bool IsProvisional { get; }

    public static DiagnosisMdcTable Load(string path)
    {
        string file = Path.GetFileName(path);
        var rows = new List<(int From, int To, int Mdc)>();
        bool provisional = false;
        using (var csv = CsvDataReader.Create(path))
        {
            long line = 1;
            while (csv.Read())
            {
                line++;
                int from = Category(file, line, "from", csv.GetString(0));
                int to = Category(file, line, "to", csv.GetString(1));
                if (to < from || (from >= 1000) != (to >= 1000))
                {
                    throw new InputDataException(new InputError(file, line, "to", csv.GetString(1), "fine dell'intervallo prima dell'inizio"));
                }

                if (!int.TryParse(csv.GetString(2), out int mdc) || mdc is < 1 or > 25)
                {
                    throw new InputDataException(new InputError(file, line, "mdc", csv.GetString(2), "MDC non valida (attesa tra 1 e 25)"));
                }

                if (csv.GetString(4).Trim().Length == 0)
                {
                    throw new InputDataException(new InputError(file, line, "rationale", "", "ogni intervallo ha la sua motivazione"));
                }

                provisional |= csv.GetString(3).Trim().Equals("provisional", StringComparison.OrdinalIgnoreCase);
                rows.Add((from, to, mdc));
            }
        }

        var table = new DiagnosisMdcTable(provisional);
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
