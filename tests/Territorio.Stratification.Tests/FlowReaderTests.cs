using Territorio.Flows.Stratification;
using Territorio.Kernel.Codes;
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
    public void Drugs_RowsGroupedByPerson_EachReachesItsOwnPerson_UnknownOrEmptyIdsBetweenAreRefused()
    {
        var engine = OnePerson();
        engine.TryAddPerson("P2", new DateOnly(1960, 5, 1), null, "321", "MMG1").ShouldBeTrue();
        var errors = new List<InputError>();

        // Antihypertensives: three packs make pathology 56; P1 has two, P2 three.
        long accepted = EventCsvReaders.ReadDrugs(new StringReader("""
            person_id,date,atc,packs,ddd
            P1,2025-10-01,C09AA02,1,28
            P1,2025-10-02,C09AA02,1,28
            P10,2025-10-03,C09AA02,1,28
            P2,2025-10-04,C09AA02,1,28
            P2,2025-10-05,C09AA02,1,28
            ,2025-10-06,C09AA02,1,28
            P2,2025-10-07,C09AA02,1,28
            """), "drugs.csv", engine, errors.Add);

        accepted.ShouldBe(5);
        errors.Select(e => (e.Line, e.Value)).ShouldBe([(4L, "P10"), (7L, "")]);
        Classify(engine).Pathologies.ShouldBeEmpty();
        var second = new Outcome();
        engine.Classify(1, second);
        second.Pathologies.ShouldBe([56]);
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

    private const string IdentityHeader = "person_id,birth_date,sex,ats,mmg_id,death_date,fiscal_code,surname,given_name,birthplace_code,birthplace,street,cap,municipality_code,municipality,phone,email";

    [Fact]
    public void Persons_WithIdentity_NameAddressAndCodeAreRead()
    {
        var errors = new List<InputError>();
        var rows = PersonsCsvReader.Read(new StringReader($"""
            {IdentityHeader}
            P1,1985-12-10,M,321,MMG1,,RSSMRA85T10A562S,Rossi,Mario,A562,San Giuliano Terme,Via Roma 1,20121,F205,Milano,+39 000 123 4567,
            """), "persons.csv", errors.Add).ToList();

        errors.ShouldBeEmpty();
        var mario = rows.Single().Resident;
        (mario.DisplayName, mario.FiscalCode, mario.Address, mario.Birthplace, mario.Phone, mario.Email)
            .ShouldBe(("Mario Rossi", "RSSMRA85T10A562S", "Via Roma 1, 20121 Milano", "San Giuliano Terme", "+39 000 123 4567", null));
    }

    [Fact]
    public void Persons_CodiceFiscaleWrongCheckOrOtherPerson_IsRejectedNamingLineFieldAndReason()
    {
        var errors = new List<InputError>();
        var rows = PersonsCsvReader.Read(new StringReader($"""
            {IdentityHeader}
            P1,1985-12-10,M,321,MMG1,,RSSMRA85T10A562X,Rossi,Mario,A562,,,,,,,
            P2,1985-12-11,M,321,MMG1,,RSSMRA85T10A562S,Rossi,Mario,A562,,,,,,,
            P3,1985-12-10,F,321,MMG1,,RSSMRA85T10A562S,Rossi,Mario,A562,,,,,,,
            P4,1985-12-10,M,321,MMG1,,RSSMRA85T10A562S,Rossi,Mario,F205,,,,,,,
            P5,1985-12-10,M,321,MMG1,,RSSMRA85T10A562S,,Mario,A562,,,,,,,
            P6,1985-12-10,M,321,MMG1,,RSSMRA85T10A5SNX,Rossi,Mario,A562,,,,,,,
            P7,1985-12-10,M,321,MMG1,,,,,,,,,,,,
            """), "anagrafe.csv", errors.Add).ToList();

        rows.Select(r => r.Resident.Id).ShouldBe(["P7"]);
        rows[0].Resident.FiscalCode.ShouldBeNull();
        errors.Select(e => e.ToString()).ShouldBe([
            "anagrafe.csv: riga 2: colonna fiscal_code: 'RSSMRA85T10A562X': codice fiscale non valido: carattere di controllo errato (atteso 'S')",
            "anagrafe.csv: riga 3: colonna fiscal_code: 'RSSMRA85T10A562S': codice fiscale non corrisponde alla data di nascita 11/12/1985",
            "anagrafe.csv: riga 4: colonna fiscal_code: 'RSSMRA85T10A562S': codice fiscale non corrisponde al sesso F",
            "anagrafe.csv: riga 5: colonna fiscal_code: 'RSSMRA85T10A562S': codice fiscale non corrisponde al comune di nascita F205",
            "anagrafe.csv: riga 6: colonna surname: campo obbligatorio con il codice fiscale",
            $"anagrafe.csv: riga 7: colonna fiscal_code: 'RSSMRA85T10A5SNX': codice fiscale non valido: carattere di controllo errato (atteso '{CodiceFiscale.CheckCharacter("RSSMRA85T10A5SN")}')",
        ]);
    }
}
