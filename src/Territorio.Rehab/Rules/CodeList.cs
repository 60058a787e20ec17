using System.Collections.Frozen;
using Territorio.Kernel.Codes;

namespace Territorio.Rehab.Rules;

/// <summary>
/// A list of ICD-9-CM codes as a rule set writes it (codes, ranges, each covering the codes below
/// it), expanded once against the catalogue so that matching a record is a set lookup.
/// </summary>
public sealed class CodeList
{
    public CodeList(string name, string title, string rationale, IReadOnlyList<string> items, IEnumerable<Icd9CmCode> codes, IReadOnlyDictionary<Icd9CmCode, string>? entries = null)
    {
        _entries = entries?.ToFrozenDictionary() ?? FrozenDictionary<Icd9CmCode, string>.Empty;
        Name = name;
        Title = title;
        Rationale = rationale;
        Items = items;
        Codes = codes.ToFrozenSet();

        // Matching asks an ordinal set of the codes' texts, one per volume: hashing a short
        // string that way is several times cheaper than hashing the code value, and every
        // verdict matches a dozen codes against several lists.
        _diagnoses = Codes.Where(c => c.Kind == Icd9CmKind.Diagnosis).Select(c => c.Value).ToFrozenSet(StringComparer.Ordinal);
        _procedures = Codes.Where(c => c.Kind == Icd9CmKind.Procedure).Select(c => c.Value).ToFrozenSet(StringComparer.Ordinal);
    }

    private readonly FrozenDictionary<Icd9CmCode, string> _entries;
    private readonly FrozenSet<string> _diagnoses;
    private readonly FrozenSet<string> _procedures;

    public static readonly CodeList Empty = new("", "", "", [], []);

    /// <summary>Name in the rule set, e.g. "annex3" or "annex4 mdc1".</summary>
    public string Name { get; }

    public string Title { get; }

    public string Rationale { get; }

    /// <summary>The items as written ("800-804", "344.0", "P:96.70-96.72" for procedures).</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Every catalogue code the items cover (diagnoses and procedures).</summary>
    public FrozenSet<Icd9CmCode> Codes { get; }

    /// <summary>The item of the list that covers <paramref name="code"/> ("410-414" for 410.71), as a controller finds it in the annex; null when none.</summary>
    public string? EntryOf(Icd9CmCode code) => _entries.GetValueOrDefault(code);

    public bool Contains(Icd9CmCode code) =>
        code.Value is not null && (code.Kind == Icd9CmKind.Diagnosis ? _diagnoses : _procedures).Contains(code.Value);

    /// <summary>The distinct codes of <paramref name="codes"/> in this list, in input order, leaving out <paramref name="except"/>.</summary>
    public Icd9CmCode[] Matches(ReadOnlySpan<Icd9CmCode> codes, Icd9CmCode? except = null)
    {
        Span<int> found = codes.Length <= 64 ? stackalloc int[codes.Length] : new int[codes.Length];
        int count = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] != except && Contains(codes[i]) && !FoundBefore(codes, found[..count], codes[i]))
            {
                found[count++] = i;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var matches = new Icd9CmCode[count];
        for (int k = 0; k < count; k++)
        {
            matches[k] = codes[found[k]];
        }

        return matches;
    }

    private static bool FoundBefore(ReadOnlySpan<Icd9CmCode> codes, ReadOnlySpan<int> found, Icd9CmCode code)
    {
        foreach (int i in found)
        {
            if (codes[i] == code)
            {
                return true;
            }
        }

        return false;
    }
}
