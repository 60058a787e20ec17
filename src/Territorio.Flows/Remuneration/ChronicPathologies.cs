using Sylvan.Data.Csv;
using Territorio.Flows.Reference;

namespace Territorio.Flows.Remuneration;

/// <summary>Regione Lombardia's coded chronic pathologies (<c>lombardia/patologie_croniche.csv</c>): code → name.</summary>
public sealed class ChronicPathologies
{
    private readonly Dictionary<int, string> _names;

    private ChronicPathologies(Dictionary<int, string> names)
    {
        _names = names;
        Codes = names.Keys.ToHashSet();
    }

    public IReadOnlySet<int> Codes { get; }

    public string NameOf(int code) => _names.GetValueOrDefault(code, "?");

    public static ChronicPathologies Load(ReferenceData data)
    {
        string path = data.PathOf("lombardia", "patologie_croniche.csv");
        using var csv = CsvDataReader.Create(path);
        var names = new Dictionary<int, string>();
        while (csv.Read())
        {
            names[int.Parse(csv.GetString(0), System.Globalization.CultureInfo.InvariantCulture)] = csv.GetString(1);
        }

        return new ChronicPathologies(names);
    }
}
