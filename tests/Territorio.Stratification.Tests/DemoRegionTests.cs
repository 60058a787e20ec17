using DuckDB.NET.Data;
using Territorio.Flows.Stratification;
using Territorio.Stratification.Engine;
using Territorio.Stratification.Sql;
using Territorio.Synthetic;

namespace Territorio.Stratification.Tests;

public class DemoRegionTests(DemoRegion region) : IClassFixture<DemoRegion>
{
    [Fact]
    public void DemoFiles_HaveNoBadRows_AndEveryPersonHasOneRow()
    {
        region.Errors.ShouldBeEmpty();
        var rows = region.Levels.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rows[0].ShouldBe(LevelsCsvWriter.Header);
        rows.Length.ShouldBe(DemoRegion.People + 1);
        rows.Skip(1).Select(r => r.Split(',')[0]).Distinct().Count().ShouldBe(DemoRegion.People);
    }

    [Fact]
    public void DemoPersons_HaveNamesAndCodesThatMatchTheirBirthAndSex_UniqueCodes()
    {
        var errors = new List<Kernel.Errors.InputError>();
        using var persons = new StreamReader(region.Inputs.Persons);
        var residents = PersonsCsvReader.Read(persons, region.Inputs.Persons, errors.Add).Select(r => r.Resident).ToList();

        errors.ShouldBeEmpty();
        residents.ShouldAllBe(r => r.FiscalCode != null && r.Surname != null && r.GivenName != null && r.Street != null && r.Cap!.Length == 5);
        residents.Select(r => r.FiscalCode).Distinct().Count().ShouldBe(residents.Count);
        residents.Where(r => r.Ats == "321").ShouldAllBe(r => r.Municipality == "Milano" || r.Cap!.StartsWith('2'));
        residents.ShouldAllBe(r => r.Phone == null || r.Phone.StartsWith("+39 000 "));
        residents.ShouldAllBe(r => r.Email == null || r.Email.EndsWith(".invalid"));
    }

    [Fact]
    public void DemoResidents_SameSeed_SameIdentities_OtherSeed_OtherNames()
    {
        var first = DemoResidents.Generate(500, 5, DemoPopulation.DefaultAsOf, TestCriteria.Identities).Select(r => (r.FiscalCode, r.Address, r.Phone)).ToList();
        var again = DemoResidents.Generate(500, 5, DemoPopulation.DefaultAsOf, TestCriteria.Identities).Select(r => (r.FiscalCode, r.Address, r.Phone)).ToList();
        var other = DemoResidents.Generate(500, 6, DemoPopulation.DefaultAsOf, TestCriteria.Identities).Select(r => (r.FiscalCode, r.Address, r.Phone)).ToList();

        again.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public void DemoGeneralPractitioners_OnePer1500_NamedAsDoctors()
    {
        var doctors = DemoResidents.GeneralPractitioners(4_501, 5, TestCriteria.Identities).ToList();

        doctors.Select(d => d.Id).ShouldBe(["MMG00001", "MMG00002", "MMG00003", "MMG00004"]);
        doctors.ShouldAllBe(d => d.DisplayName.StartsWith("Dott.") && d.Email!.EndsWith("@mmg.esempio.invalid"));
    }

    [Fact]
    public void DemoPyramid_IsCloseToTheSeedShape()
    {
        var region1 = region.Summary.Pyramid.Region;
        for (int level = 1; level <= 5; level++)
        {
            double expected = Pyramid.ReferenceShare(Pyramid.ReferenceLombardy, level);
            // Level 1 is small (1.5%): a tighter absolute tolerance.
            double tolerance = level == 1 ? 0.004 : 0.015;
            region1.Share(level).ShouldBe(expected, tolerance, $"livello {level}");
        }

        region1.Deceased.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void DemoPopulation_SameSeed_SameFiles()
    {
        using var a = new StringWriter();
        using var b = new StringWriter();
        Generate(a, 3_000, 9);
        Generate(b, 3_000, 9);
        a.ToString().ShouldBe(b.ToString());

        static void Generate(StringWriter all, int people, int seed) =>
            DemoPopulation.Generate(people, seed, DemoPopulation.DefaultAsOf, Flows.Sdo.SdoCsvReader.Columns, new PopulationWriters(all, all, all, all, all), TestCriteria.Identities);
    }

    [Fact]
    public void Engine_AndSqlVersionInDuckDb_GiveTheSameLevelAndPathologiesForEveryPerson()
    {
        var inputs = region.Inputs;
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var criteria = CriteriaFiles.Load(TestCriteria.Reference);
        new SqlStratification(criteria, DemoPopulation.DefaultAsOf).Run(connection, new SqlInputs(inputs.Persons, inputs.Sdo, inputs.Drugs, inputs.Exemptions, inputs.Outpatient));
        var sql = SqlStratification.Read(connection);

        var rows = region.Levels.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        sql.Count.ShouldBe(rows.Count);
        var mismatches = rows
            .Where(r => sql[r[0]] != new SqlOutcome(r[1].Length == 0 ? 0 : int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture), r[3]))
            .Select(r => $"{r[0]}: motore {r[1]} [{r[3]}], SQL {sql[r[0]]}")
            .Take(5).ToList();
        mismatches.ShouldBeEmpty();
        // The comparison is meaningful: every level and many pathologies occur.
        rows.Select(r => r[1]).Distinct().Count().ShouldBe(6);
        rows.SelectMany(r => r[3].Split('|', StringSplitOptions.RemoveEmptyEntries)).Distinct().Count().ShouldBeGreaterThan(20);
    }
}
