using Sylvan.Data.Csv;
using Territorio.Kernel.Errors;

namespace Territorio.Fhir.Conformance;

/// <summary>One outpatient service in the region's catalogue DDC-PrestSpecSISS.</summary>
public sealed record SissService(string Code, string Display, bool Provisional);

/// <summary>
/// From the national nomenclator's codes (what a PAI stores) to the region's DDC-PrestSpecSISS,
/// which RLServiceRequestPrestazioniSpecialistiche binds but the region publishes without codes.
/// Shipped as <c>data/lombardia-fhir/territorio/mappa_nomenclatore_siss.csv</c>, provisional, a
/// rationale per row; <see cref="ImportOfficial"/> replaces it with the region's catalogue (decision 0135).
/// </summary>
public sealed class ServiceCodeMap
{
    public const string FileName = "mappa_nomenclatore_siss.csv";
    private const string Header = "codice_nazionale,codice_siss,descrizione,stato,motivazione";

    private readonly Dictionary<string, SissService> _byNationalCode;

    private ServiceCodeMap(Dictionary<string, SissService> byNationalCode) => _byNationalCode = byNationalCode;

    public int Count => _byNationalCode.Count;

    /// <summary>The SISS code of a national code, or null where there is none (not in the map, or marked unmapped).</summary>
    public SissService? Find(string nationalCode) => _byNationalCode.GetValueOrDefault(nationalCode);

    /// <param name="path">The map file; its rows with an empty SISS code (ambiguous, unmapped) are skipped.</param>
    public static ServiceCodeMap Load(string path)
    {
        var map = new Dictionary<string, SissService>(StringComparer.Ordinal);
        using var csv = CsvDataReader.Create(path);
        while (csv.Read())
        {
            if (csv.GetString(1) is { Length: > 0 } siss)
            {
                map[csv.GetString(0)] = new SissService(siss, csv.GetString(2), csv.GetString(3) != "official");
            }
        }

        return new ServiceCodeMap(map);
    }

    /// <summary>
    /// Writes the map from the region's catalogue: a CSV with the columns <c>codice_siss</c>,
    /// <c>codice_nazionale</c> and <c>descrizione</c> (others ignored). Every row is checked before
    /// anything is written; a bad row names file, line, field and reason.
    /// </summary>
    /// <returns>How many services the new map holds.</returns>
    public static int ImportOfficial(string catalogue, string mapPath)
    {
        var rows = new List<string[]>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var csv = CsvDataReader.Create(catalogue))
        {
            int Column(string name) => Enumerable.Range(0, csv.FieldCount).FirstOrDefault(i => csv.GetName(i) == name, -1) is var index and >= 0
                ? index
                : throw new InputDataException(new InputError(catalogue, 1, name, string.Empty, "colonna mancante nell'intestazione"));
            int sissColumn = Column("codice_siss"), nationalColumn = Column("codice_nazionale"), descriptionColumn = Column("descrizione");
            long line = 1;
            while (csv.Read())
            {
                line++;
                string siss = csv.GetString(sissColumn).Trim(), national = csv.GetString(nationalColumn).Trim(), description = csv.GetString(descriptionColumn).Trim();
                if (siss.Length == 0 || !siss.All(char.IsAsciiLetterOrDigit))
                {
                    throw new InputDataException(new InputError(catalogue, line, "codice_siss", siss, "atteso un codice alfanumerico non vuoto"));
                }

                if (national.Length == 0)
                {
                    continue; // a regional-only service: no national code maps to it
                }

                if (seen.TryGetValue(national, out long first))
                {
                    throw new InputDataException(new InputError(catalogue, line, "codice_nazionale", national, $"già mappato alla riga {first}"));
                }

                seen[national] = line;
                rows.Add([national, siss, description, "official", $"catalogo regionale {Path.GetFileName(catalogue)}, riga {line}"]);
            }
        }

        string temporary = mapPath + ".tmp";
        using (var writer = new StreamWriter(temporary))
        {
            writer.WriteLine(Header);
            foreach (var row in rows)
            {
                writer.WriteLine(string.Join(',', row.Select(Quote)));
            }
        }

        File.Move(temporary, mapPath, overwrite: true);
        return rows.Count;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
