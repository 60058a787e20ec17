using Territorio.Kernel.Errors;

namespace Territorio.Stratification.Criteria;

/// <summary>One pathology of Regione Lombardia's chronic-care catalogue (code system SGDT-PatologieNonICD9CM).</summary>
public sealed record CatalogueEntry(int Code, string Display, int Order);

/// <summary>
/// The regional catalogue of chronic pathologies (<c>data/lombardia/patologie_croniche.csv</c>):
/// the codes a stratification outputs, in catalogue order (which breaks ties between pathologies).
/// </summary>
public sealed class PathologyCatalogue
{
    private readonly Dictionary<int, CatalogueEntry> _byCode;

    public PathologyCatalogue(IEnumerable<CatalogueEntry> entries)
    {
        Entries = [.. entries];
        _byCode = Entries.ToDictionary(e => e.Code);
    }

    public IReadOnlyList<CatalogueEntry> Entries { get; }

    public CatalogueEntry? Find(int code) => _byCode.GetValueOrDefault(code);

    /// <summary>Reads the shipped layout <c>code,display</c> (header first, displays may be quoted).</summary>
    public static PathologyCatalogue Parse(TextReader reader, string fileName)
    {
        string? header = reader.ReadLine();
        if (header is null || !header.StartsWith("code,", StringComparison.Ordinal))
        {
            throw new InputDataException(new InputError(fileName, 1, "code", header ?? "", "intestazione attesa 'code,display'"));
        }

        var entries = new List<CatalogueEntry>();
        int line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            int comma = text.IndexOf(',');
            if (comma <= 0 || !int.TryParse(text.AsSpan(0, comma), out int code))
            {
                throw new InputDataException(new InputError(fileName, line, "code", text, "codice di patologia non numerico"));
            }

            entries.Add(new CatalogueEntry(code, text[(comma + 1)..].Trim('"'), entries.Count));
        }

        return new PathologyCatalogue(entries);
    }
}
