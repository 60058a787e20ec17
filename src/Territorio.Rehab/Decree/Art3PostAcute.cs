using Territorio.Rehab.Engine;

namespace Territorio.Rehab.Decree;

/// <summary>DM 5/8/2021 art.3: the criteria of an admission that follows an acute event.</summary>
internal static class PostAcute
{
    /// <summary>
    /// DM 5/8/2021 art.3 c.4 — a new access after a rehab stay in continuity with the same acute
    /// stay is a re-admission for worsening, judged by art.4. True when it is one.
    /// </summary>
    public static bool IsWorseningReadmission(Judgement j)
    {
        if (j.Case.EarlierRehab is not { } earlier)
        {
            return false;
        }

        j.Check("art.3 c.4", "worsening_readmission", CheckOutcome.Info,
            $"art.3 c.4: nuovo accesso dopo il ricovero riabilitativo {earlier.RecordId} (dal {Wording.Date(earlier.AdmissionDate)} al {Wording.Date(earlier.DischargeDate)}) in continuità con l'acuzie: si applica l'art.4",
            ("earlier_rehab_record_id", earlier.RecordId));
        return true;
    }

    /// <summary>The post-acute verdict by the admission's discipline; a failed time criterion sends it to art.4.</summary>
    public static RehabVerdict Judge(Judgement j) => j.Admission.Discipline switch
    {
        56 => WithinInterval(j, "art.3 c.1") ? Comma1(j) : Congruence.Judge(j),
        75 => Comma2(j),
        28 => WithinInterval(j, "art.3 c.3") ? Comma3(j) : Congruence.Judge(j),
        _ => j.Verdict(Verdict.OutOfScope, "art.1 c.1", ""),
    };

    /// <summary>
    /// DM 5/8/2021 art.3 c.1, c.3 and Allegato 5 — the interval (art.2 c.5) within the annex's limit
    /// for the discipline and MDC; no limit in the annex: met. Not met → art.3 c.6 → art.4.
    /// </summary>
    private static bool WithinInterval(Judgement j, string article)
    {
        var r = j.Admission;
        int? limit = j.Rules.Annex5.For(r.Discipline, r.Mdc);
        if (limit is null)
        {
            j.Check(article, "annex5_interval", CheckOutcome.Info, $"{article}: l'Allegato 5 non pone un limite di intervallo per la disciplina {r.Discipline}, MDC {r.Mdc}");
            return true;
        }

        bool within = j.IntervalDays <= limit;
        j.Check(article, "annex5_interval", within ? CheckOutcome.Passed : CheckOutcome.Failed,
            $"{article}: intervallo di {Wording.Days(j.IntervalDays!.Value)}, {(within ? "entro" : "oltre")} il limite di {Wording.Days(limit.Value)} dell'Allegato 5 per la disciplina {r.Discipline}, MDC {r.Mdc}",
            ("interval_days", Judgement.Number(j.IntervalDays)), ("annex5_limit_days", Judgement.Number(limit.Value)));
        if (!within)
        {
            // DM 5/8/2021 art.3 c.6 — time criterion not met: the admission is judged by art.4
            j.Check("art.3 c.6", "interval_failed", CheckOutcome.Info, "art.3 c.6: criterio della distanza temporale non rispettato: si applica l'art.4");
        }

        return within;
    }

    /// <summary>
    /// DM 5/8/2021 art.3 c.1 — discipline 56 after an acute event: 56a with enough Annex-3 codes
    /// (lett.b), 56b with two (lett.c), 56c with an acute diagnosis correlated by Annex 4 (lett.a).
    /// </summary>
    private static RehabVerdict Comma1(Judgement j)
    {
        var acute = j.Case.Acute!;
        int mdc = j.Admission.Mdc;
        var annex3 = j.Rules.Annex3.Matches(j.RehabCodes);
        int needed56a = Annex3Exceptions.Needed56a(j, 3);
        var correlated = j.Rules.Annex4For(mdc).Matches(j.AcuteDiagnoses);
        var levels = j.LevelsOf("art.3 c.1");
        if (levels.Decides("art.3 c.1 lett.b", "56a", annex3.Length >= needed56a,
                j.Counted(annex3, "dell'Allegato 3 nella SDO riabilitativa", needed56a), new("annex3", annex3))
            || levels.Decides("art.3 c.1 lett.c", "56b", annex3.Length >= 2,
                j.Counted(annex3, "dell'Allegato 3 nella SDO riabilitativa", 2), new("annex3", annex3))
            || levels.Decides("art.3 c.1 lett.a", "56c", correlated.Length > 0, correlated.Length > 0
                ? $"diagnosi dell'acuzie {acute.RecordId} correlata alla riabilitazione (Allegato 4, MDC {mdc}): {j.Codes(correlated)}"
                : $"nessuna diagnosi dell'acuzie {acute.RecordId} è tra quelle correlate dell'Allegato 4 per la MDC {mdc} (diagnosi dell'acuzie: {j.Codes(j.AcuteDiagnoses)})", new("annex4", correlated)))
        {
            return levels.Decided!;
        }

        return levels.NoneDecided();
    }

    /// <summary>DM 5/8/2021 art.3 c.2 — discipline 75 after an acute event: MDC 1 and a GCA code (Annex 1) in the acute SDO.</summary>
    private static RehabVerdict Comma2(Judgement j)
    {
        int mdc = j.Admission.Mdc;
        var gca = j.Rules.Annex1.Matches(j.AcuteDiagnoses);
        var levels = j.LevelsOf("art.3 c.2");
        return levels.Decides("art.3 c.2", "75", mdc == 1 && gca.Length > 0,
                $"{Congruence.Mdc1(mdc)}; {j.Counted(gca, $"di GCA (Allegato 1) tra le diagnosi dell'acuzie {j.Case.Acute!.RecordId}")}", new("annex1", gca))
            ? levels.Decided!
            : levels.NoneDecided();
    }

    /// <summary>DM 5/8/2021 art.3 c.3 — discipline 28 after an acute event: MDC 1 and a mielolesione code (Annex 2) in the acute SDO.</summary>
    private static RehabVerdict Comma3(Judgement j)
    {
        int mdc = j.Admission.Mdc;
        var spinal = j.Rules.Annex2.Matches(j.AcuteDiagnoses);
        var levels = j.LevelsOf("art.3 c.3");
        return levels.Decides("art.3 c.3", "28", mdc == 1 && spinal.Length > 0,
                $"{Congruence.Mdc1(mdc)}; {j.Counted(spinal, $"di mielolesione (Allegato 2) tra le diagnosi dell'acuzie {j.Case.Acute!.RecordId}")}", new("annex2", spinal))
            ? levels.Decided!
            : levels.NoneDecided();
    }
}
