using Territorio.Remuneration.Tariffs;
using Territorio.Remuneration.WhatIf;
using Territorio.Remuneration.Yearly;

namespace Territorio.Remuneration.Tests;

public class CatalogueComparisonTests
{
    [Fact]
    public void SameYearUnderTwoCatalogues_ShowsTheDifferencePerAtsAndPathology()
    {
        PactPeriod[] periods =
        [
            new("P1", "A", "G1", "321", null, MmgRole.BusinessAsUsual, new DateOnly(2023, 1, 1), null, 56, 3),
            new("P2", "B", "G1", "322", null, MmgRole.BusinessAsUsual, new DateOnly(2023, 1, 1), null, 56, 2),
            new("P3", "C", "G2", "322", null, MmgRole.BusinessAsUsual, new DateOnly(2023, 1, 1), null, 20, 2),
        ];
        var alternative = TariffCatalogue.Create(
            Catalogues.Info(provisional: true, id: "ALT"),
            [
                Catalogues.Draft(1, 56, 3, 300m, 228m, 0m, 552m, provisional: true),
                Catalogues.Draft(2, 56, 2, 471.25m, 349m, 0m, 857.95m, provisional: true),
                Catalogues.Draft(3, 20, 2, 500m, 400m, 0m, 940m, provisional: true),
            ],
            Catalogues.KnownPathologies,
            "alt.json");

        var comparison = CatalogueComparison.Compare(
            RemunerationEngine.Run(periods, Catalogues.Hypertension(), 2023),
            RemunerationEngine.Run(periods, alternative, 2023));

        comparison.ByAts.Select(r => (r.Key, r.Current, r.Alternative, r.Difference)).ShouldBe(
        [
            ("321", 526.62m, 552m, 25.38m),
            ("322", 857.95m, 857.95m + 940m, 940m),
        ]);
        var hypertension = comparison.ByPathology.Single(r => r.Key == "56");
        hypertension.Difference.ShouldBe(25.38m);
        hypertension.DifferencePercent.ShouldBe(1.83m);
        var heartFailure = comparison.ByPathology.Single(r => r.Key == "20");
        heartFailure.PatientsUnpaidCurrent.ShouldBe(1);
        heartFailure.PatientsUnpaidAlternative.ShouldBe(0);
        heartFailure.DifferencePercent.ShouldBeNull();
        comparison.Overall.Difference.ShouldBe(965.38m);
    }
}
