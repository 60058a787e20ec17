using Territorio.Stratification.Engine;

namespace Territorio.Stratification.Tests;

public class LevelSimulationTests
{
    [Theory]
    [InlineData(0, null)]
    [InlineData(1, 3)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 1)]
    [InlineData(9, 1)]
    public void RegionalThresholds_LevelFollowsThePathologyCount(int pathologies, int? level) =>
        LevelThresholds.Dgr6164.ChronicLevel(pathologies).ShouldBe(level);

    [Theory]
    [InlineData(4, 1, "almeno 2 patologie")]
    [InlineData(3, 3, "più patologie del livello 2")]
    [InlineData(2, 3, "più patologie del livello 2")]
    [InlineData(129, 2, "più di 128")]
    public void Thresholds_ThatCannotOrderTheLevels_AreRefused(int level1, int level2, string reason) =>
        new LevelThresholds(level1, level2).Invalid().ShouldNotBeNull().ShouldContain(reason);

    [Fact]
    public void RaisingTheLevel1Threshold_MovesFourPathologyPatientsToLevel2()
    {
        ClassifiedPerson[] persons =
        [
            new("A", 1, 4), new("B", 1, 5), new("C", 2, 3), new("D", 3, 1), new("E", 4, 0), new("F", 5, 0),
        ];

        var simulation = LevelSimulation.Run(persons, new LevelThresholds(5, 2));

        simulation.Moves.ShouldBe(new Dictionary<string, LevelMove> { ["A"] = new(1, 2) });
        Enumerable.Range(1, 5).Select(simulation.CurrentCount).ShouldBe([2L, 1, 1, 1, 1]);
        Enumerable.Range(1, 5).Select(simulation.SimulatedCount).ShouldBe([1L, 2, 1, 1, 1]);
        simulation.Transitions(1, 2).ShouldBe(1);
        simulation.Transitions(1, 1).ShouldBe(1);
        simulation.Persons.ShouldBe(6);
    }

    [Fact]
    public void LoweringTheLevel2Threshold_IsRefusedBelowTwo() =>
        Should.Throw<ArgumentException>(() => LevelSimulation.Run([new("A", 3, 1)], new LevelThresholds(4, 1)))
            .Message.ShouldContain("almeno 2 patologie");

    [Fact]
    public void LevelSetByAReclassification_StaysWhateverTheThresholds()
    {
        // One pathology is level 3 by the count: level 1 was decided by the Commission.
        var simulation = LevelSimulation.Run([new("A", 1, 1), new("B", 2, 2)], new LevelThresholds(4, 3));

        simulation.Moves.ShouldBe(new Dictionary<string, LevelMove> { ["B"] = new(2, 3) });
        simulation.KeptAsReclassified.ShouldBe(1);
        simulation.SimulatedCount(1).ShouldBe(1);
    }

    [Fact]
    public void LevelsFourAndFive_DoNotDependOnTheThresholds()
    {
        var simulation = LevelSimulation.Run([new("E", 4, 0), new("F", 5, 0)], new LevelThresholds(10, 6));

        simulation.Moves.ShouldBeEmpty();
        simulation.SimulatedCount(4).ShouldBe(1);
        simulation.SimulatedCount(5).ShouldBe(1);
    }

    [Fact]
    public void PersonWithALevelOutsideOneToFive_IsRefused() =>
        Should.Throw<ArgumentException>(() => LevelSimulation.Run([new("Z", 0, 0)], LevelThresholds.Dgr6164)).Message.ShouldContain("livello 0");
}
