using Territorio.Kernel.Population;

namespace Territorio.Synthetic;

/// <summary>
/// Deterministic synthetic residents for demos and benchmarks: a few ATS, GPs with ~1,500
/// patients each (DGR X/6164/2017 allegato: the per-GP pyramid sums to ~1,500).
/// </summary>
public static class DemoResidents
{
    /// <summary>Lombardy's ATS codes (ATS Milano, Insubria, Montagna, Brianza, Bergamo, Brescia, Val Padana, Pavia).</summary>
    public static readonly string[] AtsCodes = ["321", "322", "323", "324", "325", "326", "327", "328"];

    public const int PatientsPerMmg = 1500;

    public static IEnumerable<Resident> Generate(int count, int seed, DateOnly asOf, int atsCount = 3)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            int mmg = i / PatientsPerMmg;
            string ats = AtsCodes[mmg % Math.Clamp(atsCount, 1, AtsCodes.Length)];
            // Age pyramid roughly like Lombardy's: uniform 0–90 weighted towards adults.
            int age = random.NextDouble() < 0.15 ? random.Next(0, 18) : random.Next(18, 95);
            var birth = asOf.AddYears(-age).AddDays(-random.Next(0, 365));
            var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
            yield return new Resident($"P{i + 1:D8}", birth, sex, ats, $"MMG{mmg + 1:D5}");
        }
    }
}
