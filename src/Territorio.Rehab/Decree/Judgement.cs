using System.Globalization;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Hospital;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Decree;

/// <summary>
/// One admission being judged: the case, the rule set, and the checks made so far, in the order
/// a controller makes them. Each article adds its checks here and returns the verdict it reaches.
/// </summary>
internal sealed class Judgement(RehabCase c, RuleSet rules)
{
    private readonly List<RuleCheck> _checks = new(8);
    private Icd9CmCode[]? _rehabCodes;
    private Icd9CmCode[]? _acuteDiagnoses;
    private (Icd9CmCode[]? Codes, string Text) _listed;
    private (Icd9CmCode[]? Codes, string Text) _listedBefore;

    public RehabCase Case => c;

    public SdoRecord Admission => c.Admission;

    public RuleSet Rules => rules;

    /// <summary>Art.2 c.5: days from the linked acute discharge to the admission; null when not post-acute.</summary>
    public int? IntervalDays { get; } = Linkage.IntervalDays(c);

    /// <summary>The rehab record's diagnoses then procedures, in order.</summary>
    public Icd9CmCode[] RehabCodes => _rehabCodes ??= [c.Admission.PrincipalDiagnosis, .. c.Admission.SecondaryDiagnoses, .. c.Admission.Procedures];

    /// <summary>The rehab record's principal and secondary diagnoses, in order.</summary>
    public ReadOnlySpan<Icd9CmCode> RehabDiagnoses => RehabCodes.AsSpan(0, 1 + c.Admission.SecondaryDiagnoses.Count);

    /// <summary>The linked acute stay's principal and secondary diagnoses, in order (none when not linked).</summary>
    public Icd9CmCode[] AcuteDiagnoses => _acuteDiagnoses ??= c.Acute is { } acute ? [acute.PrincipalDiagnosis, .. acute.SecondaryDiagnoses] : [];

    public void Check(string article, string rule, CheckOutcome outcome, string detail, params ReadOnlySpan<(string Key, string Value)> inputs)
    {
        var pairs = inputs.IsEmpty ? [] : new KeyValuePair<string, string>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            pairs[i] = new(inputs[i].Key, inputs[i].Value);
        }

        _checks.Add(new RuleCheck(article, rule, outcome, detail, pairs));
    }

    public void Check(string article, string rule, CheckOutcome outcome, string detail, KeyValuePair<string, string>[] inputs) =>
        _checks.Add(new RuleCheck(article, rule, outcome, detail, inputs));

    public RehabVerdict Verdict(Verdict verdict, string article, string level) =>
        new(c.Admission.RecordId, verdict, c.Acute is not null, c.Acute?.RecordId, IntervalDays, article, level, _checks);

    /// <summary>The criteria of one comma, tried from the most complex level down.</summary>
    public Levels LevelsOf(string comma) => new(this, comma);

    /// <summary>A date as the machine-readable inputs write it (yyyy-MM-dd).</summary>
    public static string Day(DateOnly date) => date.ToString("O", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(int? value) => value is { } v ? Number(v) : "";

    /// <summary>The codes as the machine-readable inputs write them: "428.0 99.04".</summary>
    public static string CodeValues(Icd9CmCode[] codes)
    {
        if (codes.Length == 1)
        {
            return codes[0].Value;
        }

        var values = new string[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            values[i] = codes[i].Value;
        }

        return string.Join(' ', values);
    }

    /// <summary>The codes with their Italian descriptions.</summary>
    public string Codes(ReadOnlySpan<Icd9CmCode> codes) => Wording.Codes(codes, rules.CodeLabels);

    /// <summary>
    /// The codes with their Italian descriptions; the list a comma's levels all name (the
    /// Annex-3 codes of 56a, 56b, 56c) is written once per admission, not once per level.
    /// </summary>
    public string Codes(Icd9CmCode[] codes)
    {
        // Two lists alternate at most (art.4 c.1: Annex-3 codes, then mielolesione codes, then Annex-3 again).
        if (ReferenceEquals(codes, _listed.Codes))
        {
            return _listed.Text;
        }

        if (ReferenceEquals(codes, _listedBefore.Codes))
        {
            return _listedBefore.Text;
        }

        _listedBefore = _listed;
        _listed = (codes, Wording.Codes(codes, rules.CodeLabels));
        return _listed.Text;
    }

    /// <summary>
    /// Codes found for a criterion, counted and listed: "nessun codice dell'Allegato 3",
    /// "1 altro codice dell'Allegato 3, ne servono 2: 428.0 …", "3 codici …, ne servono 3: a; b; c".
    /// </summary>
    public string Counted(Icd9CmCode[] codes, string what, int? needed = null, bool others = false)
    {
        string count = codes.Length switch
        {
            0 => others ? "nessun altro codice" : "nessun codice",
            1 => others ? "1 altro codice" : "1 codice",
            _ => Number(codes.Length) + (others ? " altri codici" : " codici"),
        };
        return (codes.Length, needed) switch
        {
            (0, null) => $"{count} {what}",
            (0, { } n) => $"{count} {what}, {Wording.Needed(n)}",
            (_, null) => $"{count} {what}: {Codes(codes)}",
            (_, { } n) => $"{count} {what}, {Wording.Needed(n)}: {Codes(codes)}",
        };
    }
}

/// <summary>
/// The levels of a comma (art.3 c.1, art.4 c.1 …), tried in order: the first whose codes and
/// entry scales are met decides. A level whose codes are met but whose scales are missing (when
/// the rule set requires them) makes the admission not assessable, unless a later level decides.
/// </summary>
internal sealed class Levels(Judgement j, string comma)
{
    private (string Article, string Level)? _scalesMissing;

    /// <summary>The verdict of the level that decided; set when <see cref="Decides"/> returned true.</summary>
    public RehabVerdict? Decided { get; private set; }

    /// <summary>Tries one level: its codes (with the reason given), then its entry scales. True when it decides.</summary>
    /// <remarks>
    /// <paramref name="matched"/> and <paramref name="alsoMatched"/> are the annex codes the criterion found, kept as
    /// inputs ("annex3_codes" = "428.0 99.04") so that a verdict's page can show the annex entries they match.
    /// </remarks>
    public bool Decides(string article, string level, bool codesMet, string reason, Matched matched = default, Matched alsoMatched = default)
    {
        j.Check(article, "codes", codesMet ? CheckOutcome.Passed : CheckOutcome.Failed,
            $"{article} ({level}) {(codesMet ? "soddisfatto" : "non soddisfatto")}: {reason}", [new("level", level), .. matched.Input(), .. alsoMatched.Input()]);
        if (!codesMet)
        {
            return false;
        }

        switch (EntryScales.Check(j, article, level))
        {
            case CheckOutcome.Passed:
                Decided = j.Verdict(Verdict.Appropriate, article, level);
                return true;
            case CheckOutcome.Missing:
                _scalesMissing ??= (article, level);
                break;
        }

        return false;
    }

    /// <summary>When no level decided: not assessable at the first level missing its scales, else inappropriate by the comma.</summary>
    public RehabVerdict NoneDecided() =>
        _scalesMissing is { } missing
            ? j.Verdict(Verdict.NotAssessable, missing.Article, missing.Level)
            : j.Verdict(Verdict.Inappropriate, comma, "");
}

/// <summary>The codes of one annex a criterion found, as the input "annexN_codes".</summary>
internal readonly record struct Matched(string Annex, Icd9CmCode[]? Codes)
{
    public KeyValuePair<string, string>[] Input() => Codes is { Length: > 0 } codes
        ? [new(Annex + "_codes", Judgement.CodeValues(codes))]
        : [];
}
