using Territorio.Kernel.Errors;

namespace Territorio.Flows.Stratification;

/// <summary>An AIC code absent from the map: how many rows carried it, for how many persons.</summary>
public sealed record UnknownAic(string Aic, long Rows, int Persons);

/// <summary>
/// How a run's drugs were coded: whether a flow came by AIC, the map and DDDs used, and the AIC
/// codes the map lacks, counted once per code (rows and persons) rather than reported per row.
/// </summary>
public sealed class DrugCoding(DrugReference? reference)
{
    private readonly Dictionary<string, (long Rows, HashSet<int> Persons)> _unknown = new(StringComparer.Ordinal);

    public DrugReference? Reference => reference;

    /// <summary>Whether some drugs flow of the run carried AIC codes.</summary>
    public bool ReadAic { get; private set; }

    public IReadOnlyList<UnknownAic> Unknown =>
        [.. _unknown.Select(u => new UnknownAic(u.Key, u.Value.Rows, u.Value.Persons.Count)).OrderByDescending(u => u.Rows).ThenBy(u => u.Aic, StringComparer.Ordinal)];

    internal void NoteAicFlow(string fileName)
    {
        ReadAic = true;
        if (reference is null)
        {
            throw new InputDataException(new InputError(fileName, 1, "aic", "", "flusso per codice AIC: manca la mappa AIC → ATC (--aic-map)"));
        }
    }

    internal bool TryFind(ReadOnlySpan<char> aic, int person, out DrugPack pack)
    {
        if (reference!.TryFind(aic, out pack))
        {
            return true;
        }

        string code = aic.ToString();
        var (rows, persons) = _unknown.TryGetValue(code, out var seen) ? seen : (0, new HashSet<int>());
        persons.Add(person);
        _unknown[code] = (rows + 1, persons);
        return false;
    }
}
