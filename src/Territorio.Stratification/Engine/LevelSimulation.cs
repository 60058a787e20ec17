namespace Territorio.Stratification.Engine;

/// <summary>Persons of a stratification run with the same level and the same number of chronic pathologies.</summary>
public readonly record struct LevelGroup(int Level, int Pathologies, long Persons);

/// <summary>
/// What-if of the level thresholds over a stratification run, without running the engine again: a
/// chronic person's level follows from their pathology count under the candidate thresholds.
/// Levels 4–5 (no chronic pathology) do not depend on the thresholds and stay; a level the count
/// does not explain under the thresholds in force was set by a reclassification of the Commission
/// and stays too (Territorio's rule: a decided case is not re-decided by a what-if).
/// </summary>
public sealed class LevelSimulation
{
    private readonly long[] _current = new long[6];
    private readonly long[] _simulated = new long[6];
    private readonly long[,] _transitions = new long[6, 6];

    private LevelSimulation(LevelThresholds current, LevelThresholds candidate)
    {
        Current = current;
        Candidate = candidate;
    }

    public LevelThresholds Current { get; }

    public LevelThresholds Candidate { get; }

    /// <summary>Persons kept at their level because a reclassification set it.</summary>
    public long KeptAsReclassified { get; private set; }

    /// <summary>Persons at <paramref name="level"/> (1–5) in the run.</summary>
    public long CurrentCount(int level) => _current[level];

    /// <summary>Persons at <paramref name="level"/> (1–5) under the candidate thresholds.</summary>
    public long SimulatedCount(int level) => _simulated[level];

    /// <summary>Persons moving from level <paramref name="from"/> to level <paramref name="to"/> (equal: staying).</summary>
    public long Transitions(int from, int to) => _transitions[from, to];

    public long Persons => _current.Sum();

    public long Moved => Persons - Enumerable.Range(1, 5).Sum(level => _transitions[level, level]);

    /// <exception cref="ArgumentException">Thresholds that cannot be used (see <see cref="LevelThresholds.Invalid"/>) or a level outside 1–5.</exception>
    public static LevelSimulation Run(IEnumerable<LevelGroup> groups, LevelThresholds candidate, LevelThresholds? current = null)
    {
        current ??= LevelThresholds.Dgr6164;
        foreach (var thresholds in new[] { current, candidate })
        {
            if (thresholds.Invalid() is { } reason)
            {
                throw new ArgumentException(reason, nameof(candidate));
            }
        }

        var simulation = new LevelSimulation(current, candidate);
        foreach (var group in groups)
        {
            simulation.Add(group);
        }

        return simulation;
    }

    /// <summary>The level of a person at <paramref name="level"/> with <paramref name="pathologies"/> chronic pathologies under the candidate thresholds.</summary>
    public int SimulatedLevel(int level, int pathologies) =>
        level is >= 1 and <= 3 && Current.ChronicLevel(pathologies) == level ? Candidate.ChronicLevel(pathologies)!.Value : level;

    private void Add(LevelGroup group)
    {
        if (group.Level is < 1 or > 5)
        {
            throw new ArgumentException($"livello {group.Level} non valido (da 1 a 5)", nameof(group));
        }

        int level = SimulatedLevel(group.Level, group.Pathologies);
        if (group.Level <= 3 && Current.ChronicLevel(group.Pathologies) != group.Level)
        {
            KeptAsReclassified += group.Persons;
        }

        _current[group.Level] += group.Persons;
        _simulated[level] += group.Persons;
        _transitions[group.Level, level] += group.Persons;
    }
}
