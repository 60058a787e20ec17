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

    public string Label => $"{Id} v{Version}{(Provisional ? " PROVVISORIO" : "")}";
}
