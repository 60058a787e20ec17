using Territorio.Kernel.Population;
using Territorio.Rehab.Engine;

namespace Territorio.Rehab.Decree;

/// <summary>DM 5/8/2021 art.1: which admissions the decree judges.</summary>
internal static class Scope
{
    /// <summary>
    /// DM 5/8/2021 art.1 c.1 — disciplines 28, 56, 75, the regimes and MDCs of the rule set, adults
    /// (age ≥ 18 at admission), discharge modes not excluded. True when the admission is in scope.
    /// </summary>
    public static bool Check(Judgement j)
    {
        var scope = j.Rules.Scope;
        var r = j.Admission;
        int age = Ages.CompletedYears(r.BirthDate, r.AdmissionDate);
        var faults = new List<string>();
        if (!scope.Disciplines.Contains(r.Discipline))
        {
            faults.Add($"disciplina {r.Discipline}, non tra le discipline {Wording.List(scope.Disciplines)}");
        }

        if (!scope.Regimes.Contains(r.Regime))
        {
            faults.Add($"regime {Wording.Regime(r.Regime)}, non tra i regimi {Wording.List(scope.Regimes, Wording.Regime)}");
        }

        if (!scope.Mdcs.Contains(r.Mdc))
        {
            faults.Add($"MDC {r.Mdc}, non tra le MDC {Wording.List(scope.Mdcs)}");
        }

        if (age < scope.MinAge)
        {
            faults.Add($"età all'ammissione {Wording.Count(age, "anno", "anni")}, sotto i {scope.MinAge}");
        }

        if (scope.ExcludedDischargeModes.Contains(r.DischargeMode))
        {
            faults.Add($"modalità di dimissione {DischargeMode(r.DischargeMode)}, esclusa");
        }

        KeyValuePair<string, string>[] inputs =
        [
            new("discipline", Judgement.Number(r.Discipline)), new("regime", Judgement.Number(r.Regime)), new("mdc", Judgement.Number(r.Mdc)),
            new("age", Judgement.Number(age)), new("discharge_mode", r.DischargeMode),
        ];
        if (faults.Count > 0)
        {
            j.Check("art.1 c.1", "scope", CheckOutcome.Failed, "art.1 c.1: fuori ambito: " + string.Join("; ", faults), inputs);
            return false;
        }

        j.Check("art.1 c.1", "scope", CheckOutcome.Passed,
            $"art.1 c.1: in ambito: disciplina {r.Discipline}, regime {Wording.Regime(r.Regime)}, MDC {r.Mdc}, {Wording.Count(age, "anno", "anni")} all'ammissione", inputs);
        return true;
    }

    /// <summary>
    /// Territorio's own data check, not the decree's: an MDC given in the SDO that the principal
    /// diagnosis contradicts (by the diagnosis → MDC table) is flagged, since the scope rests on
    /// it; the scope still uses the MDC given, as the regional grouper assigned it (issue 19).
    /// </summary>
    public static void CheckMdcAgainstPrincipal(Judgement j)
    {
        var r = j.Admission;
        if (r.PrincipalDiagnosisMdc is { } expected && expected != r.Mdc)
        {
            j.Check("art.1 c.1", "mdc_consistency", CheckOutcome.Warning,
                $"attenzione: la SDO indica la MDC {r.Mdc}, ma la diagnosi principale {j.Rules.CodeLabels.Of(r.PrincipalDiagnosis)} appartiene alla MDC {expected}; l'ambito usa la MDC indicata",
                ("mdc", Judgement.Number(r.Mdc)), ("principal_dx_mdc", Judgement.Number(expected)));
        }
    }

    // DM 380/2000 (SDO), modalità di dimissione: the modes art.1 c.1 excludes, in words
    private static string DischargeMode(string mode) => mode switch
    {
        "1" => "1 (decesso)",
        "5" => "5 (dimissione volontaria)",
        "6" => "6 (trasferimento ad altro istituto per acuti)",
        _ => mode,
    };
}
