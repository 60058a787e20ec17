using Territorio.Kernel.Codes;
using Territorio.Rehab.Engine;

namespace Territorio.Rehab.Decree;

/// <summary>
/// DM 5/8/2021 art.4: diagnostic congruence, judged on the rehab SDO alone: admissions that follow
/// no acute event (art.2 c.3), miss the time criterion (art.3 c.6) or re-admit for worsening (art.3 c.4).
/// </summary>
internal static class Congruence
{
    public static RehabVerdict Judge(Judgement j) => j.Admission.Discipline switch
    {
        56 => Comma1(j),
        75 => Comma2(j),
        _ => Comma3(j),
    };

    /// <summary>
    /// DM 5/8/2021 art.4 c.1 — discipline 56 by its principal diagnosis and Annex-3/2 counts:
    /// 56a (lett.a: principal in Annex 3 and enough others; lett.b: two mielolesione codes),
    /// 56b (lett.c: principal and two others), 56c (lett.d: principal and one other).
    /// </summary>
    private static RehabVerdict Comma1(Judgement j)
    {
        var r = j.Admission;
        bool principalIn = j.Rules.Annex3.Contains(r.PrincipalDiagnosis);
        var others = j.Rules.Annex3.Matches(j.RehabCodes.AsSpan(1), except: r.PrincipalDiagnosis);
        var spinal = j.Rules.Annex2.Matches(j.RehabDiagnoses);
        int needed56a = Annex3Exceptions.Needed56a(j, 3);
        string principal = $"diagnosi principale {j.Codes([r.PrincipalDiagnosis])} {(principalIn ? "nell'Allegato 3" : "non nell'Allegato 3")}";
        Icd9CmCode[] annex3 = principalIn ? [r.PrincipalDiagnosis, .. others] : others;
        var levels = j.LevelsOf("art.4 c.1");
        if (levels.Decides("art.4 c.1 lett.a", "56a", principalIn && others.Length >= needed56a,
                $"{principal}; {j.Counted(others, "dell'Allegato 3", needed56a, others: true)}", new("annex3", annex3))
            || levels.Decides("art.4 c.1 lett.b", "56a", spinal.Length >= 2,
                j.Counted(spinal, "di mielolesione (Allegato 2) tra le diagnosi", 2), new("annex2", spinal))
            || levels.Decides("art.4 c.1 lett.c", "56b", principalIn && others.Length >= 2,
                $"{principal}; {j.Counted(others, "dell'Allegato 3", 2, others: true)}", new("annex3", annex3))
            || levels.Decides("art.4 c.1 lett.d", "56c", principalIn && others.Length >= 1,
                $"{principal}; {j.Counted(others, "dell'Allegato 3", 1, others: true)}", new("annex3", annex3)))
        {
            return levels.Decided!;
        }

        return levels.NoneDecided();
    }

    /// <summary>DM 5/8/2021 art.4 c.2 — discipline 75: MDC 1 and a GCA code (Annex 1) in the rehab SDO.</summary>
    private static RehabVerdict Comma2(Judgement j)
    {
        int mdc = j.Admission.Mdc;
        var gca = j.Rules.Annex1.Matches(j.RehabDiagnoses);
        var levels = j.LevelsOf("art.4 c.2");
        return levels.Decides("art.4 c.2", "75", mdc == 1 && gca.Length > 0,
                $"{Mdc1(mdc)}; {j.Counted(gca, "di GCA (Allegato 1) tra le diagnosi della SDO riabilitativa")}", new("annex1", gca))
            ? levels.Decided!
            : levels.NoneDecided();
    }

    /// <summary>DM 5/8/2021 art.4 c.3 — discipline 28: a mielolesione code (Annex 2) and another Annex-3 code.</summary>
    private static RehabVerdict Comma3(Judgement j)
    {
        var spinal = j.Rules.Annex2.Matches(j.RehabCodes);
        var complex = j.Rules.Annex3.Matches(j.RehabCodes);
        bool met = spinal.Length > 0 && complex.Any(code => spinal.Length > 1 || code != spinal[0]);
        var levels = j.LevelsOf("art.4 c.3");
        return levels.Decides("art.4 c.3", "28", met,
                $"{j.Counted(spinal, "di mielolesione (Allegato 2)")}; {j.Counted(complex, "dell'Allegato 3")}", new("annex2", spinal), new("annex3", complex))
            ? levels.Decided!
            : levels.NoneDecided();
    }

    /// <summary>Art.3 c.2–3, art.4 c.2: the MDC the criterion requires, in words.</summary>
    internal static string Mdc1(int mdc) => mdc == 1 ? "MDC 1" : $"MDC {mdc}, ma il criterio richiede la MDC 1";
}
