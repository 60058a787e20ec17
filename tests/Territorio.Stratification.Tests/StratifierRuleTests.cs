using Territorio.Kernel.Codes;
using Territorio.Kernel.Hospital;
using Territorio.Kernel.Population;
using Territorio.Stratification.Criteria;
using Territorio.Stratification.Engine;
using static Territorio.Stratification.Tests.TestCriteria;

namespace Territorio.Stratification.Tests;

public class StratifierRuleTests
{
    internal static SdoRecord Discharge(DateOnly discharge, string principal, params string[] secondary) => new()
    {
        RecordId = "R" + discharge.DayNumber,
        PatientId = "P1",
        BirthDate = new DateOnly(1960, 5, 1),
        Sex = Sex.Male,
        StructureId = "030001",
        Discipline = 26,
        Regime = 1,
        AdmissionDate = discharge.AddDays(-3),
        DischargeDate = discharge,
        DischargeMode = "2",
        Mdc = 10,
        PrincipalDiagnosis = Icd9CmCode.ParseDiagnosis(principal),
        SecondaryDiagnoses = [.. secondary.Select(c => Icd9CmCode.ParseDiagnosis(c))],
    };

    [Fact]
    public void SdoLookback_DischargeExactlyFiveYearsBefore_IsOutsideTheWindow()
    {
        var engine = OnePerson();
        engine.AddDischarge(0, Discharge(AsOf.AddYears(-5), "25000"));

        Classify(engine).Pathologies.ShouldBeEmpty();
    }

    [Fact]
    public void SdoLookback_DischargeFiveYearsLessOneDayBefore_ProvesThePathology()
    {
        var engine = OnePerson();
        engine.AddDischarge(0, Discharge(AsOf.AddYears(-5).AddDays(1), "25000"));

        var outcome = Classify(engine);
        outcome.Pathologies.ShouldBe([50]);
        outcome.Evidence.ShouldBe([new Evidence(50, CriterionKind.SdoDiagnosis, "250.00", AsOf.AddYears(-5).AddDays(1))]);
    }

    [Fact]
    public void SdoAfterAsOf_IsIgnored()
    {
        var engine = OnePerson();
        engine.AddDischarge(0, Discharge(AsOf.AddDays(1), "25000"));

        var outcome = Classify(engine);
        outcome.Pathologies.ShouldBeEmpty();
        outcome.Level.ShouldBe(5);
    }

    [Fact]
    public void SecondaryDiagnosis_CoveredByItsParentCode_Counts()
    {
        var engine = OnePerson();
        engine.AddDischarge(0, Discharge(AsOf.AddMonths(-2), "4019", "25042"));

        Classify(engine).Pathologies.ShouldBe([16]);
    }

    [Fact]
    public void Drugs_MinDates_SameDateTwiceIsOneDate()
    {
        var engine = OnePerson();
        engine.AddDispensing(0, AsOf.AddDays(-10), "A10BA02", 1, 30);
        engine.AddDispensing(0, AsOf.AddDays(-10), "A10BA02", 1, 30);

        Classify(engine).Pathologies.ShouldBeEmpty();
        engine.AddDispensing(0, AsOf.AddDays(-40), "A10BA02", 1, 30);
        Classify(engine).Pathologies.ShouldBe([50]);
    }

    [Fact]
    public void Drugs_MinPacks_TwoPacksAreNotEnoughThreeAre()
    {
        var engine = OnePerson();
        engine.AddDispensing(0, AsOf.AddDays(-10), "C09AA02", 2, 56);
        Classify(engine).Pathologies.ShouldBeEmpty();

        engine.AddDispensing(0, AsOf.AddDays(-50), "C09AA02", 1, 28);
        Classify(engine).Pathologies.ShouldBe([56]);
    }

    [Fact]
    public void Drugs_MinDdd_ReachedExactly()
    {
        var engine = OnePerson();
        engine.AddDispensing(0, AsOf.AddDays(-10), "C10AA05", 1, 99.5);
        Classify(engine).Pathologies.ShouldBeEmpty();

        engine.AddDispensing(0, AsOf.AddDays(-20), "C10AA05", 1, 0.5);
        Classify(engine).Pathologies.ShouldBe([48]);
    }

    [Fact]
    public void Drugs_DispensingOutsideTheYear_DoesNotCountTowardsTheThreshold()
    {
        var engine = OnePerson();
        engine.AddDispensing(0, AsOf.AddYears(-1), "A10BA02", 1, 30);
        engine.AddDispensing(0, AsOf.AddDays(-3), "A10BA02", 1, 30);

        Classify(engine).Pathologies.ShouldBeEmpty();
    }

    [Fact]
    public void Drugs_MinAge_UnderageDispensingDoesNotProveHypertension()
    {
        var engine = OnePerson(birth: AsOf.AddYears(-17));
        engine.AddDispensing(0, AsOf.AddDays(-10), "C09AA02", 3, 84);

        Classify(engine).Pathologies.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2020-01-01", null, true)]
    [InlineData("2020-01-01", "2025-12-31", true)]
    [InlineData("2020-01-01", "2025-12-30", false)]
    [InlineData("2026-01-01", null, false)]
    [InlineData("2025-12-31", null, true)]
    public void Exemption_CountsOnlyWhenActiveAtAsOf(string start, string? end, bool counts)
    {
        var engine = OnePerson();
        engine.AddExemption(0, "027", DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end));

        Classify(engine).Pathologies.Count.ShouldBe(counts ? 1 : 0);
    }

    [Fact]
    public void Hierarchy_ComplicatedDiabetesReplacesPlainDiabetes()
    {
        var engine = OnePerson();
        engine.AddDischarge(0, Discharge(AsOf.AddMonths(-3), "25000"));
        engine.AddDischarge(0, Discharge(AsOf.AddMonths(-1), "25040"));

        var outcome = Classify(engine);
        outcome.Pathologies.ShouldBe([16]);
        outcome.Level.ShouldBe(3);
        outcome.Evidence.ShouldAllBe(e => e.Pathology == 16);
    }

    [Fact]
    public void Hierarchy_DialysisReplacesChronicRenalFailure()
    {
        var engine = OnePerson();
        engine.AddExemption(0, "023", new DateOnly(2019, 1, 1), null);
        for (int i = 0; i < 3; i++)
        {
            engine.AddOutpatient(0, AsOf.AddDays(-2 * i), "39.95.1");
        }

        Classify(engine).Pathologies.ShouldBe([2]);
    }

    [Fact]
    public void Outpatient_BelowMinCount_IsNotDialysis()
    {
        var engine = OnePerson();
        engine.AddOutpatient(0, AsOf.AddDays(-1), "39.95.1");
        engine.AddOutpatient(0, AsOf.AddDays(-3), "39.95.1");

        var outcome = Classify(engine);
        outcome.Pathologies.ShouldBeEmpty();
        outcome.Level.ShouldBe(4);
    }

    private static Outcome WithExemptions(params string[] codes)
    {
        var engine = OnePerson();
        foreach (string code in codes)
        {
            engine.AddExemption(0, code, new DateOnly(2020, 1, 1), null);
        }

        return Classify(engine);
    }

    [Fact]
    public void Level3_ExactlyOnePathology() => WithExemptions("027").Level.ShouldBe(3);

    [Fact]
    public void Level2_TwoPathologies() => WithExemptions("027", "007").Level.ShouldBe(2);

    [Fact]
    public void Level2_ExactlyThreePathologies() => WithExemptions("027", "007", "023").Level.ShouldBe(2);

    [Fact]
    public void Level1_ExactlyFourPathologies()
    {
        var engine = OnePerson();
        engine.AddExemption(0, "027", new DateOnly(2020, 1, 1), null);
        engine.AddExemption(0, "007", new DateOnly(2020, 1, 1), null);
        engine.AddExemption(0, "023", new DateOnly(2020, 1, 1), null);
        engine.AddDispensing(0, AsOf.AddDays(-5), "C10AA05", 4, 112);

        var outcome = Classify(engine);
        outcome.Level.ShouldBe(1);
        outcome.Reason.ShouldContain("4 patologie");
    }

    [Fact]
    public void MainPathology_HighestWeightFirst_TiesByCatalogueOrder()
    {
        var outcome = WithExemptions("007", "027", "023");

        // 17 (2500) outweighs both; 60 and 63 weigh the same: 60 comes first in the catalogue.
        outcome.Pathologies.ShouldBe([17, 60, 63]);
        outcome.MainPathology.ShouldBe(17);
    }

    [Fact]
    public void Level4_UseOneDayWithinTwelveMonths()
    {
        var engine = OnePerson();
        engine.AddOutpatient(0, AsOf.AddMonths(-12).AddDays(1), "89.7");

        Classify(engine).Level.ShouldBe(4);
    }

    [Fact]
    public void Level5_UseExactlyTwelveMonthsBefore()
    {
        var engine = OnePerson();
        engine.AddDispensing(0, AsOf.AddMonths(-12), "J01CA04", 1, 6);

        var outcome = Classify(engine);
        outcome.Level.ShouldBe(5);
        outcome.Reason.ShouldContain("oltre 12 mesi");
    }

    [Fact]
    public void Level5_NoUseAtAll() => Classify(OnePerson()).Level.ShouldBe(5);

    [Fact]
    public void Dead_BeforeAsOf_IsExcluded()
    {
        var engine = OnePerson(death: AsOf.AddDays(-1));
        engine.AddExemption(0, "027", new DateOnly(2020, 1, 1), null);

        var outcome = Classify(engine);
        outcome.IsExcluded.ShouldBeTrue();
        outcome.Level.ShouldBe(0);
        outcome.Pathologies.ShouldBeEmpty();
    }

    [Fact]
    public void Dead_OnAsOf_IsStillClassified()
    {
        var engine = OnePerson(death: AsOf);
        engine.AddExemption(0, "027", new DateOnly(2020, 1, 1), null);

        Classify(engine).Level.ShouldBe(3);
    }

    [Fact]
    public void Evidence_ShowsTheLatestRecordOfEachCriterion()
    {
        var engine = OnePerson();
        engine.AddDispensing(0, AsOf.AddDays(-40), "A10BA02", 1, 30);
        engine.AddDispensing(0, AsOf.AddDays(-10), "A10BB01", 1, 30);
        engine.AddDischarge(0, Discharge(AsOf.AddYears(-2), "25000"));

        Classify(engine).Evidence.ShouldBe([
            new Evidence(50, CriterionKind.SdoDiagnosis, "250.00", AsOf.AddYears(-2)),
            new Evidence(50, CriterionKind.Drugs, "A10BB01", AsOf.AddDays(-10)),
        ]);
    }

    [Fact]
    public void DuplicatePerson_IsRefused()
    {
        var engine = OnePerson();
        engine.TryAddPerson("P1", new DateOnly(1970, 1, 1), null, "321", "MMG1").ShouldBeFalse();
    }
}
