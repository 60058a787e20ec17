using System.Globalization;
using Territorio.Kernel.Population;

namespace Territorio.Synthetic;

/// <summary>The five regional flows of a synthetic region, as CSV writers.</summary>
public sealed record PopulationWriters(TextWriter Persons, TextWriter Sdo, TextWriter Drugs, TextWriter Exemptions, TextWriter Outpatient);

/// <summary>
/// A deterministic synthetic region for stratification (DGR X/6164/2017): the demo residents
/// (several ATS, GPs with 1,500 patients each), chronic pathologies with age- and sex-specific
/// prevalence, and the exemption, drug, hospital and outpatient records that reveal them. The
/// number of pathologies per person is drawn so that the demand pyramid comes out close to the
/// seed's shape (150k / 1.3M / 1.9M / 3.0M / 3.5M of 9.85M); pathologies then reveal themselves
/// through one or more flows, with realistic noise (occasional drugs, visits, acute stays).
/// </summary>
public static class DemoPopulation
{
    /// <summary>Default reference date: fixed, so that a seed always gives the same files.</summary>
    public static readonly DateOnly DefaultAsOf = new(2025, 12, 31);

    public const string PersonsHeader = "person_id,birth_date,sex,ats,mmg_id,death_date,fiscal_code,surname,given_name,birthplace_code,birthplace,street,cap,municipality_code,municipality,phone,email";
    public const string DrugsHeader = "person_id,date,atc,packs,ddd";
    public const string ExemptionsHeader = "person_id,code,start_date,end_date";
    public const string OutpatientHeader = "person_id,date,code";

    /// <summary>The seed's pyramid as shares of the living population, levels 1–3 (chronic).</summary>
    private static readonly double[] ChronicShares = [150.0 / 9850, 1300.0 / 9850, 1900.0 / 9850];

    private const double SporadicUserShare = 3000.0 / 9850;

    // Age bands (from, to inclusive, weight): those of DemoResidents (15% minors, adults 18-94).
    private static readonly (int From, int To, double Weight)[] AgeBands = [(0, 17, 15), (18, 94, 85)];

    /// <summary>Writes the five files; <paramref name="sdoColumns"/> is the SDO header (the shared reader's layout).</summary>
    /// <param name="written">Told the count of persons written, every <see cref="ProgressStep"/> persons and at the end.</param>
    public static void Generate(int people, int seed, DateOnly asOf, IReadOnlyList<string> sdoColumns, PopulationWriters writers, IdentityLists identities, Action<int>? written = null)
    {
        // Persons are the demo residents (same ids, ages, ATS and GPs as `demo run` loads);
        // their health records come from a second stream of the same seed.
        var random = new Random(unchecked(seed * 7919) ^ 0x5EED);
        var model = new LevelModel();
        writers.Persons.WriteLine(PersonsHeader);
        writers.Sdo.WriteLine(string.Join(',', sdoColumns));
        writers.Drugs.WriteLine(DrugsHeader);
        writers.Exemptions.WriteLine(ExemptionsHeader);
        writers.Outpatient.WriteLine(OutpatientHeader);
        var flows = new FlowWriter(writers, asOf);
        int generated = 0;
        foreach (var resident in DemoResidents.Generate(people, seed, asOf, identities))
        {
            if (++generated % ProgressStep == 0)
            {
                written?.Invoke(ProgressStep);
            }

            int age = Math.Min(99, resident.AgeOn(asOf));
            bool female = resident.Sex == Sex.Female;
            // About 0.9% died during the year before the as-of date: excluded, counted apart.
            DateOnly? death = random.NextDouble() < 0.009 ? asOf.AddDays(-random.Next(1, 365)) : null;
            if (death <= resident.BirthDate)
            {
                death = null;
            }

            var person = new SyntheticPerson(resident.Id, resident.BirthDate, age, female, death);
            writers.Persons.WriteLine($"{person.Id},{Iso(resident.BirthDate)},{(female ? 'F' : 'M')},{resident.Ats},{resident.MmgId},{(death is { } d ? Iso(d) : "")}," +
                $"{resident.FiscalCode},{resident.Surname},{resident.GivenName},{resident.BirthplaceCode},{resident.Birthplace},{resident.Street},{resident.Cap},{resident.MunicipalityCode},{resident.Municipality},{resident.Phone},{resident.Email}");

            int level = model.DrawLevel(random, age);
            if (level <= 3)
            {
                int count = level switch { 1 => 4 + (random.NextDouble() < 0.35 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0), 2 => random.NextDouble() < 0.62 ? 2 : 3, _ => 1 };
                flows.WriteChronic(random, person, PathologyFamilies.Draw(random, age, female, count));
            }
            else if (level == 4)
            {
                flows.WriteSporadicUse(random, person);
            }
            else
            {
                flows.WriteOldUseOrNothing(random, person);
            }
        }

        written?.Invoke(generated % ProgressStep);
    }

    public const int ProgressStep = 4096;

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Age structure and level probabilities by age, normalised to the seed's shares.</summary>
    private sealed class LevelModel
    {
        private readonly double[,] _levelByAge = new double[100, 3];
        private readonly double[] _userByAge = new double[100];

        public LevelModel()
        {
            double total = AgeBands.Sum(b => b.Weight);
            var ageWeight = new double[100];
            foreach (var (from, to, weight) in AgeBands)
            {
                for (int a = from; a <= to; a++)
                {
                    ageWeight[a] = weight / total / (to - from + 1);
                }
            }

            // Chronicity rises with age, multimorbidity more steeply (national model, fig. 8).
            Func<int, double>[] propensity =
            [
                a => 0.02 + (3 * Math.Pow(a / 85.0, 3)),
                a => 0.1 + (2 * Math.Pow(a / 80.0, 2)),
                a => 0.3 + (Math.Min(a, 75) / 75.0),
            ];
            double nonChronic = 0;
            for (int l = 0; l < 3; l++)
            {
                double mean = Enumerable.Range(0, 100).Sum(a => ageWeight[a] * propensity[l](a));
                for (int a = 0; a < 100; a++)
                {
                    _levelByAge[a, l] = ChronicShares[l] * propensity[l](a) / mean;
                }
            }

            for (int a = 0; a < 100; a++)
            {
                nonChronic += ageWeight[a] * (1 - _levelByAge[a, 0] - _levelByAge[a, 1] - _levelByAge[a, 2]);
            }

            // Among the non-chronic, the share of sporadic users that gives the seed's level 4.
            Array.Fill(_userByAge, SporadicUserShare / nonChronic);
        }

        public int DrawLevel(Random random, int age)
        {
            double u = random.NextDouble();
            for (int l = 0; l < 3; l++)
            {
                if (u < _levelByAge[age, l])
                {
                    return l + 1;
                }

                u -= _levelByAge[age, l];
            }

            return random.NextDouble() < _userByAge[age] ? 4 : 5;
        }
    }
}

internal sealed record SyntheticPerson(string Id, DateOnly Birth, int Age, bool Female, DateOnly? Death);
