using System.Globalization;
using System.Text.RegularExpressions;
using Sylvan.Data.Csv;
using Territorio.Flows.Remuneration;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Stratification;

/// <summary>
/// Builds the AIC → ATC map (layout: data/aifa/README.md) from AIFA's public lists: the open-data
/// <c>confezioni.csv</c>, the transparency list, or HL7 Italia's copy. Columns are found by name,
/// separator <c>;</c> or <c>,</c>; bad rows are reported with their line and skipped.
/// </summary>
public static partial class AicMapImporter
{
    private static readonly string[] AicNames = ["codice_aic", "codice aic", "aic"];
    private static readonly string[] AtcNames = ["codice_atc", "codice atc", "atc"];
    private static readonly string[] ProductNames = ["denominazione", "denominazione e confezione", "farmaco"];
    private static readonly string[] GroupNames = ["descrizione gruppo", "descrizione_gruppo", "gruppo_descrizione"];

    public static int Import(TextReader input, string fileName, TextWriter output, string version, DateOnly date, Action<InputError> onError)
    {
        string first = input.ReadLine() ?? throw new InputDataException(new InputError(fileName, 1, "", "", "file vuoto"));
        char delimiter = first.Count(c => c == ';') > first.Count(c => c == ',') ? ';' : ',';
        using var csv = CsvDataReader.Create(new StringReader(first + "\n" + input.ReadToEnd()), new CsvDataReaderOptions { HasHeaders = true, Delimiter = delimiter });
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim().ToLowerInvariant()).ToList();
        int Find(string[] names, bool required)
        {
            int found = names.Select(name => header.IndexOf(name)).FirstOrDefault(i => i >= 0, -1);
            return found >= 0 || !required
                ? found
                : throw new InputDataException(new InputError(fileName, 1, names[0], "", $"colonna mancante nell'intestazione (attesa una di: {string.Join(", ", names)})"));
        }

        int aicColumn = Find(AicNames, required: true), atcColumn = Find(AtcNames, required: true);
        int productColumn = Find(ProductNames, required: false), groupColumn = Find(GroupNames, required: false);

        output.WriteLine($"# version: {version} | date: {date:yyyy-MM-dd} | source: {Path.GetFileName(fileName)} | licence: dati pubblici AIFA");
        output.WriteLine(string.Join(',', DrugReference.MapColumns));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long line = 1;
        int written = 0;
        while (csv.Read())
        {
            line++;
            string aic = csv.GetString(aicColumn).Trim().PadLeft(9, '0');
            string atc = csv.GetString(atcColumn).Trim().ToUpperInvariant();
            if (!AicCode.IsValid(aic))
            {
                onError(new InputError(fileName, line, header[aicColumn], csv.GetString(aicColumn), "codice AIC non valido (fino a 9 cifre)"));
                continue;
            }

            if (!AtcCode.IsValidPrefix(atc))
            {
                onError(new InputError(fileName, line, header[atcColumn], atc, "codice ATC assente o non valido"));
                continue;
            }

            if (!seen.Add(aic))
            {
                continue;
            }

            string product = productColumn >= 0 ? csv.GetString(productColumn).Trim() : "";
            var (amount, unit, route) = groupColumn >= 0 ? PackContent(csv.GetString(groupColumn)) : ("", "", "");
            output.WriteLine(string.Join(',', aic, atc, RemunerationExport.Quoted(product), amount, unit, route));
            written++;
        }

        return written;
    }

    /// <summary>"ACARBOSIO 100MG 40 UNITA' USO ORALE" → 4000 mg, oral; a combination or a solution gives nothing.</summary>
    public static (string Amount, string Unit, string Route) PackContent(string description)
    {
        var match = SingleStrength().Match(description.Trim());
        if (!match.Success || Route(match.Groups[4].Value) is not { } route)
        {
            return ("", "", "");
        }

        double amount = double.Parse(match.Groups[1].Value.Replace(',', '.'), CultureInfo.InvariantCulture) * int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        string unit = match.Groups[2].Value switch { "MG" => "mg", "G" => "g", "MCG" => "mcg", _ => "U" };
        return (amount.ToString("0.####", CultureInfo.InvariantCulture), unit, route);
    }

    private static string? Route(string text) => text switch
    {
        _ when text.Contains("PARENTERALE", StringComparison.Ordinal) && !text.Contains("ORALE ", StringComparison.Ordinal) && !text.EndsWith(" ORALE", StringComparison.Ordinal) => "P",
        _ when text.Contains("USO ORALE", StringComparison.Ordinal) && !text.Contains("PARENTERALE", StringComparison.Ordinal) && !text.Contains("VAGINALE", StringComparison.Ordinal) => "O",
        "USO SUBLINGUALE" => "SL",
        "USO RETTALE" => "R",
        _ => null,
    };

    [GeneratedRegex(@"^[A-Z' \-/]+? (\d+(?:,\d+)?)(MG|G|MCG|UI) (\d+) UNITA' (.*)$")]
    private static partial Regex SingleStrength();
}
