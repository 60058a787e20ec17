namespace Territorio.CareManagement.Network;

/// <summary>A branca specialistica an erogatore is accredited for (cardiologia, laboratorio analisi, oculistica …).</summary>
public sealed record Branca(string Code, string Name)
{
    /// <summary>As users read it: "Cardiologia (02)".</summary>
    public string Label => $"{Name} ({Code})";
}

/// <summary>
/// Which branche a nomenclator service belongs to (data/care/branche_prestazioni.csv, provisional until
/// the region's table is imported): entries name a code or a prefix of codes, and the longest matching
/// prefix wins, so "88" (imaging) yields to "88.72" (echocardiography, cardiology). An entry may name
/// several branche (a generic visit belongs to every clinical one): any of them may offer the service.
/// </summary>
public sealed class BrancheCatalogue
{
    private readonly Dictionary<string, Branca> _branche;
    private readonly Dictionary<string, IReadOnlyList<Branca>> _byPrefix;
    private readonly IReadOnlyDictionary<string, string> _services;

    /// <param name="branche">The branche by code.</param>
    /// <param name="byPrefix">Code or prefix → codes of its branche (each must be in <paramref name="branche"/>).</param>
    /// <param name="services">Nomenclator descriptions, to name a service in a refusal.</param>
    /// <param name="version">The table's version, as screens cite it.</param>
    /// <param name="provisional">Whether the table is Territorio's provisional one.</param>
    public BrancheCatalogue(IEnumerable<Branca> branche, IReadOnlyDictionary<string, IReadOnlyList<string>> byPrefix, IReadOnlyDictionary<string, string> services, string version, bool provisional)
    {
        _branche = branche.ToDictionary(b => b.Code, StringComparer.Ordinal);
        _byPrefix = byPrefix.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<Branca>)p.Value.Select(code => _branche.TryGetValue(code, out var b) ? b : throw new ArgumentException($"branca {code} of {p.Key} is not in the list", nameof(byPrefix))).ToList(),
            StringComparer.Ordinal);
        _services = services;
        Version = version;
        Provisional = provisional;
    }

    /// <summary>No branche and no mapping: every service is refused (a registry without the table can accredit nothing).</summary>
    public static BrancheCatalogue Empty { get; } = new([], new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string>(), "nessuna", provisional: true);

    public string Version { get; }

    public bool Provisional { get; }

    /// <summary>Every branca, by code.</summary>
    public IReadOnlyCollection<Branca> All => _branche.Values;

    public Branca? Find(string code) => _branche.GetValueOrDefault(code);

    /// <summary>The branche of a service by its most specific entry; empty when no entry matches.</summary>
    public IReadOnlyList<Branca> Of(string serviceCode) => MostSpecificEntry(serviceCode) is { } prefix ? _byPrefix[prefix] : [];

    /// <summary>The code or prefix deciding a service's branche, or null when none matches.</summary>
    public string? MostSpecificEntry(string serviceCode)
    {
        for (int length = serviceCode.Length; length > 0; length--)
        {
            if (_byPrefix.ContainsKey(serviceCode[..length]))
            {
                return serviceCode[..length];
            }
        }

        return null;
    }

    /// <summary>Whether an erogatore accredited for <paramref name="accredited"/> (codes) may offer a service.</summary>
    public bool Allows(IReadOnlyCollection<string> accredited, string serviceCode) => Of(serviceCode).Any(b => accredited.Contains(b.Code));

    /// <summary>A service as a refusal names it: its code and the first sentence of its description.</summary>
    public string ServiceLabel(string serviceCode)
    {
        if (!_services.TryGetValue(serviceCode, out var description))
        {
            return serviceCode;
        }

        int end = description.IndexOf(". ", StringComparison.Ordinal);
        return $"{serviceCode} {(end > 0 ? description[..end] : description.TrimEnd('.'))}";
    }
}
