using System.Globalization;
using Sylvan.Data.Csv;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Stratification;

/// <summary>One pack of the AIC → ATC map: its ATC code and, when known, its DDDs per pack.</summary>
public readonly record struct DrugPack(string Atc, double DddPerPack);

/// <summary>
/// What a drugs flow needs besides its rows: the AIC → ATC map (data/aifa/aic_atc.csv, layout in
/// its README) and, when the user loads a licensed ATC/DDD file, DDDs per pack. The WHO ATC/DDD
/// index is © WHOCC: Territorio never ships it (decision 0151).
/// </summary>
public sealed class DrugReference
{
    private readonly Dictionary<string, DrugPack> _packs;
    private readonly Dictionary<string, DrugPack>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DrugReference(Dictionary<string, DrugPack> packs, string mapVersion, bool dddLoaded)
    {
        _packs = packs;
        _lookup = packs.GetAlternateLookup<ReadOnlySpan<char>>();
        MapVersion = mapVersion;
        DddLoaded = dddLoaded;
    }

    /// <summary>"version (date)" of the AIC map, printed in the run's summary.</summary>
    public string MapVersion { get; }

    public bool DddLoaded { get; }

    public int Count => _packs.Count;

    public bool TryFind(ReadOnlySpan<char> aic, out DrugPack pack) => _lookup.TryGetValue(aic, out pack);

    public static readonly string[] MapColumns = ["aic", "atc", "product", "pack_amount", "pack_unit", "route"];

    /// <summary>Reads the AIC map and, optionally, a licensed DDD file in the WHO index's layout.</summary>
    public static DrugReference Load(string mapPath, string? dddPath)
    {
        var ddd = dddPath is null ? null : ReadDdd(dddPath);
        using var text = new StreamReader(mapPath);
        return Read(text, mapPath, ddd);
    }

    public static DrugReference Read(TextReader text, string fileName, IReadOnlyDictionary<(string Atc, string Route), (double Ddd, string Unit)>? ddd)
    {
        var meta = ReadMetadata(text.ReadLine(), fileName);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        int[] ordinals = Ordinals(csv, fileName, MapColumns, line: 2);
        var packs = new Dictionary<string, DrugPack>(StringComparer.Ordinal);
        long line = 2;
        while (csv.Read())
        {
            line++;
            string aic = csv.GetString(ordinals[0]).Trim();
            string atc = csv.GetString(ordinals[1]).Trim();
            if (!AicCode.IsValid(aic) || !AtcCode.IsValidPrefix(atc))
            {
                throw new InputDataException(new InputError(fileName, line, AicCode.IsValid(aic) ? "atc" : "aic", AicCode.IsValid(aic) ? atc : aic, "codice non valido (AIC: 9 cifre; ATC: forma L-NN-L-L-NN)"));
            }

            double perPack = double.NaN;
            if (ddd is not null && double.TryParse(csv.GetString(ordinals[3]), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount)
                && ddd.TryGetValue((atc, csv.GetString(ordinals[5]).Trim()), out var daily))
            {
                perPack = InUnit(amount, csv.GetString(ordinals[4]).Trim(), daily.Unit) / daily.Ddd;
            }

            if (!packs.TryAdd(aic, new DrugPack(atc, perPack)))
            {
                throw new InputDataException(new InputError(fileName, line, "aic", aic, "codice AIC ripetuto"));
            }
        }

        return new DrugReference(packs, meta, ddd is not null);
    }

    /// <summary>
    /// A licensed ATC/DDD file in the WHO index's layout: <c>atc_code,atc_name,ddd,uom,adm_r,note</c>
    /// (rows without a DDD, "NA", are skipped).
    /// </summary>
    public static Dictionary<(string Atc, string Route), (double Ddd, string Unit)> ReadDdd(string path)
    {
        using var text = new StreamReader(path);
        return ReadDdd(text, path);
    }

    public static Dictionary<(string Atc, string Route), (double Ddd, string Unit)> ReadDdd(TextReader text, string fileName)
    {
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true });
        int[] ordinals = Ordinals(csv, fileName, ["atc_code", "ddd", "uom", "adm_r"], line: 1);
        var table = new Dictionary<(string, string), (double, string)>();
        long line = 1;
        while (csv.Read())
        {
            line++;
            string dddText = csv.GetString(ordinals[1]).Trim();
            if (dddText is "" or "NA")
            {
                continue;
            }

            if (!double.TryParse(dddText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || value <= 0)
            {
                throw new InputDataException(new InputError(fileName, line, "ddd", dddText, "DDD non valida (numero positivo, punto decimale)"));
            }

            table.TryAdd((csv.GetString(ordinals[0]).Trim(), csv.GetString(ordinals[3]).Trim()), (value, csv.GetString(ordinals[2]).Trim()));
        }

        return table;
    }

    private static double InUnit(double amount, string unit, string target) =>
        unit == target ? amount
        : MilligramsPer(unit) is double from && MilligramsPer(target) is double to ? amount * from / to
        : double.NaN;

    private static double? MilligramsPer(string unit) => unit switch
    {
        "g" => 1000,
        "mg" => 1,
        "mcg" => 0.001,
        _ => null,
    };

    private static string ReadMetadata(string? first, string fileName)
    {
        if (first is null || !first.StartsWith('#'))
        {
            throw new InputDataException(new InputError(fileName, 1, "version", first ?? "", "prima riga attesa '# version: … | date: …'"));
        }

        var fields = first[1..].Split('|', StringSplitOptions.TrimEntries)
            .Select(part => part.Split(':', 2, StringSplitOptions.TrimEntries))
            .Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        return fields.TryGetValue("version", out string? version) && fields.TryGetValue("date", out string? date)
            ? $"{version} ({date})"
            : throw new InputDataException(new InputError(fileName, 1, "version", first, "versione e data obbligatorie nella prima riga"));
    }

    private static int[] Ordinals(CsvDataReader csv, string fileName, string[] columns, long line)
    {
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
        return [.. columns.Select(column => header.IndexOf(column) is var i and >= 0
            ? i
            : throw new InputDataException(new InputError(fileName, line, column, "", "colonna mancante nell'intestazione")))];
    }
}
