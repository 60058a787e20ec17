using Territorio.Flows.Stratification;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Engine;
using static Territorio.Stratification.Tests.TestCriteria;

namespace Territorio.Stratification.Tests;

/// <summary>Approved reclassifications honoured by the next stratification (decision 0054).</summary>
public class ClassificationOverrideTests
{
    private static ClassificationOverride Approved(int level, DateOnly decidedOn, params int[] pathologies) =>
        new("P1", level, pathologies, decidedOn, "riclassificazione n.7", "scompenso documentato");

    private static Outcome Stratify(ClassificationOverrides overrides, DateOnly? death = null)
    {
        var engine = OnePerson(death: death);
        engine.AddDischarge(0, StratifierRuleTests.Discharge(AsOf.AddDays(-37), "25000"));
        var outcome = Classify(engine);
        overrides.Apply(outcome);
        return outcome;
    }

    [Fact]
    public void ApprovedBeforeAsOf_ReplacesLevelAndPathologies_AndSaysWhy()
    {
        var overrides = new ClassificationOverrides([Approved(1, AsOf.AddDays(-5), 20, 50, 56, 17)], AsOf);

        var outcome = Stratify(overrides);

        outcome.ShouldSatisfyAllConditions(
            o => o.Level.ShouldBe(1),
            o => o.StratifiedLevel.ShouldBe(3),
            o => o.MainPathology.ShouldBe(20),
            o => o.Pathologies.ShouldBe([20, 50, 56, 17]),
            o => o.Evidence.ShouldNotBeEmpty(),
            o => o.Reason.ShouldBe("riclassificazione n.7 approvata il 2025-12-26: livello 1 al posto di 3 dai flussi; motivo: scompenso documentato"));
        overrides.Applied.ShouldBe(1);
        overrides.Skipped.ShouldBeEmpty();
    }

    [Fact]
    public void DecidedAfterAsOf_IsNotApplied_AndReported()
    {
        var overrides = new ClassificationOverrides([Approved(1, AsOf.AddDays(1), 20)], AsOf);

        Stratify(overrides).Level.ShouldBe(3);
        overrides.Skipped.ShouldHaveSingleItem().Skip.ShouldBe(OverrideSkip.DecidedAfterAsOf);
    }

    [Fact]
    public void PersonDeadBeforeAsOf_StaysExcluded()
    {
        var overrides = new ClassificationOverrides([Approved(2, AsOf.AddDays(-5), 50, 56)], AsOf);

        Stratify(overrides, death: AsOf.AddDays(-1)).IsExcluded.ShouldBeTrue();
        overrides.Skipped.ShouldHaveSingleItem().Skip.ShouldBe(OverrideSkip.Deceased);
    }

    [Fact]
    public void OverrideOfAPersonNotStratified_IsReportedAsUnknown()
    {
        var overrides = new ClassificationOverrides([Approved(2, AsOf.AddDays(-5), 50, 56) with { PersonId = "NOBODY" }], AsOf);

        Stratify(overrides).Level.ShouldBe(3);
        overrides.Skipped.ShouldHaveSingleItem().Skip.ShouldBe(OverrideSkip.UnknownPerson);
    }

    [Fact]
    public void LevelsFile_CarriesTheReclassificationColumn()
    {
        var overrides = new ClassificationOverrides([Approved(4, AsOf.AddDays(-5), 50)], AsOf);
        var text = new StringWriter();
        var writer = new LevelsCsvWriter(text);
        writer.WriteHeader();
        writer.Write(Stratify(overrides));

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldEndWith(",evidence,reclassification");
        lines[1].ShouldStartWith("P1,4,50,50,");
        lines[1].ShouldEndWith(",riclassificazione n.7 approvata il 2025-12-26: livello 4 al posto di 3 dai flussi; motivo: scompenso documentato");
    }

    [Fact]
    public void OverridesFile_RoundTrips_MainPathologyFirst()
    {
        var text = new StringWriter();
        ClassificationOverridesCsv.Write(text, [Approved(2, AsOf, 56, 50) with { Reason = "motivo, con virgola" }]);

        var read = ClassificationOverridesCsv.Read(new StringReader(text.ToString().Replace("2,56,56|50", "2,56,50|56", StringComparison.Ordinal)), "r.csv", Catalogue);

        read.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            o => o.Pathologies.ShouldBe([56, 50]),
            o => o.Reason.ShouldBe("motivo, con virgola"),
            o => o.DecidedOn.ShouldBe(AsOf));
    }

    [Fact]
    public void OverridesFile_BadRows_AreAllReported_AndNoneApplied()
    {
        string csv = "person_id,level,main_pathology,pathologies,decided_on,reference,reason\n"
            + "P1,9,56,56,2025-01-01,r1,x\nP2,2,999,999,2025-01-01,r2,x\nP3,2,,50,2025-01-01,r3,x\nP4,2,56,56,2025-13-01,r4,x\nP1,3,56,56,2025-01-01,r5,x\n";

        var error = Should.Throw<InputDataException>(() => ClassificationOverridesCsv.Read(new StringReader(csv), "r.csv", Catalogue));

        error.Message.ShouldContain("5 righe errate, nessuna applicata");
        foreach (string expected in new[] { "riga 2: campo level", "riga 3: campo pathologies", "riga 4: campo main_pathology", "riga 5: campo decided_on", "riga 6: campo person_id" })
        {
            error.Message.ShouldContain(expected);
        }
    }
}
