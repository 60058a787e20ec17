namespace Territorio.Stratification.Engine;

/// <summary>A person as a stratification run left them: level and how many chronic pathologies.</summary>
public readonly record struct ClassifiedPerson(string PersonId, int Level, int Pathologies);

/// <summary>A person whose level changes under the simulated thresholds.</summary>
public readonly record struct LevelMove(int From, int To);

/// <summary>
/// What-if of the level thresholds over the persons of a stratification run, without running the
/// engine again: a chronic person's level follows from their pathology count under the candidate
/// thresholds. Levels 4–5 (no chronic pathology) do not depend on the thresholds and stay; a
/// level the count does not explain under the thresholds in force was set by a reclassification
/// of the Commission and stays too (Territorio's rule: a decided case is not re-decided by a what-if).
/// </summary>
public sealed class LevelSimulation
{
    private readonly long[] _current = new long[6];
    private readonly long[] _simulated = new long[6];
    private readonly long[,] _transitions = new long[6, 6];
    private readonly Dictionary<string, LevelMove> _moves = new(StringComparer.Ordinal);

    private LevelSimulation(LevelThresholds current, LevelThresholds candidate)
    {
        Current = current;
        Candidate = candidate;
    }

    public LevelThresholds Current { get; }

    public LevelThresholds Candidate { get; }

    /// <summary>Persons kept at their level because a reclassification set it.</summary>
    public long KeptAsReclassified { get; private set; }

    /// <summary>The persons whose level changes, by person id.</summary>
    public IReadOnlyDictionary<string, LevelMove> Moves => _moves;

    /// <summary>Persons at <paramref name="level"/> (1–5) in the run.</summary>
    public long CurrentCount(int level) => _current[level];

    /// <summary>Persons at <paramref name="level"/> (1–5) under the candidate thresholds.</summary>
    public long SimulatedCount(int level) => _simulated[level];

    /// <summary>Persons moving from level <paramref name="from"/> to level <paramref name="to"/> (equal: staying).</summary>
    public long Transitions(int from, int to) => _transitions[from, to];

    public long Persons => _current.Sum();

    /// <exception cref="ArgumentException">Thresholds that cannot be used (see <see cref="LevelThresholds.Invalid"/>) or a level outside 1–5.</exception>
    public static LevelSimulation Run(IEnumerable<ClassifiedPerson> persons, LevelThresholds candidate, LevelThresholds? current = null)
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
        foreach (var person in persons)
        {
            simulation.Add(person);
        }

        return simulation;
    }

    private void Add(ClassifiedPerson person)
    {
        if (person.Level is < 1 or > 5)
        {
            throw new ArgumentException($"assistito {person.PersonId}: livello {person.Level} non valido (da 1 a 5)", nameof(person));
        }

        int level = person.Level;
        if (level <= 3)
        {
            if (Current.ChronicLevel(person.Pathologies) == level)
            {
                level = Candidate.ChronicLevel(person.Pathologies)!.Value;
            }
            else
            {
                KeptAsReclassified++;
            }
        }

        _current[person.Level]++;
        _simulated[level]++;
        _transitions[person.Level, level]++;
        if (level != person.Level)
        {
            _moves[person.PersonId] = new LevelMove(person.Level, level);
        }
    }
}
