using System.Collections.Concurrent;
using System.Globalization;
using Territorio.Kernel.Codes;

namespace Territorio.Rehab.Rules;

/// <summary>
/// How a reason names an ICD-9-CM code to a controller: the code and its short Italian
/// description from the catalogue ("428.0 insufficienza cardiaca congestizia non
/// specificata"). Each code's label is formatted the first time a reason names it and kept for
/// the rule set's life, so that a verdict's text costs a lookup per code (decision 0161).
/// </summary>
public sealed class CodeLabels
{
    /// <summary>Longer descriptions are cut at a word and end with "…": a reason lists several codes.</summary>
    public const int MaxDescriptionLength = 56;

    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    private readonly Icd9CmCatalogue? _catalogue;

    // Only the codes the verdicts name (a few thousand of the catalogue's 20,000), one ordinal table per
    // volume keyed by the code's text: cheaper to hash than the code (see CodeList). Verdicts are
    // judged in parallel, hence concurrent; a label formatted twice by a race is the same text.
    private readonly ConcurrentDictionary<string, string> _diagnoses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _procedures = new(StringComparer.Ordinal);

    public CodeLabels(Icd9CmCatalogue catalogue) => _catalogue = catalogue;

    private CodeLabels()
    {
    }

    /// <summary>Codes only, for rule sets built without a catalogue.</summary>
    public static readonly CodeLabels None = new();

    /// <summary>The code with its description, or the code alone when the catalogue lacks it.</summary>
    public string Of(Icd9CmCode code)
    {
        if (_catalogue is null || code.Value is null)
        {
            return code.Value!;
        }

        var labels = code.Kind == Icd9CmKind.Diagnosis ? _diagnoses : _procedures;
        if (!labels.TryGetValue(code.Value, out string? label))
        {
            label = _catalogue.Find(code) is { } entry ? code.Value + " " + Shorten(entry.Description) : code.Value;
            labels.TryAdd(code.Value, label);
        }

        return label;
    }

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
