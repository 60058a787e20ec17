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

    public void Add(Outcome outcome) => Add(outcome.AtsIndex, outcome.MmgIndex, outcome.Level, 1);

    /// <summary>Counts persons of an ATS and an MMG at a level; negative to take them out (an update's changed persons).</summary>
    public void Add(int atsIndex, int mmgIndex, int level, long persons)
    {
        Region.Add(level, persons);
        (_byAts.TryGetValue(atsIndex, out var ats) ? ats : _byAts[atsIndex] = new Counts()).Add(level, persons);
        (_byMmg.TryGetValue(mmgIndex, out var mmg) ? mmg.Counts : (_byMmg[mmgIndex] = (atsIndex, new Counts())).Counts).Add(level, persons);
    }

    /// <summary>A pyramid kept as its counts (an update's state): per ATS and per MMG (with its ATS), six levels each (0: deceased).</summary>
    public static Pyramid FromCounts(IEnumerable<(int Ats, long[] Levels)> byAts, IEnumerable<(int Mmg, int Ats, long[] Levels)> byMmg)
    {
        var pyramid = new Pyramid();
        foreach (var (ats, levels) in byAts)
        {
            var counts = pyramid._byAts[ats] = new Counts();
            for (int level = 0; level < levels.Length; level++)
            {
                counts.Add(level, levels[level]);
                pyramid.Region.Add(level, levels[level]);
            }
        }

        foreach (var (mmg, ats, levels) in byMmg)
        {
            var counts = new Counts();
            pyramid._byMmg[mmg] = (ats, counts);
            for (int level = 0; level < levels.Length; level++)
            {
                counts.Add(level, levels[level]);
            }
        }

        return pyramid;
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
