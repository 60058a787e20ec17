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
        LevelGroup[] groups = [new(1, 4, 10), new(1, 5, 3), new(2, 3, 20), new(3, 1, 30), new(4, 0, 40), new(5, 0, 50)];

        var simulation = LevelSimulation.Run(groups, new LevelThresholds(5, 2));

        Enumerable.Range(1, 5).Select(simulation.CurrentCount).ShouldBe([13L, 20, 30, 40, 50]);
        Enumerable.Range(1, 5).Select(simulation.SimulatedCount).ShouldBe([3L, 30, 30, 40, 50]);
        simulation.Transitions(1, 2).ShouldBe(10);
        simulation.Transitions(1, 1).ShouldBe(3);
        simulation.Moved.ShouldBe(10);
        simulation.Persons.ShouldBe(153);
        simulation.SimulatedLevel(1, 4).ShouldBe(2);
    }

    [Fact]
    public void RaisingTheLevel2Threshold_MovesTwoPathologyPatientsToLevel3()
    {
        var simulation = LevelSimulation.Run([new(2, 2, 7), new(2, 3, 5)], new LevelThresholds(4, 3));

        simulation.SimulatedCount(3).ShouldBe(7);
        simulation.SimulatedCount(2).ShouldBe(5);
    }

    [Fact]
    public void LoweringTheLevel2Threshold_IsRefusedBelowTwo() =>
        Should.Throw<ArgumentException>(() => LevelSimulation.Run([new(3, 1, 1)], new LevelThresholds(4, 1)))
            .Message.ShouldContain("almeno 2 patologie");

    [Fact]
    public void LevelSetByAReclassification_StaysWhateverTheThresholds()
    {
        // One pathology is level 3 by the count: level 1 was decided by the Commission.
        var simulation = LevelSimulation.Run([new(1, 1, 2), new(2, 2, 1)], new LevelThresholds(4, 3));

        simulation.SimulatedLevel(1, 1).ShouldBe(1);
        simulation.KeptAsReclassified.ShouldBe(2);
        simulation.SimulatedCount(1).ShouldBe(2);
        simulation.Transitions(2, 3).ShouldBe(1);
    }

    [Fact]
    public void LevelsFourAndFive_DoNotDependOnTheThresholds()
    {
        var simulation = LevelSimulation.Run([new(4, 0, 1), new(5, 0, 1)], new LevelThresholds(10, 6));

        simulation.Moved.ShouldBe(0);
        simulation.SimulatedCount(4).ShouldBe(1);
        simulation.SimulatedCount(5).ShouldBe(1);
    }

    [Fact]
    public void GroupWithALevelOutsideOneToFive_IsRefused() =>
        Should.Throw<ArgumentException>(() => LevelSimulation.Run([new(0, 0, 1)], LevelThresholds.Dgr6164)).Message.ShouldContain("livello 0");
}
