using Territorio.Remuneration.Tariffs;

namespace Territorio.Remuneration.Tests;

/// <summary>Catalogues for tests: the seed's hypertension row (code 56) and small variants.</summary>
public static class Catalogues
{
    public static readonly IReadOnlySet<int> KnownPathologies = Enumerable.Range(1, 65).ToHashSet();

    public static TariffCatalogueInfo Info(bool provisional = false, string id = "TEST") =>
        new(id, "1", new DateOnly(2017, 1, 1), null, "test", provisional);

    /// <summary>The seed's figures, cents pinned by the printed 8% shares (decision 0060).</summary>
    public static IEnumerable<TariffRowDraft> SeedHypertension() =>
    [
        Draft(1, 56, 3, 276.50m, 228m, 0m, 526.62m),
        Draft(2, 56, 2, 471.25m, 349m, 0m, 857.95m),
        Draft(3, 56, 1, 740.50m, 703m, 2748m, 4250.74m),
    ];

    public static TariffRowDraft Draft(long line, int pathology, int level, decimal amb, decimal far, decimal ricov, decimal total, bool provisional = false) =>
        new(line, pathology, level, amb, far, ricov, total, provisional, "test", provisional ? "stima di prova" : "");

    public static TariffCatalogue Hypertension() =>
        TariffCatalogue.Create(Info(), SeedHypertension(), KnownPathologies, "test.json");
}
