using Territorio.Flows.Stratification;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Engine;
using static Territorio.Stratification.Tests.TestCriteria;

namespace Territorio.Stratification.Tests;

/// <summary>Drug flows that identify a pack by its AIC code, mapped to ATC; DDDs only from a licensed file.</summary>
public class DrugsByAicTests
{
    // Written by the project for these tests (a fact of the WHO index, not a copy of it): atorvastatin 20 mg oral.
    private const string LicensedDdd = "atc_code,atc_name,ddd,uom,adm_r,note\nC10AA05,atorvastatin,20,mg,O,NA\n";

    private static readonly string ShippedMap = Reference.PathOf("aifa", "aic_atc.csv");

    private static (Stratifier Engine, List<InputError> Errors, DrugCoding Coding) Read(string csv, bool withDdd = false)
    {
        var engine = OnePerson();
        engine.TryAddPerson("P2", new DateOnly(1970, 1, 1), null, "321", "MMG1").ShouldBeTrue();
        var ddd = withDdd ? DrugReference.ReadDdd(new StringReader(LicensedDdd), "ddd.csv") : null;
        using var map = new StreamReader(ShippedMap);
        var coding = new DrugCoding(DrugReference.Read(map, ShippedMap, ddd));
        var errors = new List<InputError>();
        EventCsvReaders.ReadDrugs(new StringReader(csv), "drugs.csv", engine, errors.Add, coding);
        return (engine, errors, coding);
    }

    [Fact]
    public void ShippedMap_KeepsItsVersionAndDate() =>
        Read("person_id,date,aic,packs\nP1,2025-10-01,017758018,1\n").Coding.Reference!.MapVersion.ShouldBe("hl7-it-aifa-ge-2024-02-20 (2024-02-20)");

    [Fact]
    public void AicFlow_IsMappedToAtc_AndMeetsTheAtcCriterion()
    {
        var (engine, errors, _) = Read("person_id,date,aic,packs\nP1,2025-10-01,017758018,1\nP1,2025-11-01,017758020,1\n");

        errors.ShouldBeEmpty();
        var outcome = Classify(engine);
        outcome.Pathologies.ShouldBe([50]);
        outcome.Evidence.Single().Code.ShouldBe("A10BA02");
    }

    [Fact]
    public void AicAbsentFromTheMap_IsCountedOncePerCodeWithRowsAndPersons_AndTheRunContinues()
    {
        var (engine, errors, coding) = Read("""
            person_id,date,aic,packs
            P1,2025-10-01,999999991,1
            P2,2025-10-02,999999991,2
            P1,2025-10-03,999999991,1
            P1,2025-10-04,999999992,1
            P1,2025-10-05,017758018,1
            P1,2025-11-05,017758018,1
            P1,2025-11-06,12345,1
            """);

        errors.Single().Field.ShouldBe("aic");
        coding.Unknown.ShouldBe([new UnknownAic("999999991", 3, 2), new UnknownAic("999999992", 1, 1)]);
        Classify(engine).Pathologies.ShouldBe([50]);
        var p2 = new Outcome();
        engine.TryFindPerson("P2", out int person).ShouldBeTrue();
        engine.Classify(person, p2);
        p2.Level.ShouldBe(4); // an unmapped pack is still a use of services
    }

    [Fact]
    public void WithLicensedDdd_TheDddThresholdIsJudgedOnDddPerPack()
    {
        // TOTALIP 033006026: 300 mg of atorvastatin per pack = 15 DDD; 100 DDD need 7 packs.
        Classify(Read("person_id,date,aic,packs\nP1,2025-10-01,033006026,4\n", withDdd: true).Engine).Pathologies.ShouldBeEmpty();

        var outcome = Classify(Read("person_id,date,aic,packs\nP1,2025-10-01,033006026,4\nP1,2025-11-01,033006026,3\n", withDdd: true).Engine);
        outcome.Pathologies.ShouldBe([48]);
        outcome.JudgedOnPacks.ShouldBeFalse();
    }

    [Fact]
    public void WithoutDdd_TheDddThresholdFallsBackToPacks_AndTheEvidenceSaysSo()
    {
        var outcome = Classify(Read("person_id,date,aic,packs\nP1,2025-10-01,033006026,4\n").Engine);

        outcome.Pathologies.ShouldBe([48]);
        outcome.Evidence.Single().PacksInsteadOfDdd.ShouldBeTrue();
        var line = new StringWriter();
        new LevelsCsvWriter(line).Write(outcome);
        line.ToString().ShouldContain("48=drugs:C10AA05:2025-10-01" + LevelsCsvWriter.PacksInsteadOfDddNote);
    }

    [Fact]
    public void DddThreshold_OneDispensingWithoutDdd_SwitchesToPacksWhateverTheOrder()
    {
        foreach (var rows in new[] { "P1,2025-10-01,C10AA05,3,150\nP1,2025-10-02,C10AA05,1,\n", "P1,2025-10-02,C10AA05,1,\nP1,2025-10-01,C10AA05,3,150\n" })
        {
            var engine = OnePerson();
            var errors = new List<InputError>();
            EventCsvReaders.ReadDrugs(new StringReader("person_id,date,atc,packs,ddd\n" + rows.Replace(",\n", ",0\n", StringComparison.Ordinal)), "drugs.csv", engine, errors.Add);
            engine.AddDispensing(0, new DateOnly(2025, 10, 3), "C10AA05", 0, double.NaN);

            errors.ShouldBeEmpty();
            var outcome = Classify(engine);
            outcome.Pathologies.ShouldBe([48]);
            outcome.JudgedOnPacks.ShouldBeTrue();
        }
    }

    [Fact]
    public void AtcFlowWithoutDddColumn_IsRead_DddThresholdOnPacks()
    {
        var engine = OnePerson();
        var errors = new List<InputError>();
        EventCsvReaders.ReadDrugs(new StringReader("person_id,date,atc,packs\nP1,2025-10-01,C10AA05,3\n"), "drugs.csv", engine, errors.Add);

        errors.ShouldBeEmpty();
        Classify(engine).Pathologies.ShouldBeEmpty(); // 3 packs < fallback 4
    }

    [Fact]
    public void DrugsFileWithNeitherAtcNorAic_IsRefusedNamingTheColumn() =>
        Should.Throw<InputDataException>(() => Read("person_id,date,packs\n")).Error!.Reason.ShouldContain("aic");

    [Fact]
    public void CriterionWithDddThresholdButNoFallback_IsRefused() =>
        Should.Throw<InputDataException>(() => Parse("version: t\nstatus: PROVVISORIO\npathology: 48 | weight: 1 | why: x\n  drugs: C10 | min-ddd: 100 | why: y\n")).Error!.Field.ShouldBe("fallback-packs");
}
