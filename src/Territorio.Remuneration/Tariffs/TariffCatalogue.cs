using Territorio.Kernel.Errors;

namespace Territorio.Remuneration.Tariffs;

/// <summary>
/// A row as a catalogue file states it, before validation: the declared total is checked against
/// the components; <paramref name="Line"/> locates it in the file (row number or sheet row).
/// </summary>
public sealed record TariffRowDraft(
    long Line,
    int Pathology,
    int Level,
    decimal Amb,
    decimal Far,
    decimal Ricov,
    decimal DeclaredTotal,
    bool Provisional,
    string Source,
    string Rationale);

/// <summary>
/// A validated tariff catalogue: one row per pathology and level 1–3, totals equal to the sum of
/// the components, provisional rows only in a catalogue marked provisional.
/// </summary>
public sealed class TariffCatalogue
{
    public const int MinLevel = 1;
    public const int MaxLevel = 3;

    private readonly Dictionary<(int Pathology, int Level), TariffRow> _rows;

    private TariffCatalogue(TariffCatalogueInfo info, List<TariffRow> rows)
    {
        Info = info;
        Rows = rows;
        _rows = rows.ToDictionary(r => (r.Pathology, r.Level));
    }

    public TariffCatalogueInfo Info { get; }

    /// <summary>Rows ordered by pathology, then level.</summary>
    public IReadOnlyList<TariffRow> Rows { get; }

    public TariffRow? Find(int pathology, int level) => _rows.GetValueOrDefault((pathology, level));

    /// <summary>
    /// Validates every draft row and returns the catalogue, or throws one
    /// <see cref="InputDataException"/> listing every rejected row (nothing half-accepted).
    /// </summary>
    public static TariffCatalogue Create(TariffCatalogueInfo info, IEnumerable<TariffRowDraft> drafts, IReadOnlySet<int> knownPathologies, string file)
    {
        var errors = Validate(info, drafts, knownPathologies, file, out var rows);
        if (errors.Count > 0)
        {
            throw new InputDataException(Describe(file, errors));
        }

        rows.Sort((a, b) => a.Pathology != b.Pathology ? a.Pathology.CompareTo(b.Pathology) : a.Level.CompareTo(b.Level));
        return new TariffCatalogue(info, rows);
    }

    public static List<InputError> Validate(TariffCatalogueInfo info, IEnumerable<TariffRowDraft> drafts, IReadOnlySet<int> knownPathologies, string file, out List<TariffRow> rows)
    {
        var errors = new List<InputError>();
        rows = [];
        var seen = new Dictionary<(int, int), long>();
        if (info.ValidTo < info.ValidFrom)
        {
            errors.Add(new InputError(file, 0, "valid_to", $"{info.ValidTo:yyyy-MM-dd}", $"fine validità precedente all'inizio ({info.ValidFrom:yyyy-MM-dd})"));
        }

        foreach (var d in drafts)
        {
            int before = errors.Count;
            if (!knownPathologies.Contains(d.Pathology))
            {
                errors.Add(new InputError(file, d.Line, "pathology", d.Pathology.ToString(), "codice di patologia non presente in lombardia/patologie_croniche.csv"));
            }

            if (d.Level is < MinLevel or > MaxLevel)
            {
                errors.Add(new InputError(file, d.Line, "level", d.Level.ToString(), "il livello deve essere 1, 2 o 3"));
            }

            CheckAmount(d, "amb", d.Amb);
            CheckAmount(d, "far", d.Far);
            CheckAmount(d, "ricov", d.Ricov);
            CheckAmount(d, "total", d.DeclaredTotal);
            if (string.IsNullOrWhiteSpace(d.Source))
            {
                errors.Add(new InputError(file, d.Line, "source", "", "manca la fonte della tariffa"));
            }

            if (d.Provisional && !info.Provisional)
            {
                errors.Add(new InputError(file, d.Line, "provisional", "true", "riga provvisoria in un catalogo non marcato provvisorio"));
            }

            if (d.Provisional && string.IsNullOrWhiteSpace(d.Rationale))
            {
                errors.Add(new InputError(file, d.Line, "rationale", "", "una tariffa provvisoria deve dire come è stata stimata"));
            }

            if (seen.TryGetValue((d.Pathology, d.Level), out long firstLine))
            {
                errors.Add(new InputError(file, d.Line, "pathology/level", $"{d.Pathology}/{d.Level}", $"tariffa duplicata (già alla riga {firstLine})"));
            }
            else
            {
                seen.Add((d.Pathology, d.Level), d.Line);
            }

            if (errors.Count > before)
            {
                continue;
            }

            var row = new TariffRow(d.Pathology, d.Level, d.Amb, d.Far, d.Ricov, d.Provisional, d.Source, d.Rationale);
            if (row.Total != d.DeclaredTotal)
            {
                errors.Add(new InputError(file, d.Line, "total", d.DeclaredTotal.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                    $"il totale non è la somma delle componenti: amb {row.Amb:0.00} + far {row.Far:0.00} + quota MMG 8% {row.MmgShare:0.00} + ricov {row.Ricov:0.00} = {row.Total:0.00}"));
                continue;
            }

            rows.Add(row);
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new InputError(file, 0, "tariffs", "", "il catalogo non contiene tariffe"));
        }

        return errors;

        void CheckAmount(TariffRowDraft d, string field, decimal value)
        {
            if (value < 0 || !Euro.IsWholeCents(value))
            {
                errors.Add(new InputError(file, d.Line, field, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "importo non valido: deve essere ≥ 0 e al centesimo"));
            }
        }
    }

    public static string Describe(string file, IReadOnlyCollection<InputError> errors) =>
        $"catalogo tariffe rifiutato ({file}): {errors.Count} errori\n" + string.Join('\n', errors.Select(e => "  " + e));
}
