using Territorio.Kernel.Hospital;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Engine;

/// <summary>An acute stay as the linkage sees it: when it ended, and its position in the flow.</summary>
public readonly record struct AcuteRef(DateOnly DischargeDate, long Order);

/// <summary>
/// The longitudinal path of one patient (DM 5/8/2021 art.2 c.2–3): which acute stay a rehab
/// admission follows, which earlier rehab stay followed the same acute stay, which stay a
/// transfer came from. Pure functions over the patient's records, shared by every reader.
/// </summary>
public static class PatientPath
{
    /// <summary>
    /// Art.2 c.2: the latest acute discharge within the look-back before the admission (ties: the
    /// later record in the flow); -1 if none, so the admission is not post-acute (art.2 c.3).
    /// </summary>
    public static int LatestAcute(ReadOnlySpan<AcuteRef> acutes, DateOnly admission, LinkageRules rules)
    {
        int best = -1;
        for (int i = 0; i < acutes.Length; i++)
        {
            var a = acutes[i];
            if (rules.IsWithinLookback(a.DischargeDate, admission)
                && (best < 0 || a.DischargeDate > acutes[best].DischargeDate
                    || (a.DischargeDate == acutes[best].DischargeDate && a.Order > acutes[best].Order)))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// Art.3 c.4: an earlier rehab stay of the patient that started within the continuity days of
    /// the acute discharge and ended by this admission: this admission is then a re-admission for
    /// worsening, judged by art.4.
    /// </summary>
    public static SdoRecord? EarlierRehabInContinuity(IEnumerable<SdoRecord> patientRehabs, SdoRecord current, DateOnly acuteDischarge, LinkageRules rules)
    {
        SdoRecord? found = null;
        foreach (var r in patientRehabs)
        {
            if (!ReferenceEquals(r, current)
                && r.RecordId != current.RecordId
                && r.AdmissionDate >= acuteDischarge
                && r.AdmissionDate.DayNumber - acuteDischarge.DayNumber <= rules.ContinuityDays
                && r.AdmissionDate < current.AdmissionDate
                && r.DischargeDate <= current.AdmissionDate
                && (found is null || r.AdmissionDate > found.AdmissionDate
                    || (r.AdmissionDate == found.AdmissionDate && string.CompareOrdinal(r.RecordId, found.RecordId) > 0)))
            {
                found = r;
            }
        }

        return found;
    }

    /// <summary>True when the admission declares a transfer from a unit of its own discipline (art.4 c.4).</summary>
    public static bool IsSameDisciplineTransfer(SdoRecord current) =>
        current.TransferFromDiscipline == current.Discipline && current.IsRehabilitation;

    /// <summary>
    /// Art.4 c.4: the stay a same-discipline transfer came from: the patient's stay of that
    /// discipline discharged on the admission day or the day before.
    /// </summary>
    public static SdoRecord? TransferSource(IEnumerable<SdoRecord> patientRehabs, SdoRecord current)
    {
        if (!IsSameDisciplineTransfer(current))
        {
            return null;
        }

        SdoRecord? found = null;
        foreach (var r in patientRehabs)
        {
            int gap = current.AdmissionDate.DayNumber - r.DischargeDate.DayNumber;
            if (r.RecordId != current.RecordId && r.Discipline == current.Discipline && gap is 0 or 1
                && r.AdmissionDate <= current.AdmissionDate
                && (found is null || r.DischargeDate > found.DischargeDate
                    || (r.DischargeDate == found.DischargeDate && string.CompareOrdinal(r.RecordId, found.RecordId) > 0)))
            {
                found = r;
            }
        }

        return found;
    }
}
