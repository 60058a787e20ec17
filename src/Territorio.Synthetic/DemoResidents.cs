using System.Globalization;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;

namespace Territorio.Synthetic;

/// <summary>
/// Deterministic synthetic residents for demos and benchmarks: a few ATS, GPs with ~1,500
/// patients each (DGR X/6164/2017 allegato: the per-GP pyramid sums to ~1,500), each person with
/// a plausible Italian identity (<see cref="DemoIdentities"/>).
/// </summary>
public static class DemoResidents
{
    /// <summary>Lombardy's ATS codes (ATS Milano, Insubria, Montagna, Brianza, Bergamo, Brescia, Val Padana, Pavia).</summary>
    public static readonly string[] AtsCodes = ["321", "322", "323", "324", "325", "326", "327", "328"];

    public const int PatientsPerMmg = 1500;

    public static IEnumerable<Resident> Generate(int count, int seed, DateOnly asOf, IdentityLists lists, int atsCount = 3)
    {
        var random = new Random(seed);
        // Identities come from their own stream: ages, sexes and GPs stay those of earlier versions.
        var identities = new DemoIdentities(lists, seed);
        for (int i = 0; i < count; i++)
        {
            int mmg = i / PatientsPerMmg;
            string ats = AtsOf(mmg, atsCount);
            // Age pyramid roughly like Lombardy's: uniform 0–90 weighted towards adults.
            int age = random.NextDouble() < 0.15 ? random.Next(0, 18) : random.Next(18, 95);
            var birth = asOf.AddYears(-age).AddDays(-random.Next(0, 365));
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            yield return new Resident($"P{i + 1:D8}", birth, sex, ats, MmgId(mmg), null, identities.Next(birth, sex, ats));
        }
    }

    /// <summary>The GPs of <paramref name="people"/> residents: one per 1,500, in the ATS of their patients.</summary>
    public static IEnumerable<GeneralPractitioner> GeneralPractitioners(int people, int seed, IdentityLists lists, int atsCount = 3)
    {
        var identities = new DemoIdentities(lists, unchecked(seed * 131) ^ 0x6D6D67);
        for (int mmg = 0; mmg * PatientsPerMmg < people; mmg++)
        {
            yield return identities.Doctor(MmgId(mmg), AtsOf(mmg, atsCount));
        }
    }

    /// <summary>
    /// Fictitious seats and contacts for organisations already named (Gestori and erogatori by
    /// code, name and ATS), and the hospital structures of the demo SDO flow (codes 030100–030479,
    /// as <see cref="SdoGenerator"/> writes them) with invented names; all marked fictitious.
    /// </summary>
    public static IEnumerable<Organisation> Organisations(IEnumerable<(OrganisationKind Kind, string Code, string Name, string Ats)> named, string structuresAts, int seed, IdentityLists lists)
    {
        var identities = new DemoIdentities(lists, unchecked(seed * 137) ^ 0x4F5247);
        foreach (var (kind, code, name, ats) in named)
        {
            yield return new Organisation(kind, code, ats, identities.Organisation(name, code, ats), fictitious: true);
        }

        for (int structure = SdoGenerator.FirstStructure; structure <= SdoGenerator.LastStructure; structure++)
        {
            string code = string.Create(CultureInfo.InvariantCulture, $"03{structure:D4}");
            string name = identities.StructureName(structuresAts, rehabilitation: structure >= SdoGenerator.FirstRehabStructure);
            yield return new Organisation(OrganisationKind.Struttura, code, structuresAts, identities.Organisation(name, code, structuresAts), fictitious: true);
        }
    }

    private static string AtsOf(int mmg, int atsCount) => AtsCodes[mmg % Math.Clamp(atsCount, 1, AtsCodes.Length)];

    private static string MmgId(int mmg) => string.Create(CultureInfo.InvariantCulture, $"MMG{mmg + 1:D5}");
}
