using System.Globalization;
using Sylvan.Data.Csv;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Reference;

/// <summary>
/// Builds <c>diagnosis_mdc.csv</c> (the format <see cref="DiagnosisMdcTable"/> reads) from the
/// grouper's official diagnosis table: one row per ICD-9-CM diagnosis code with its MDC, as the
/// regional grouper (CMS-DRG v24 in its Italian edition) distributes it. Columns are found by name
/// (<c>diagnosi</c>/<c>codice</c>/<c>dx</c> and <c>mdc</c>), separator <c>;</c> or <c>,</c>, codes with
/// or without the dot. The table keeps three-character categories: a category whose codes fall in
/// one MDC becomes that MDC; one the grouper splits takes the MDC of most of its codes, and the
/// rationale says so. Bad rows are reported with their line and skipped.
/// </summary>
public static class DiagnosisMdcImporter
{
    private static readonly string[] CodeNames = ["diagnosi", "codice_diagnosi", "codice diagnosi", "codice", "dx", "cod_dia"];
    private static readonly string[] MdcNames = ["mdc", "cod_mdc", "codice_mdc"];

    /// <summary>Writes the table; returns the categories written.</summary>
    public static int Import(TextReader input, string fileName, TextWriter output, string version, DateOnly date, Action<InputError> onError)
    {
        string first = input.ReadLine() ?? throw new InputDataException(new InputError(fileName, 1, "", "", "file vuoto"));
        char delimiter = first.Count(c => c == ';') > first.Count(c => c == ',') ? ';' : ',';
        using var csv = CsvDataReader.Create(new StringReader(first + "\n" + input.ReadToEnd()), new CsvDataReaderOptions { HasHeaders = true, Delimiter = delimiter });
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim().ToLowerInvariant()).ToList();
        int Find(string[] names) =>
            names.Select(name => header.IndexOf(name)).FirstOrDefault(i => i >= 0, -1) is var found and >= 0
                ? found
                : throw new InputDataException(new InputError(fileName, 1, names[0], "", $"colonna mancante nell'intestazione (attesa una di: {string.Join(", ", names)})"));
        int codeColumn = Find(CodeNames), mdcColumn = Find(MdcNames);

        // Per category (000–999, then V00–V99): how many codes fall in each MDC.
        var counts = new SortedDictionary<int, Dictionary<int, int>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long line = 1;
        while (csv.Read())
        {
            line++;
            string code = csv.GetString(codeColumn).Trim().Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
            if (Category(code) is not { } category)
            {
                onError(new InputError(fileName, line, header[codeColumn], csv.GetString(codeColumn), "codice di diagnosi ICD-9-CM non valido (001–999 o V01–V91, fino a cinque caratteri)"));
                continue;
            }

            if (!int.TryParse(csv.GetString(mdcColumn).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int mdc) || mdc is < 1 or > 25)
            {
                onError(new InputError(fileName, line, header[mdcColumn], csv.GetString(mdcColumn), "MDC non valida (attesa tra 1 e 25)"));
                continue;
            }

            if (!seen.Add(code))
            {
                onError(new InputError(fileName, line, header[codeColumn], code, "codice ripetuto (già in una riga precedente)"));
                continue;
            }

            var byMdc = counts.TryGetValue(category, out var found) ? found : counts[category] = [];
            byMdc[mdc] = byMdc.GetValueOrDefault(mdc) + 1;
        }

        string source = $"tabella ufficiale del grouper {version} del {date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} ({Path.GetFileName(fileName)})";
        // Version and date also in columns of their own: a check names the table it used by them (decision 0222).
        string versionField = "\"" + version.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        string published = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        output.WriteLine("from,to,mdc,status,rationale,version,published");
        int written = 0;
        foreach (var (from, to, mdc, rationale) in Ranges(counts))
        {
            output.WriteLine($"{Name(from)},{Name(to)},{mdc},official,\"{source}: {rationale}\",{versionField},{published}");
            written += to - from + 1;
        }

        return written;
    }

    /// <summary>Consecutive categories whose codes all fall in one MDC merge into one range; a split category stands alone.</summary>
    private static IEnumerable<(int From, int To, int Mdc, string Rationale)> Ranges(SortedDictionary<int, Dictionary<int, int>> counts)
    {
        (int From, int To, int Mdc, int Codes)? open = null;
        foreach (var (category, byMdc) in counts)
        {
            var ordered = byMdc.OrderByDescending(m => m.Value).ThenBy(m => m.Key).ToList();
            int mdc = ordered[0].Key, codes = byMdc.Values.Sum();
            if (ordered.Count == 1 && open is { } run && run.Mdc == mdc && run.To == category - 1 && (run.From >= 1000) == (category >= 1000))
            {
                open = run with { To = category, Codes = run.Codes + codes };
                continue;
            }

            if (open is { } done)
            {
                yield return Unanimous(done);
                open = null;
            }

            if (ordered.Count == 1)
            {
                open = (category, category, mdc, codes);
            }
            else
            {
                string others = string.Join(", ", ordered.Skip(1).Select(m => $"{m.Value} in MDC {m.Key}"));
                yield return (category, category, mdc, $"categoria divisa dal grouper: {ordered[0].Value} codici su {codes} in MDC {mdc} ({others}); vale la MDC della maggioranza");
            }
        }

        if (open is { } last)
        {
            yield return Unanimous(last);
        }

        static (int, int, int, string) Unanimous((int From, int To, int Mdc, int Codes) run) =>
            (run.From, run.To, run.Mdc, run.Codes == 1 ? $"1 codice, in MDC {run.Mdc}" : $"{run.Codes} codici, tutti in MDC {run.Mdc}");
    }

    private static int? Category(string code)
    {
        if (code.Length is < 3 or > 5 || code.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        return code[0] == 'V' ? 1000 + int.Parse(code.AsSpan(1, 2), CultureInfo.InvariantCulture)
            : char.IsAsciiDigit(code[0]) ? int.Parse(code.AsSpan(0, 3), CultureInfo.InvariantCulture)
            : null;
    }

    private static string Name(int category) => category >= 1000 ? $"V{category - 1000:00}" : $"{category:000}";
}
