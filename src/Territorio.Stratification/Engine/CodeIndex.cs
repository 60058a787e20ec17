using System.Runtime.InteropServices;

namespace Territorio.Stratification.Engine;

/// <summary>
/// Maps a code seen in a flow (as a span, without allocating once seen) to an id for evidence
/// and to the criteria it satisfies. A criterion code covers the code itself and the codes
/// below it in its hierarchy; <see cref="CoveringPrefixes"/> says which prefixes are parents.
/// </summary>
internal sealed class CodeIndex
{
    private readonly Dictionary<string, Entry> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly Dictionary<string, List<short>> _criteriaByCode;
    private readonly Func<string, IEnumerable<string>> _coveringPrefixes;
    private readonly List<string> _names;

    public CodeIndex(List<string> names, Dictionary<string, List<short>> criteriaByCode, Func<string, IEnumerable<string>> coveringPrefixes)
    {
        _names = names;
        _criteriaByCode = criteriaByCode;
        _coveringPrefixes = coveringPrefixes;
        _lookup = _seen.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public readonly record struct Entry(int CodeId, short[] Criteria);

    /// <summary>The codes seen so far with their ids (kept in an update's state).</summary>
    public IEnumerable<(string Code, int Id)> Seen => _seen.Select(s => (s.Key, s.Value.CodeId));

    public Entry Find(ReadOnlySpan<char> code)
    {
        if (_lookup.TryGetValue(code, out var entry))
        {
            return entry;
        }

        string text = code.ToString();
        var criteria = _coveringPrefixes(text)
            .SelectMany(prefix => _criteriaByCode.GetValueOrDefault(prefix) ?? [])
            .Distinct().Order().ToArray();
        entry = new Entry(_names.Count, criteria);
        _names.Add(text);
        _seen.Add(text, entry);
        return entry;
    }

    /// <summary>ICD-9-CM canonical dotted codes: "250.02" is covered by "250.02", "250.0", "250".</summary>
    public static IEnumerable<string> Icd9CmParents(string code)
    {
        for (int length = code.Length; length >= 2; length--)
        {
            if (code[length - 1] != '.')
            {
                yield return code[..length];
            }
        }
    }

    /// <summary>ATC levels: "A10BA02" is covered by "A10BA02", "A10BA", "A10B", "A10", "A".</summary>
    private static readonly int[] AtcLevelLengths = [7, 5, 4, 3, 1];

    public static IEnumerable<string> AtcParents(string code)
    {
        foreach (int length in AtcLevelLengths)
        {
            if (code.Length >= length)
            {
                yield return code[..length];
            }
        }
    }

    /// <summary>Nomenclator codes: "39.95.1" is covered by "39.95.1" and "39.95".</summary>
    public static IEnumerable<string> DottedParents(string code)
    {
        yield return code;
        for (int i = code.Length - 1; i > 0; i--)
        {
            if (code[i] == '.')
            {
                yield return code[..i];
            }
        }
    }
}

/// <summary>A growable array in fixed pages: no large copies, stable refs while appending.</summary>
internal sealed class PagedList<T>
    where T : struct
{
    private const int PageBits = 16;
    private const int PageSize = 1 << PageBits;
    private readonly List<T[]> _pages = [];

    public int Count { get; private set; }

    public ref T this[int index] => ref _pages[index >> PageBits][index & (PageSize - 1)];

    public int Add(in T item)
    {
        if ((Count & (PageSize - 1)) == 0 && Count >> PageBits == _pages.Count)
        {
            _pages.Add(new T[PageSize]);
        }

        int index = Count++;
        this[index] = item;
        return index;
    }
}

/// <summary>A growable array of per-person values (list semantics over a span).</summary>
internal sealed class Column<T>
{
    private readonly List<T> _values = [];

    public ref T this[int index] => ref CollectionsMarshal.AsSpan(_values)[index];

    public void Add(T value) => _values.Add(value);

    public void EnsureCapacity(int capacity) => _values.EnsureCapacity(capacity);

    public int Count => _values.Count;
}
