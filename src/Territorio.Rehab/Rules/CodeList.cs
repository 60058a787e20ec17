using System.Collections.Frozen;
using Territorio.Kernel.Codes;

namespace Territorio.Rehab.Rules;

/// <summary>
/// A list of ICD-9-CM codes as a rule set writes it (codes, ranges, each covering the codes below
/// it), expanded once against the catalogue so that matching a record is a set lookup.
/// </summary>
public sealed class CodeList
{
    public CodeList(string name, string title, string rationale, IReadOnlyList<string> items, IEnumerable<Icd9CmCode> codes)
    {
        Name = name;
        Title = title;
        Rationale = rationale;
        Items = items;
        Codes = codes.ToFrozenSet();
    }

    public static readonly CodeList Empty = new("", "", "", [], []);

    /// <summary>Name in the rule set, e.g. "annex3" or "annex4 mdc1".</summary>
    public string Name { get; }

    public string Title { get; }

    public string Rationale { get; }

    /// <summary>The items as written ("800-804", "344.0", "P:96.70-96.72" for procedures).</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Every catalogue code the items cover (diagnoses and procedures).</summary>
    public FrozenSet<Icd9CmCode> Codes { get; }

    public bool Contains(Icd9CmCode code) => Codes.Contains(code);

    /// <summary>The distinct codes of <paramref name="codes"/> in this list, in input order.</summary>
    public List<Icd9CmCode> Matches(IEnumerable<Icd9CmCode> codes)
    {
        var found = new List<Icd9CmCode>();
        foreach (var code in codes)
        {
            if (Codes.Contains(code) && !found.Contains(code))
            {
                found.Add(code);
            }
        }

        return found;
    }
}
