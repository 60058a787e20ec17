using System.Globalization;
using Territorio.Kernel.Population;

namespace Territorio.Synthetic;

/// <summary>One person's level in the stratification engine's <c>levels.csv</c> layout.</summary>
public sealed record DemoLevel(string PersonId, int Level, string? MainPathology, IReadOnlyList<string> Pathologies, string Evidence);

/// <summary>
/// DEMO ONLY — not a stratification. Assigns levels deterministically (same seed, same levels) in
/// the proportions of the DGR X/6164/2017 pyramid so the demo region has patients to take in
/// charge before the real stratification engine runs. Its output is written as <c>levels.csv</c>
/// and imported like the engine's: replace it with the engine's file and nothing else changes.
/// </summary>
public static class DemoStratification
{
    /// <summary>The 11 first-phase pathologies (regional codes), weighted by how common they are.</summary>
    private static readonly (string Code, int Weight)[] Pathologies =
    [
        ("56", 40), ("50", 15), ("29", 8), ("39", 8), ("20", 6), ("30", 6), ("23", 5), ("14", 4), ("17", 4), ("9", 2), ("44", 2),
    ];

    // Shares per level from the DGR pyramid (150k, 1.3M, 1.9M, 3.0M, 3.5M of ~9.85M).
    private static readonly double[] CumulativeShare = [0.015, 0.147, 0.340, 0.645, 1.0];

    public static IEnumerable<DemoLevel> Assign(IEnumerable<Resident> residents, int seed)
    {
        foreach (var resident in residents)
        {
            var random = new Random(HashCode.Combine(seed, StableHash(resident.Id)));
            double draw = random.NextDouble();
            int level = Array.FindIndex(CumulativeShare, share => draw < share) + 1;
            if (level >= 4)
            {
                yield return new DemoLevel(resident.Id, level, null, [], "demo: nessuna patologia cronica");
                continue;
            }

            int count = level switch { 1 => 4 + random.Next(2), 2 => 2 + random.Next(2), _ => 1 };
            var chosen = new List<string>();
            while (chosen.Count < count)
            {
                string code = Pick(random);
                if (!chosen.Contains(code))
                {
                    chosen.Add(code);
                }
            }

            yield return new DemoLevel(resident.Id, level, chosen[0], chosen, "demo: livello assegnato in modo deterministico (non è una stratificazione)");
        }
    }

    /// <summary>Writes the rows as the stratification engine's <c>levels.csv</c>.</summary>
    public static void WriteCsv(IEnumerable<DemoLevel> levels, TextWriter writer)
    {
        writer.WriteLine("person_id,level,main_pathology,pathologies,evidence");
        foreach (var row in levels)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.PersonId},{row.Level},{row.MainPathology},{string.Join('|', row.Pathologies)},\"{row.Evidence}\""));
        }
    }

    private static string Pick(Random random)
    {
        int total = Pathologies.Sum(p => p.Weight);
        int draw = random.Next(total);
        foreach (var (code, weight) in Pathologies)
        {
            if ((draw -= weight) < 0)
            {
                return code;
            }
        }

        return Pathologies[0].Code;
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            int hash = 17;
            foreach (char c in text)
            {
                hash = (hash * 31) + c;
            }

            return hash;
        }
    }
}
