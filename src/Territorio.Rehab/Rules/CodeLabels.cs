using System.Collections.Frozen;
using System.Globalization;
using Territorio.Kernel.Codes;

namespace Territorio.Rehab.Rules;

/// <summary>
/// How a reason names an ICD-9-CM code to a controller: the code and its short Italian
/// description from the catalogue ("428.0 insufficienza cardiaca congestizia non
/// specificata"). Built once per rule set, so that a verdict's text costs a lookup per code.
/// </summary>
public sealed class CodeLabels
{
    /// <summary>Longer descriptions are cut at a word and end with "…": a reason lists several codes.</summary>
    public const int MaxDescriptionLength = 56;

    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    // One ordinal table per volume, keyed by the code's text: cheaper to hash than the code (see CodeList).
    private readonly Lazy<FrozenDictionary<string, string>> _diagnoses;
    private readonly Lazy<FrozenDictionary<string, string>> _procedures;

    public CodeLabels(Icd9CmCatalogue catalogue)
    {
        _diagnoses = new(() => Labels(catalogue.Diagnoses));
        _procedures = new(() => Labels(catalogue.Procedures));
    }

    private CodeLabels()
    {
        _diagnoses = new(FrozenDictionary<string, string>.Empty);
        _procedures = new(FrozenDictionary<string, string>.Empty);
    }

    /// <summary>Codes only, for rule sets built without a catalogue.</summary>
    public static readonly CodeLabels None = new();

    /// <summary>The code with its description, or the code alone when the catalogue lacks it.</summary>
    public string Of(Icd9CmCode code) =>
        (code.Kind == Icd9CmKind.Diagnosis ? _diagnoses : _procedures).Value.GetValueOrDefault(code.Value) ?? code.Value;

    private static FrozenDictionary<string, string> Labels(IEnumerable<Icd9CmEntry> entries) =>
        entries.ToFrozenDictionary(e => e.Code.Value, e => e.Code.Value + " " + Shorten(e.Description), StringComparer.Ordinal);

    /// <summary>The catalogue's upper-case description in lower case, cut at a word past the maximum length.</summary>
    public static string Shorten(string description)
    {
        string text = description.Trim().ToLower(Italian);
        if (text.Length <= MaxDescriptionLength)
        {
            return text;
        }

        int cut = text.LastIndexOf(' ', MaxDescriptionLength);
        return text[..(cut > 0 ? cut : MaxDescriptionLength)].TrimEnd(',', ';', ' ') + "…";
    }
}
