namespace Territorio.Remuneration.Tariffs;

/// <summary>
/// Identity of a tariff catalogue: which one, which version, when it is valid, where it comes
/// from. <see cref="Provisional"/> is true when any of its rows is not an official figure.
/// </summary>
public sealed record TariffCatalogueInfo(
    string Id,
    string Version,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string Source,
    bool Provisional)
{
    public bool Covers(DateOnly day) => day >= ValidFrom && (ValidTo is null || day <= ValidTo);

    /// <summary>"dgr-6164 v1": which catalogue, without the provisional mark (for a text that states it already).</summary>
    public string Name => $"{Id} v{Version}";

    public string Label => $"{Name}{(Provisional ? " PROVVISORIO" : "")}";
}
