using Territorio.Kernel.Hospital;
using Territorio.Rehab.Engine;

namespace Territorio.Rehab.Decree;

/// <summary>DM 5/8/2021 art.4 c.4: transfers between units of the same rehab discipline.</summary>
public static class Transfers
{
    /// <summary>True when the admission declares a transfer from a unit of its own discipline (art.4 c.4).</summary>
    public static bool IsSameDisciplineTransfer(SdoRecord current) =>
        current.TransferFromDiscipline == current.Discipline && current.IsRehabilitation;

    /// <summary>
    /// DM 5/8/2021 art.4 c.4 — the stay a same-discipline transfer came from: the patient's stay of
    /// that discipline discharged on the admission day or the day before.
    /// </summary>
    public static SdoRecord? Source(IEnumerable<SdoRecord> patientRehabs, SdoRecord current)
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

    /// <summary>
    /// DM 5/8/2021 art.4 c.4 — 28→28 and 75→75 complete the treatment begun; 56→56 only while the
    /// total stay stays within the DM 18/10/2012 threshold for the MDC (from the rule set).
    /// </summary>
    internal static RehabVerdict Judge(Judgement j)
    {
        var r = j.Admission;
        if (r.Discipline != 56)
        {
            j.Check("art.4 c.4", "transfer", CheckOutcome.Passed,
                $"art.4 c.4: trasferimento tra unità di disciplina {r.Discipline} per completare il trattamento",
                ("transfer_from_discipline", Judgement.Number(r.Discipline)));
            return j.Verdict(Verdict.Appropriate, "art.4 c.4", r.Discipline switch { 28 => "28", 75 => "75", _ => "" });
        }

        var source = j.Case.TransferSource;
        int total = r.LengthOfStay + (source?.LengthOfStay ?? 0);
        string stays = source is null
            ? $"degenza di {Wording.Days(r.LengthOfStay)} (ricovero di provenienza non trovato nel flusso)"
            : $"degenza complessiva di {Wording.Days(total)} ({Wording.Days(source.LengthOfStay)} nel ricovero {source.RecordId} e {Wording.Days(r.LengthOfStay)} in questo)";
        if (!j.Rules.Transfers.MaxStayByMdc.TryGetValue(r.Mdc, out int max))
        {
            j.Check("art.4 c.4", "transfer", CheckOutcome.Missing, $"art.4 c.4: trasferimento tra unità di disciplina 56, {stays}; le regole in uso non hanno una soglia di degenza per la MDC {r.Mdc}");
            return j.Verdict(Verdict.NotAssessable, "art.4 c.4", "");
        }

        bool within = total <= max;
        j.Check("art.4 c.4", "transfer", within ? CheckOutcome.Passed : CheckOutcome.Failed,
            $"art.4 c.4: trasferimento tra unità di disciplina 56, {stays}, {(within ? "entro" : "oltre")} la soglia di {Wording.Days(max)} per la MDC {r.Mdc} (DM 18/10/2012)",
            ("total_stay_days", Judgement.Number(total)), ("threshold_days", Judgement.Number(max)), ("source_record_id", source?.RecordId ?? ""));
        return j.Verdict(within ? Verdict.Appropriate : Verdict.Inappropriate, "art.4 c.4", "");
    }
}
