using Territorio.Kernel.Codes;
using Territorio.Kernel.Hospital;

namespace Territorio.Rehab.Engine;

public enum Verdict
{
    Appropriate,
    Inappropriate,
    OutOfScope,
    NotAssessable,
}

public enum CheckOutcome
{
    Passed,
    Failed,

    /// <summary>A value the check needs is missing from the record.</summary>
    Missing,

    /// <summary>Reported only (e.g. scales in the trial's report-only mode, routing between articles).</summary>
    Info,

    /// <summary>Data to look at that does not change the verdict (e.g. an MDC the principal diagnosis contradicts).</summary>
    Warning,
}

/// <summary>One check the engine made: which rule, on which inputs, with which outcome.</summary>
public sealed record RuleCheck(string Article, string Rule, CheckOutcome Outcome, string Detail, IReadOnlyList<KeyValuePair<string, string>> Inputs);

/// <summary>
/// The decision on one rehab admission, with every check behind it so that a controller can
/// verify it by hand (DOMAIN B.6).
/// </summary>
public sealed record RehabVerdict(
    string RecordId,
    Verdict Verdict,
    bool PostAcute,
    string? AcuteRecordId,
    int? IntervalDays,
    string Article,
    string Level,
    IReadOnlyList<RuleCheck> Checks)
{
    /// <summary>Between the details of the checks in <see cref="Reasons"/>.</summary>
    public const string ReasonSeparator = "; ";

    /// <summary>The details of every check, in order: the human-readable explanation of the verdict.</summary>
    public string Reasons => string.Join(ReasonSeparator, Checks.Select(c => c.Detail));

    public static string Code(Verdict verdict) => verdict switch
    {
        Verdict.Appropriate => "appropriate",
        Verdict.Inappropriate => "inappropriate",
        Verdict.OutOfScope => "out_of_scope",
        _ => "not_assessable",
    };
}

/// <summary>The acute admission found by the longitudinal linkage (art.2 c.2).</summary>
public sealed record AcuteDischarge(
    string RecordId,
    int Discipline,
    DateOnly DischargeDate,
    Icd9CmCode PrincipalDiagnosis,
    IReadOnlyList<Icd9CmCode> SecondaryDiagnoses)
{
    public IEnumerable<Icd9CmCode> Diagnoses => SecondaryDiagnoses.Prepend(PrincipalDiagnosis);
}

/// <summary>
/// One rehab admission with what the patient's path says about it: the latest acute discharge
/// within the look-back (art.2 c.2), an earlier rehab stay in continuity with that acute stay
/// (art.3 c.4), the stay it was transferred from (art.4 c.4).
/// </summary>
public sealed record RehabCase(SdoRecord Admission, AcuteDischarge? Acute = null, SdoRecord? EarlierRehab = null, SdoRecord? TransferSource = null);
