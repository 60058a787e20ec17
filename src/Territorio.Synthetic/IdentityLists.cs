using Territorio.Kernel.Population;

namespace Territorio.Synthetic;

/// <summary>A municipality the demo region draws from: Belfiore code, name, CAP range, ATS (empty outside Lombardy) and weight (population, thousands).</summary>
public sealed record DemoMunicipality(Municipality Municipality, string Province, string CapFrom, string CapTo, string Ats, int Weight);

/// <summary>
/// The lists the demo region composes people from (<c>data/population/</c>: surnames, given names
/// by sex, municipalities with Belfiore codes, streets). Read once; every list must be non-empty.
/// </summary>
public sealed class IdentityLists
{
    private IdentityLists(string[] surnames, string[] maleNames, string[] femaleNames, DemoMunicipality[] municipalities, string[] streets)
    {
        Surnames = surnames;
        MaleNames = maleNames;
        FemaleNames = femaleNames;
        Municipalities = municipalities;
        Streets = streets;
        Italian = municipalities.Where(m => !m.Municipality.Code.StartsWith('Z')).ToArray();
        Abroad = municipalities.Where(m => m.Municipality.Code.StartsWith('Z')).ToArray();
    }

    public IReadOnlyList<string> Surnames { get; }

    public IReadOnlyList<string> MaleNames { get; }

    public IReadOnlyList<string> FemaleNames { get; }

    public IReadOnlyList<DemoMunicipality> Municipalities { get; }

    /// <summary>Italian municipalities (birthplaces elsewhere in Italy).</summary>
    public IReadOnlyList<DemoMunicipality> Italian { get; }

    /// <summary>Countries abroad (Z codes: birthplaces of people born abroad).</summary>
    public IReadOnlyList<DemoMunicipality> Abroad { get; }

    public IReadOnlyList<string> Streets { get; }

    /// <summary>The lists in a folder (the shipped <c>data/population</c> or an official replacement with the same columns).</summary>
    public static IdentityLists Load(string folder)
    {
        var names = Rows(folder, "nomi.csv", 2);
        var municipalities = Rows(folder, "comuni.csv", 7).Select(r => new DemoMunicipality(new Municipality(r.Fields[0], r.Fields[1]), r.Fields[2], r.Fields[3], r.Fields[4], r.Fields[5],
            int.TryParse(r.Fields[6], out int weight) && weight >= 0 ? weight : throw Bad(r.Path, r.Line, "peso", r.Fields[6], "peso non valido (intero non negativo)"))).ToArray();
        foreach (var m in municipalities)
        {
            if (m.Municipality.Code is not { Length: 4 } code || !char.IsAsciiLetterUpper(code[0]) || code.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
            {
                throw Bad(Path.Combine(folder, "comuni.csv"), 0, "belfiore", m.Municipality.Code, "codice Belfiore non valido (lettera e tre cifre)");
            }
        }

        return new IdentityLists(
            Rows(folder, "cognomi.csv", 1).Select(r => r.Fields[0]).ToArray(),
            names.Where(r => r.Fields[1] == "M").Select(r => r.Fields[0]).ToArray(),
            names.Where(r => r.Fields[1] == "F").Select(r => r.Fields[0]).ToArray(),
            municipalities,
            Rows(folder, "vie.csv", 1).Select(r => r.Fields[0]).ToArray());
    }

    /// <summary>The municipalities of an ATS, for residences and surgeries.</summary>
    public DemoMunicipality[] OfAts(string ats)
    {
        var found = Municipalities.Where(m => m.Ats == ats && m.Weight > 0).ToArray();
        return found.Length > 0 ? found : throw new InvalidOperationException($"data/population/comuni.csv: nessun comune per l'ATS {ats}");
    }

    private static List<(string Path, int Line, string[] Fields)> Rows(string folder, string file, int columns)
    {
        string path = Path.Combine(folder, file);
        var rows = new List<(string, int, string[])>();
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            if (++line == 1 || text.Length == 0)
            {
                continue;
            }

            string[] fields = text.Split(',');
            if (fields.Length != columns || fields[0].Length == 0)
            {
                throw Bad(path, line, "", text, $"attese {columns} colonne, la prima non vuota");
            }

            rows.Add((path, line, fields));
        }

        return rows.Count > 0 ? rows : throw Bad(path, 1, "", "", "elenco vuoto");
    }

    private static Kernel.Errors.InputDataException Bad(string path, int line, string field, string value, string reason) =>
        new(new Kernel.Errors.InputError(path, line, field, value, reason));
}
