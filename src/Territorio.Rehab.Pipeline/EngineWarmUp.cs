using Territorio.Kernel.Codes;
using Territorio.Kernel.Hospital;
using Territorio.Kernel.Population;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Pipeline;

/// <summary>
/// Judges a few synthetic admissions that take the engine's paths (every article, level and
/// linkage case the rule set reaches), enough times for the runtime to compile and optimise its
/// code before the first real verdict (decision 0113). The verdicts are thrown away.
/// </summary>
public static class EngineWarmUp
{
    // More than the 30 calls after which the runtime recompiles a method optimised.
    private const int Rounds = 40;

    public static void Run(RehabEngine engine)
    {
        var cases = Cases(engine.Rules);
        for (int r = 0; r < Rounds; r++)
        {
            foreach (var c in cases)
            {
                engine.Judge(c);
            }
        }
    }

    /// <summary>The synthetic admissions: none when the rule set lists no diagnosis at all.</summary>
    public static IReadOnlyList<RehabCase> Cases(RuleSet rules)
    {
        var admission = new DateOnly(2025, 3, 1);
        Icd9CmCode[] annex3 = Take(rules.Annex3, 4);
        Icd9CmCode[] gca = Take(rules.Annex1, 2);
        Icd9CmCode[] spinal = Take(rules.Annex2, 2);
        Icd9CmCode[] correlated = Take(rules.Annex4For(8), 2);
        Icd9CmCode[] any = [.. annex3, .. gca, .. spinal, .. correlated];
        if (any.Length == 0)
        {
            return [];
        }

        string mode = new[] { "2", "1", "3", "4", "5", "6", "7", "8", "9" }.FirstOrDefault(m => !rules.Scope.ExcludedDischargeModes.Contains(m)) ?? "2";
        SdoRecord Rehab(string id, int discipline, int mdc, Icd9CmCode[] codes, DateOnly day, int? transferFrom = null, int age = 70) => new()
        {
            RecordId = id,
            PatientId = "warm-up",
            BirthDate = day.AddYears(-age),
            Sex = Sex.Female,
            StructureId = "000000",
            Discipline = discipline,
            Regime = 1,
            AdmissionDate = day,
            DischargeDate = day.AddDays(20),
            DischargeMode = mode,
            Mdc = mdc,
            PrincipalDiagnosis = (codes.Length > 0 ? codes : any)[0],
            SecondaryDiagnoses = codes.Length > 1 ? codes[1..] : [],
            TransferFromDiscipline = transferFrom,
            Scales = new SdoScales(3, 45, 50, 300, 12),
        };
        AcuteDischarge Acute(Icd9CmCode[] codes, int daysBefore) =>
            new("warm-up-acute", 8, admission.AddDays(-daysBefore), (codes.Length > 0 ? codes : any)[0], codes.Length > 1 ? codes[1..] : []);

        var earlier = Rehab("w-earlier", 56, 8, annex3, admission.AddDays(-25));
        var source = Rehab("w-source", 56, 8, annex3, admission.AddDays(-21));
        return
        [
            new(Rehab("w1", 56, 8, annex3, admission), Acute(correlated, 5)),
            new(Rehab("w2", 56, 8, [.. gca], admission), Acute(correlated, 5)),
            new(Rehab("w3", 56, 8, annex3, admission)),
            new(Rehab("w4", 56, 8, spinal, admission)),
            new(Rehab("w5", 56, 1, annex3, admission), Acute(correlated, 300)),
            new(Rehab("w6", 75, 1, gca, admission), Acute(gca, 5)),
            new(Rehab("w7", 75, 1, gca, admission)),
            new(Rehab("w8", 28, 1, spinal, admission), Acute(spinal, 5)),
            new(Rehab("w9", 28, 1, [.. spinal, .. annex3], admission)),
            new(Rehab("w10", 56, 8, annex3, admission, age: 17)),
            new(Rehab("w11", 56, 6, annex3, admission)),
            new(Rehab("w12", 56, 8, annex3, admission, transferFrom: 56), null, null, source),
            new(Rehab("w13", 56, 8, annex3, admission), Acute(correlated, 30), earlier),
            new(Rehab("w14", 56, 8, gca, admission)),
            new(Rehab("w15", 56, 8, gca, admission), Acute(gca, 5)),
        ];
    }

    private static Icd9CmCode[] Take(CodeList list, int count) =>
        [.. list.Codes.Where(c => c.Kind == Icd9CmKind.Diagnosis).Take(count)];
}
