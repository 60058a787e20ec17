using System.Globalization;
using MiniExcelLibs;
using Territorio.Kernel.Errors;
using Territorio.Remuneration.Tariffs;

namespace Territorio.Flows.Remuneration;

/// <summary>
/// Reads the official tariff sheet (DGR X/6164/2017 Excel annex, layout in docs/remuneration.md):
/// sheet <c>Catalogo</c> (key/value: id, versione, valido_dal, valido_al, fonte, provvisorio) and
/// sheet <c>Tariffe</c> (patologia, livello, amb, far, ricov, totale, fonte, note; header on row 1).
/// Every bad cell is reported with sheet, row and column; any error refuses the whole sheet.
/// </summary>
public static class TariffSheetImporter
{
    public const string CatalogueSheet = "Catalogo";
    public const string TariffSheet = "Tariffe";

    /// <summary>Columns of the <c>Tariffe</c> sheet: letter, header, catalogue field.</summary>
    public static readonly (string Column, string Header, string Field)[] Layout =
    [
        ("A", "patologia", "pathology"),
        ("B", "livello", "level"),
        ("C", "amb", "amb"),
        ("D", "far", "far"),
        ("E", "ricov", "ricov"),
        ("F", "totale", "total"),
        ("G", "fonte", "source"),
        ("H", "note", "rationale"),
    ];

    public static TariffCatalogue Import(string path, IReadOnlySet<int> knownPathologies)
    {
        var errors = new List<InputError>();
        var sheets = MiniExcel.GetSheetNames(path);
        foreach (string required in new[] { CatalogueSheet, TariffSheet }.Where(s => !sheets.Contains(s)))
        {
            errors.Add(new InputError(path, 0, "foglio", required, $"foglio mancante (fogli presenti: {string.Join(", ", sheets)})"));
        }

        if (errors.Count > 0)
        {
            throw new InputDataException(TariffCatalogue.Describe(path, errors));
        }

        var info = ReadInfo(path, errors);
        var drafts = ReadTariffs(path, errors, info.Provisional);
        // Catalogue rules (total = sum of components, duplicates, known codes) on the rows whose cells
        // parsed, mapped back to cells, so one run reports every bad cell.
        errors.AddRange(TariffCatalogue.Validate(info, drafts, knownPathologies, path, out _).Select(e => e with
        {
            File = $"{path} foglio {TariffSheet}",
            Field = Layout.FirstOrDefault(l => l.Field == e.Field) is { Column: not null } c ? $"colonna {c.Column} ({c.Header})" : e.Field,
        }));

        return errors.Count > 0
            ? throw new InputDataException(TariffCatalogue.Describe(path, errors))
            : TariffCatalogue.Create(info, drafts, knownPathologies, path);
    }

    private static TariffCatalogueInfo ReadInfo(string path, List<InputError> errors)
    {
        var values = new Dictionary<string, (object? Value, long Row)>(StringComparer.OrdinalIgnoreCase);
        long row = 0;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(path, useHeaderRow: false, sheetName: CatalogueSheet))
        {
            row++;
            if (cells.TryGetValue("A", out var key) && key is not null && Convert.ToString(key, CultureInfo.InvariantCulture) is { Length: > 0 } name)
            {
                values[name.Trim()] = (cells.TryGetValue("B", out var v) ? v : null, row);
            }
        }

        string file = $"{path} foglio {CatalogueSheet}";
        string Text(string key, bool required = true)
        {
            if (values.TryGetValue(key, out var cell) && Convert.ToString(cell.Value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
            {
                return text.Trim();
            }

            if (required)
            {
                errors.Add(new InputError(file, cell.Row, "colonna B", "", $"manca il valore di '{key}' (chiave in colonna A)"));
            }

            return "";
        }

        DateOnly? Date(string key, bool required)
        {
            if (!values.TryGetValue(key, out var cell) || cell.Value is null || cell.Value is string { Length: 0 })
            {
                if (required)
                {
                    errors.Add(new InputError(file, 0, "colonna B", "", $"manca la data '{key}' (chiave in colonna A)"));
                }

                return null;
            }

            if (SheetCells.Date(cell.Value) is { } date)
            {
                return date;
            }

            errors.Add(new InputError(file, cell.Row, "colonna B", Convert.ToString(cell.Value, CultureInfo.InvariantCulture) ?? "", $"'{key}': data non valida (AAAA-MM-GG o data Excel)"));
            return null;
        }

        string provisional = Text("provvisorio", required: false);
        if (provisional.Length > 0 && !SheetCells.IsYesNo(provisional))
        {
            errors.Add(new InputError(file, values["provvisorio"].Row, "colonna B", provisional, "'provvisorio': atteso si o no"));
        }

        return new TariffCatalogueInfo(Text("id"), Text("versione"), Date("valido_dal", true) ?? DateOnly.MinValue, Date("valido_al", false), Text("fonte"), SheetCells.IsYes(provisional));
    }

    private static List<TariffRowDraft> ReadTariffs(string path, List<InputError> errors, bool provisional)
    {
        var drafts = new List<TariffRowDraft>();
        string file = $"{path} foglio {TariffSheet}";
        long row = 0;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(path, useHeaderRow: false, sheetName: TariffSheet))
        {
            row++;
            if (row == 1)
            {
                CheckHeader(cells, file, errors);
                continue;
            }

            if (cells.Values.All(v => v is null || v is string { Length: 0 }))
            {
                continue;
            }

            int before = errors.Count;
            object? Cell(int i) => cells.TryGetValue(Layout[i].Column, out var v) ? v : null;
            void Bad(int i, string reason) => errors.Add(new InputError(file, row, $"colonna {Layout[i].Column} ({Layout[i].Header})",
                Convert.ToString(Cell(i), CultureInfo.InvariantCulture) ?? "", reason));

            int Integer(int i)
            {
                if (SheetCells.Integer(Cell(i)) is { } value)
                {
                    return value;
                }

                Bad(i, "intero atteso");
                return 0;
            }

            decimal Amount(int i)
            {
                if (SheetCells.Amount(Cell(i)) is { } value)
                {
                    return value;
                }

                Bad(i, "importo in euro atteso (es. 276.50)");
                return 0;
            }

            int pathology = Integer(0), level = Integer(1);
            decimal amb = Amount(2), far = Amount(3), ricov = Amount(4), total = Amount(5);
            string source = Convert.ToString(Cell(6), CultureInfo.InvariantCulture)?.Trim() ?? "";
            string note = Convert.ToString(Cell(7), CultureInfo.InvariantCulture)?.Trim() ?? "";
            if (errors.Count == before)
            {
                drafts.Add(new TariffRowDraft(row, pathology, level, amb, far, ricov, total, provisional, source.Length > 0 ? source : "foglio ufficiale", note));
            }
        }

        return drafts;
    }

    private static void CheckHeader(IDictionary<string, object?> cells, string file, List<InputError> errors)
    {
        foreach (var (column, header, _) in Layout)
        {
            string actual = cells.TryGetValue(column, out var v) ? Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "" : "";
            if (!actual.Equals(header, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new InputError(file, 1, $"colonna {column}", actual, $"intestazione attesa '{header}'"));
            }
        }
    }
}

/// <summary>Typed reading of spreadsheet cells (numbers come as double, text as string).</summary>
internal static class SheetCells
{
    public static int? Integer(object? value) => value switch
    {
        double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        decimal m when m == decimal.Truncate(m) => (int)m,
        string s when int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) => i,
        _ => null,
    };

    public static decimal? Amount(object? value) => value switch
    {
        double d when double.IsFinite(d) => (decimal)d,
        decimal m => m,
        int i => i,
        long l => l,
        string s when decimal.TryParse(Normalise(s), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out decimal m) => m,
        _ => null,
    };

    public static DateOnly? Date(object? value) => value switch
    {
        DateTime t => DateOnly.FromDateTime(t),
        double d when d is > 0 and < 2958466 => DateOnly.FromDateTime(DateTime.FromOADate(d)),
        string s when DateOnly.TryParseExact(s.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date,
        _ => null,
    };

    public static bool IsYesNo(string value) => value.ToLowerInvariant() is "si" or "sì" or "no" or "true" or "false";

    public static bool IsYes(string value) => value.ToLowerInvariant() is "si" or "sì" or "true";

    /// <summary>"1.234,56" (Italian) or "1234.56" → "1234.56".</summary>
    private static string Normalise(string s)
    {
        s = s.Trim().Replace("€", "", StringComparison.Ordinal).Trim();
        return s.Contains(',', StringComparison.Ordinal) ? s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.') : s;
    }
}
