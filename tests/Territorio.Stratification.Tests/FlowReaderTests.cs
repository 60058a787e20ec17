using Territorio.Flows.Stratification;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Engine;
using static Territorio.Stratification.Tests.TestCriteria;

namespace Territorio.Stratification.Tests;

public class FlowReaderTests
{
    private static (Stratifier Engine, List<InputError> Errors, long Accepted) ReadDrugs(string csv)
    {
        var engine = OnePerson();
        var errors = new List<InputError>();
        long accepted = EventCsvReaders.ReadDrugs(new StringReader(csv), "drugs.csv", engine, errors.Add);
        return (engine, errors, accepted);
    }

    [Fact]
    public void Drugs_BadRowsAreReportedWithLineColumnAndReason_GoodRowsCount()
    {
        var (engine, errors, accepted) = ReadDrugs("""
            atc,person_id,date,packs,ddd
            A10BA02,P1,2025-10-01,1,30
            A10BA02,P9,2025-10-02,1,30
            A10BA02,P1,2025-02-30,1,30
            Z10BA02,P1,2025-10-03,1,30
            A10BA02,P1,2025-10-04,-1,30
            A10BA02,P1,2025-11-01,1,30
            """);

        accepted.ShouldBe(2);
        errors.Select(e => (e.Line, e.Field)).ShouldBe([(3L, "person_id"), (4L, "date"), (5L, "atc"), (6L, "packs")]);
        errors[0].Reason.ShouldContain("persona assente");
        errors.ShouldAllBe(e => e.File == "drugs.csv");
        Classify(engine).Pathologies.ShouldBe([50]);
    }

    [Fact]
    public void MissingColumn_StopsWithAnErrorNamingIt() =>
        Should.Throw<InputDataException>(() => ReadDrugs("person_id,date,atc,ddd\n")).Error!.Field.ShouldBe("packs");

    [Fact]
    public void Exemptions_EndBeforeStart_IsRejected()
    {
        var engine = OnePerson();
        var errors = new List<InputError>();
        EventCsvReaders.ReadExemptions(new StringReader("person_id,code,start_date,end_date\nP1,027,2024-01-01,2023-01-01\nP1,0-27,2024-01-01,\n"), "ex.csv", engine, errors.Add);

        errors.Select(e => e.Field).ShouldBe(["end_date", "code"]);
    }

    [Fact]
    public void Persons_BadRowsAreReported_GoodOnesComeWithTheirLine()
    {
        var errors = new List<InputError>();
        var rows = PersonsCsvReader.Read(new StringReader("""
            person_id,birth_date,sex,ats,mmg_id,death_date
            P1,1950-01-01,M,321,MMG1,
            P2,1950-01-01,X,321,MMG1,
            P3,1950-01-01,F,,MMG1,
            P4,1950-01-01,F,321,,1949-01-01
            P5,1950-01-01,F,321,,2024-01-01
            """), "persons.csv", errors.Add).ToList();

        rows.Select(r => (r.Resident.Id, r.Line)).ShouldBe([("P1", 2L), ("P5", 6L)]);
        rows[1].Resident.MmgId.ShouldBeNull();
        errors.Select(e => e.Field).ShouldBe(["sex", "ats", "death_date"]);
    }
}
