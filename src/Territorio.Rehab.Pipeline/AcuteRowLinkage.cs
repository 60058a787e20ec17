namespace Territorio.Rehab.Pipeline;

/// <summary>
/// What the rehab check reads of an acute row. DM 5/8/2021 art.2 c.2–5: an acute stay links a rehab
/// admission by its patient and its dates (the look-back, the interval), its discipline says it is an
/// acute stay, its record id names it in the verdict, and its diagnoses are read by the checks of the
/// admission it links (art.3, art.4). An acute row faulty only in another field (a birth date, a
/// regime, a discharge mode) still takes part in the linkage; the errors file says so (issue 19): the
/// layout rewrite for a date it cannot convert, the check for every fault of a linked row (decision 0221).
/// </summary>
public static class AcuteRowLinkage
{
    // The fields SdoRowDecoder.DecodeAcute checks on every acute row of the scan. The regime is not
    // one: the linkage takes an acute stay of either regime (Territorio's reading of art.2 c.2).
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(
        ["record_id", "patient_id", "discipline", "admission_date", "discharge_date", "principal_dx", "secondary_dx"], StringComparer.Ordinal);

    public const string KeptNote = "riga di un ricovero per acuti usata comunque per il collegamento con i ricoveri di riabilitazione (il campo non serve al collegamento, DM 5/8/2021 art.2)";

    /// <summary>How many of the errors are of acute rows kept for the linkage (named, not discarded): the summaries count them apart.</summary>
    public static int KeptCount(IEnumerable<Kernel.Errors.InputError> errors) =>
        errors.Count(e => e.Reason.EndsWith(KeptNote, StringComparison.Ordinal));

    /// <summary>
    /// The note for an acute row whose only fault is in <paramref name="field"/>, kept for the
    /// linkage; null for a rehab row (judged on every field, so refused) or a fault the linkage needs.
    /// </summary>
    public static string? KeepDespite(string field, Func<string, string> valueOf) =>
        // DM 5/8/2021 art.1: rehab stays are disciplines 28, 56 and 75; every other discipline is acute.
        !Fields.Contains(field) && int.TryParse(valueOf("discipline"), out int discipline) && discipline is not (28 or 56 or 75)
            ? KeptNote
            : null;
}
