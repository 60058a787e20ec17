namespace Territorio.Stratification.Engine;

/// <summary>
/// A classification the ATS Commission approved for one person (DGR X/6164/2017 allegato 1: the
/// Gestore proposes a reclassification, the ATS updates it), to be honoured by the next
/// stratification. <paramref name="Pathologies"/> are catalogue codes, main first.
/// </summary>
public sealed record ClassificationOverride(string PersonId, int Level, IReadOnlyList<int> Pathologies, DateOnly DecidedOn, string Reference, string Reason)
{
    public int? MainPathology => Pathologies.Count > 0 ? Pathologies[0] : null;

    /// <summary>What a levels row says about the override, for a controller to check.</summary>
    public string Describe(int stratifiedLevel) =>
        $"{Reference} approvata il {DecidedOn:yyyy-MM-dd}: livello {Level} al posto di {stratifiedLevel} dai flussi; motivo: {Reason}";
}

/// <summary>Why an approved override was not applied to a stratification.</summary>
public enum OverrideSkip
{
    /// <summary>Decided after the as-of date: it stays in force on top of this stratification.</summary>
    DecidedAfterAsOf,

    /// <summary>The person died before the as-of date and is excluded.</summary>
    Deceased,

    /// <summary>The person is not among the stratified persons.</summary>
    UnknownPerson,
}

/// <summary>
/// The approved overrides of a stratification, by person. Applied after the engine's own
/// classification (the evidence from the flows stays); every override ends applied or skipped
/// with its reason. Pure: the caller reads them from wherever the ATS keeps them.
/// </summary>
public sealed class ClassificationOverrides
{
    private readonly Dictionary<string, ClassificationOverride> _byPerson = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<(ClassificationOverride Override, OverrideSkip Skip)> _skipped = [];

    public ClassificationOverrides(IEnumerable<ClassificationOverride> overrides, DateOnly asOf)
    {
        AsOf = asOf;
        foreach (var o in overrides)
        {
            if (o.Level is < 1 or > 5)
            {
                throw new ArgumentException($"riclassificazione di {o.PersonId}: livello {o.Level} non valido", nameof(overrides));
            }

            // The latest decision wins when one person has several (the file is in decision order).
            if (!_byPerson.TryGetValue(o.PersonId, out var earlier) || earlier.DecidedOn <= o.DecidedOn)
            {
                _byPerson[o.PersonId] = o;
            }
        }
    }

    public static ClassificationOverrides None(DateOnly asOf) => new([], asOf);

    public DateOnly AsOf { get; }

    public int Count => _byPerson.Count;

    /// <summary>The persons an approved reclassification names (an update rewrites their rows).</summary>
    public IEnumerable<string> PersonIds => _byPerson.Keys;

    public int Applied { get; private set; }

    /// <summary>Overrides not applied, with why; complete once every person went through <see cref="Apply"/>.</summary>
    public IEnumerable<(ClassificationOverride Override, OverrideSkip Skip)> Skipped =>
        _skipped.Concat(_byPerson.Values.Where(o => !_seen.Contains(o.PersonId)).Select(o => (o, OverrideSkip.UnknownPerson)));

    /// <summary>Puts the person's approved override, if any, in place of the engine's level and pathologies.</summary>
    public void Apply(Outcome outcome)
    {
        if (_byPerson.Count == 0 || !_byPerson.TryGetValue(outcome.PersonId, out var o))
        {
            return;
        }

        _seen.Add(outcome.PersonId);
        if (outcome.IsExcluded)
        {
            _skipped.Add((o, OverrideSkip.Deceased));
            return;
        }

        // A stratification as of a date knows only the decisions taken by then.
        if (o.DecidedOn > AsOf)
        {
            _skipped.Add((o, OverrideSkip.DecidedAfterAsOf));
            return;
        }

        outcome.Override(o);
        Applied++;
    }
}
