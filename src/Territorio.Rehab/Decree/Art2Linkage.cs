using System.Globalization;
using Territorio.Kernel.Hospital;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Decree;

/// <summary>An acute stay as the linkage sees it: when it ended, and its position in the flow.</summary>
public readonly record struct AcuteRef(DateOnly DischargeDate, long Order);

/// <summary>
/// DM 5/8/2021 art.2 c.2–5: whether a rehab admission follows an acute event, which acute stay it
/// follows, and how many days lie between them. The only place the look-back is decided: the
/// engine, the file pipeline and the ward's pre-check all ask it.
/// </summary>
public static class Linkage
{
    /// <summary>
    /// DM 5/8/2021 art.2 c.2: "nei 12 mesi precedenti" the admission: from the same calendar day
    /// N months before (included). The months come from the rule set.
    /// </summary>
    public static DateOnly LookbackStart(DateOnly rehabAdmission, LinkageRules rules) =>
        rehabAdmission.AddMonths(-rules.LookbackMonths);

    /// <summary>DM 5/8/2021 art.2 c.2: an acute discharge from the look-back start to the admission day, both included.</summary>
    public static bool IsWithinLookback(DateOnly acuteDischarge, DateOnly rehabAdmission, LinkageRules rules) =>
        acuteDischarge <= rehabAdmission && acuteDischarge >= LookbackStart(rehabAdmission, rules);

    /// <summary>
    /// DM 5/8/2021 art.2 c.2: the latest acute discharge within the look-back before the admission
    /// (ties: the later record in the flow); -1 if none, so the admission is not post-acute (art.2 c.3).
    /// </summary>
    public static int LatestAcute(ReadOnlySpan<AcuteRef> acutes, DateOnly admission, LinkageRules rules)
    {
        int best = -1;
        for (int i = 0; i < acutes.Length; i++)
        {
            var a = acutes[i];
            if (IsWithinLookback(a.DischargeDate, admission, rules)
                && (best < 0 || a.DischargeDate > acutes[best].DischargeDate
                    || (a.DischargeDate == acutes[best].DischargeDate && a.Order > acutes[best].Order)))
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// DM 5/8/2021 art.2 c.5: the days from the acute discharge to the rehab admission; null when
    /// the admission follows no acute stay.
    /// </summary>
    public static int? IntervalDays(RehabCase c) =>
        c.Acute is { } acute ? c.Admission.AdmissionDate.DayNumber - acute.DischargeDate.DayNumber : null;

    /// <summary>
    /// Art.3 c.4 (the path it needs): an earlier rehab stay of the patient that started within the
    /// continuity days of the acute discharge and ended by this admission.
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

    /// <summary>
    /// The linkage check of a judgement: art.2 c.2 (linked, with the interval of c.5) or art.2 c.3
    /// (no acute stay in the look-back). True when the admission is post-acute.
    /// </summary>
    internal static bool Check(Judgement j)
    {
        var admission = j.Admission;
        if (j.Case.Acute is not { } acute)
        {
            // DM 5/8/2021 art.2 c.3 — not following an acute event: judged by art.4
            var from = LookbackStart(admission.AdmissionDate, j.Rules.Linkage);
            j.Check("art.2 c.3", "linkage", CheckOutcome.Info,
                $"art.2 c.3: non conseguente ad evento acuto: nessun ricovero per acuti dimesso nei {j.Rules.Linkage.LookbackMonths} mesi prima dell'ammissione del {Wording.Date(admission.AdmissionDate)} (dal {Wording.Date(from)})",
                ("lookback_from", Judgement.Day(from)));
            return false;
        }

        // DM 5/8/2021 art.2 c.2 and c.5 — the acute stay it follows, and the days in between
        int days = j.IntervalDays!.Value;
        j.Check("art.2 c.2", "linkage", CheckOutcome.Info,
            $"art.2 c.2: conseguente ad evento acuto: ricovero per acuti {acute.RecordId} (disciplina {acute.Discipline.ToString(CultureInfo.InvariantCulture)}, diagnosi principale {j.Rules.CodeLabels.Of(acute.PrincipalDiagnosis)}) dimesso il {Wording.Date(acute.DischargeDate)}, {(days == 0 ? "lo stesso giorno dell'ammissione" : Wording.Days(days) + " prima dell'ammissione")} (art.2 c.5)",
            ("acute_record_id", acute.RecordId), ("acute_discharge_date", Judgement.Day(acute.DischargeDate)), ("interval_days", Judgement.Number(days)),
            ("acute_discipline", Judgement.Number(acute.Discipline)), ("acute_principal_dx", acute.PrincipalDiagnosis.Value));
        return true;
    }
}
