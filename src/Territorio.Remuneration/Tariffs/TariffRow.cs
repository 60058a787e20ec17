namespace Territorio.Remuneration.Tariffs;

/// <summary>
/// One all-inclusive yearly tariff of a pathology profile at a level (DGR X/6164/2017 annex 1):
/// its components in euro, exact to the cent. <see cref="MmgShare"/> is 8% of <see cref="Amb"/>
/// and <see cref="Total"/> is the sum of the four components (decision 0060).
/// </summary>
public sealed record TariffRow(
    int Pathology,
    int Level,
    decimal Amb,
    decimal Far,
    decimal Ricov,
    bool Provisional,
    string Source,
    string Rationale)
{
    public decimal MmgShare => GpShare.Of(Amb);

    public decimal Total => Amb + Far + MmgShare + Ricov;

    public override string ToString() =>
        $"patologia {Pathology} livello {Level}: amb {Amb:0.00} + far {Far:0.00} + quota MMG {MmgShare:0.00} + ricov {Ricov:0.00} = {Total:0.00}{(Provisional ? " (PROVVISORIA)" : "")}";
}
