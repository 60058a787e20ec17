using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Territorio.Fhir.Conformance;

/// <summary>One regional code system: its codes and displays, as published.</summary>
public sealed class RegionalCodeSystem
{
    private readonly FrozenDictionary<string, string> _displays;
    private readonly bool _integerCodes;

    public RegionalCodeSystem(string url, string status, IEnumerable<KeyValuePair<string, string>> concepts, bool provisional)
    {
        Url = url;
        Status = status;
        Provisional = provisional;
        _displays = concepts.ToFrozenDictionary(StringComparer.Ordinal);
        _integerCodes = _displays.Count > 0 && _displays.Keys.All(IsCanonicalInteger);
    }

    public string Url { get; }

    internal static RegionalCodeSystem Merge(IReadOnlyList<RegionalCodeSystem> parts) =>
        new(parts[0].Url, parts[0].Status, parts.SelectMany(p => p._displays).DistinctBy(c => c.Key), parts.Any(p => p.Provisional));

    /// <summary>The vocabulary's name, the part after <c>/CodeSystem/</c>.</summary>
    public string Name => RegionalUrls.VocabularyName(Url);

    public string Status { get; }

    /// <summary>True for lists (or supplements) Territorio ships where the region has published none (decision 0071).</summary>
    public bool Provisional { get; }

    /// <summary>False for published shells without concepts (e.g. DDC-PrestSpecSISS): nothing to check against.</summary>
    public bool HasConcepts => _displays.Count > 0;

    public IEnumerable<string> Codes => _displays.Keys;

    /// <summary>
    /// Whether the code exists. Where every code is an integer (pathologies 1–65, levels 1–3) the
    /// region's own messages write them zero-padded ("02"): compared as numbers there (decision 0071).
    /// </summary>
    public bool Contains(string? code) => Canonical(code) is not null;

    public string? Display(string? code) => Canonical(code) is { } c ? _displays[c] : null;

    /// <summary>The code as published ("02" → "2" in an integer-coded system), or null when absent.</summary>
    public string? Canonical(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        if (_displays.ContainsKey(code))
        {
            return code;
        }

        if (_integerCodes && code.All(char.IsAsciiDigit) && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            string canonical = number.ToString(CultureInfo.InvariantCulture);
            return _displays.ContainsKey(canonical) ? canonical : null;
        }

        return null;
    }

    private static bool IsCanonicalInteger(string code) =>
        code.Length > 0 && code.All(char.IsAsciiDigit) && (code.Length == 1 || code[0] != '0');
}

/// <summary>
/// The regional code systems shipped in <c>data/lombardia-fhir/codesystems/</c> (plus Territorio's
/// provisional ones), found by vocabulary name whichever spelling (ValueSet or CodeSystem URL) a
/// coding or binding uses.
/// </summary>
public sealed class CodeSystemCatalogue
{
    private readonly FrozenDictionary<string, RegionalCodeSystem> _byName;

    /// <summary>Systems sharing a URL are merged: Territorio's supplements add codes to the region's (decision 0071).</summary>
    public CodeSystemCatalogue(IEnumerable<RegionalCodeSystem> systems) =>
        _byName = systems.GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Count() == 1 ? g.First() : RegionalCodeSystem.Merge([.. g]), StringComparer.Ordinal);

    public IEnumerable<RegionalCodeSystem> All => _byName.Values;

    /// <summary>The code system behind a coding's system or a binding's ValueSet, when shipped with concepts.</summary>
    public RegionalCodeSystem? Find(string? systemOrValueSet) =>
        systemOrValueSet is not null && _byName.TryGetValue(RegionalUrls.VocabularyName(systemOrValueSet), out var cs) && cs.HasConcepts
            ? cs
            : null;

    public RegionalCodeSystem Get(string name) =>
        _byName.TryGetValue(name, out var cs) ? cs : throw new InvalidDataException($"code system '{name}' is not among the shipped regional code systems");

    /// <summary>Reads every <c>CodeSystem_*.json</c> of the given folders; a file that is not a CodeSystem is a packaging error.</summary>
    public static CodeSystemCatalogue Load(params string[] folders)
    {
        var systems = new List<RegionalCodeSystem>();
        foreach (string folder in folders.Where(Directory.Exists))
        {
            foreach (string file in Directory.GetFiles(folder, "CodeSystem_*.json").Order(StringComparer.Ordinal))
            {
                systems.Add(Read(file));
            }
        }

        return new CodeSystemCatalogue(systems);
    }

    public static RegionalCodeSystem Read(string file)
    {
        using var stream = File.OpenRead(file);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (!root.TryGetProperty("resourceType", out var type) || type.GetString() != "CodeSystem" || !root.TryGetProperty("url", out var url))
        {
            throw new InvalidDataException($"{file}: not a FHIR CodeSystem with a url");
        }

        var concepts = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("concept", out var list))
        {
            Collect(list, concepts);
        }

        bool provisional = root.TryGetProperty("status", out var status) && status.GetString() == "draft";
        return new RegionalCodeSystem(url.GetString()!, status.ValueKind == JsonValueKind.String ? status.GetString()! : "unknown", concepts, provisional);
    }

    private static void Collect(JsonElement list, List<KeyValuePair<string, string>> into)
    {
        foreach (var concept in list.EnumerateArray())
        {
            string code = concept.GetProperty("code").GetString()!;
            string display = concept.TryGetProperty("display", out var d) ? d.GetString() ?? code : code;
            into.Add(new(code, display));
            if (concept.TryGetProperty("concept", out var nested))
            {
                Collect(nested, into);
            }
        }
    }
}
