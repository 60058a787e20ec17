using Territorio.Remuneration.Tariffs;
using Territorio.Remuneration.WhatIf;
using Territorio.Remuneration.Yearly;

namespace Territorio.Remuneration.Tests;

public class TariffSimulationTests
{
    private static readonly PactPeriod[] Periods =
    [
        new("P1", "A", "G1", "321", "M1", MmgRole.GestoreMember, new DateOnly(2023, 1, 1), null, 56, 3),
        new("P2", "B", "G1", "321", "M2", MmgRole.BusinessAsUsual, new DateOnly(2023, 1, 1), null, 56, 2),
        new("P3", "C", "G2", "321", null, MmgRole.BusinessAsUsual, new DateOnly(2023, 7, 2), null, 56, 1),
    ];

    [Fact]
    public void SameCatalogueAndLevels_ChangesNothing()
    {
        var simulation = TariffSimulation.Run(Periods, Catalogues.Hypertension(), Catalogues.Hypertension(), 2023);

        simulation.Overall.Difference.ShouldBe(0m);
        simulation.MovedPeriods.ShouldBe(0);
        simulation.ByGestore.ShouldAllBe(r => r.Difference == 0m);
        simulation.Overall.Current.ShouldBe(526.62m + 857.95m + RemunerationEngine.ProRata(4250.74m, 183, 365));
    }

    [Fact]
    public void CandidateTariff_ChangesMoneyPerPathologyLevelGestoreAndGp()
    {
        var candidate = TariffCatalogue.Create(
            Catalogues.Info(id: "ALT"),
            [
                Catalogues.Draft(1, 56, 3, 300m, 228m, 0m, 552m),
                Catalogues.Draft(2, 56, 2, 471.25m, 349m, 0m, 857.95m),
                Catalogues.Draft(3, 56, 1, 740.50m, 703m, 2748m, 4250.74m),
            ],
            Catalogues.KnownPathologies,
            "alt.json");

        var simulation = TariffSimulation.Run(Periods, Catalogues.Hypertension(), candidate, 2023);

        simulation.ByLevel.Select(r => (r.Key, r.Difference)).ShouldBe([("1", 0m), ("2", 0m), ("3", 552m - 526.62m)]);
        simulation.ByGestore.Select(r => (r.Key, r.Difference)).ShouldBe([("G1", 25.38m), ("G2", 0m)]);
        simulation.ByMmg.Select(r => (r.Key, r.Current, r.Alternative)).ShouldBe(
        [
            (TariffSimulation.NoMmg, simulation.Current.Lines[2].Amount, simulation.Current.Lines[2].Amount),
            ("M1", 526.62m, 552m),
            ("M2", 857.95m, 857.95m),
        ]);
        simulation.ByPathology.Single().Difference.ShouldBe(25.38m);
    }

    [Fact]
    public void SimulatedLevels_PayEachMovedPeriodAtItsNewLevel()
    {
        // Patient A moves from level 3 to level 2 under the simulated thresholds.
        var simulation = TariffSimulation.Run(Periods, Catalogues.Hypertension(), Catalogues.Hypertension(), 2023,
            simulatedLevel: p => p.PatientId == "A" ? 2 : p.Level);

        simulation.MovedPeriods.ShouldBe(1);
        simulation.ByLevel.Single(r => r.Key == "3").Alternative.ShouldBe(0m);
        simulation.ByLevel.Single(r => r.Key == "2").Alternative.ShouldBe(2 * 857.95m);
        simulation.Overall.Difference.ShouldBe(857.95m - 526.62m);
        simulation.Simulated.Lines.Single(l => l.Period.PatientId == "A").MmgShareAmount.ShouldBe(37.70m);
    }

    [Fact]
    public void CandidateWithoutATariffForASimulatedLevel_CountsThePatientAsUnpaid()
    {
        var levelThreeOnly = TariffCatalogue.Create(Catalogues.Info(id: "L3"), [Catalogues.Draft(1, 56, 3, 276.50m, 228m, 0m, 526.62m)], Catalogues.KnownPathologies, "l3.json");

        var simulation = TariffSimulation.Run(Periods, Catalogues.Hypertension(), levelThreeOnly, 2023);

        simulation.Overall.PatientsUnpaidCurrent.ShouldBe(0);
        simulation.Overall.PatientsUnpaidAlternative.ShouldBe(2);
        simulation.ByLevel.Single(r => r.Key == "1").PatientsUnpaidAlternative.ShouldBe(1);
        simulation.Overall.Alternative.ShouldBe(526.62m);
    }
}
