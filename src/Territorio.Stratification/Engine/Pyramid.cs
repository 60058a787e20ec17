namespace Territorio.Stratification.Engine;

/// <summary>
/// The demand pyramid (DGR X/6164/2017, allegato "Presa in carico e cronicità", classificazione
/// della domanda): persons per level, per ATS and per GP, with the deceased counted apart.
/// </summary>
public sealed class Pyramid
{
    /// <summary>The seed's reference shape for Lombardy: 150k / 1.3M / 1.9M / 3.0M / 3.5M persons.</summary>
    public static readonly IReadOnlyList<long> ReferenceLombardy = [150_000, 1_300_000, 1_900_000, 3_000_000, 3_500_000];

    /// <summary>The same shape per GP (MMG): 20 / 200 / 300 / 450 / 530 patients.</summary>
    public static readonly IReadOnlyList<long> ReferencePerGp = [20, 200, 300, 450, 530];

    private readonly Dictionary<int, Counts> _byAts = [];
    private readonly Dictionary<int, (int Ats, Counts Counts)> _byMmg = [];

    public Counts Region { get; } = new();

    public IEnumerable<(int Ats, Counts Counts)> ByAts => _byAts.Select(kv => (kv.Key, kv.Value));

    public IEnumerable<(int Mmg, int Ats, Counts Counts)> ByMmg => _byMmg.Select(kv => (kv.Key, kv.Value.Ats, kv.Value.Counts));

    public void Add(Outcome outcome)
    {
        Region.Add(outcome.Level);
        (_byAts.TryGetValue(outcome.AtsIndex, out var ats) ? ats : _byAts[outcome.AtsIndex] = new Counts()).Add(outcome.Level);
        (_byMmg.TryGetValue(outcome.MmgIndex, out var mmg) ? mmg.Counts : (_byMmg[outcome.MmgIndex] = (outcome.AtsIndex, new Counts())).Counts).Add(outcome.Level);
    }

    /// <summary>Persons per level 1–5 (index 1–5) and deceased excluded (index 0).</summary>
    public sealed class Counts
    {
        private readonly long[] _levels = new long[6];

        public long Deceased => _levels[0];

        /// <summary>Living persons: the pyramid's total.</summary>
        public long Living => _levels[1] + _levels[2] + _levels[3] + _levels[4] + _levels[5];

        public long this[int level] => _levels[level];

        public double Share(int level) => Living == 0 ? 0 : (double)_levels[level] / Living;

        public void Add(int level) => _levels[level]++;

        /// <summary>Adds persons counted elsewhere (a database GROUP BY); negative to move them to another level.</summary>
        public void Add(int level, long persons) => _levels[level] += persons;
    }

    /// <summary>Share of a level in a reference shape.</summary>
    public static double ReferenceShare(IReadOnlyList<long> reference, int level) => (double)reference[level - 1] / reference.Sum();
}
