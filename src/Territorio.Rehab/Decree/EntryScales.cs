using System.Text;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Decree;

/// <summary>DM 5/8/2021 art.2 c.8–10 and art.6: the entry scales each level requires.</summary>
internal static class EntryScales
{
    /// <summary>
    /// DM 5/8/2021 art.2 c.8–10, art.6 — the level's scale ranges from the rule set: in the trial's
    /// report-only mode they are reported and pass; when required, a missing value makes the level
    /// not assessable and a value out of range fails it.
    /// </summary>
    public static CheckOutcome Check(Judgement j, string article, string level)
    {
        var rules = j.Rules.Scales;
        var applicable = rules.For(level).Where(range => Applies(range.Scale, j.Admission.Mdc)).ToList();
        var detail = new StringBuilder($"{article}: scale di ingresso per il livello {level}: ");
        var inputs = new KeyValuePair<string, string>[applicable.Count];
        bool failed = false;
        bool missing = false;
        for (int k = 0; k < applicable.Count; k++)
        {
            var range = applicable[k];
            string name = Wording.Scale(range.Scale);
            int? value = ValueOf(range.Scale, j.Admission.Scales);
            inputs[k] = new(ScaleNames.Of(range.Scale), Judgement.Number(value));
            detail.Append(k > 0 ? ", " : "");
            string bounds = $"da {Judgement.Number(range.Min)} a {Judgement.Number(range.Max)}";
            if (value is not { } v)
            {
                missing = true;
                detail.Append($"{name} mancante");
            }
            else if (!range.Contains(v))
            {
                failed = true;
                detail.Append($"{name} {Judgement.Number(v)}, fuori dall'intervallo {bounds}");
            }
            else
            {
                detail.Append($"{name} {Judgement.Number(v)}, entro l'intervallo {bounds}");
            }
        }

        if (applicable.Count == 0)
        {
            detail.Append("nessuna soglia prevista dalle regole in uso");
        }

        // DM 5/8/2021 art.6 — during the trial the scales are collected, not binding
        if (rules.Mode == ScaleMode.ReportOnly)
        {
            detail.Append(" (solo rilevazione durante la sperimentazione, art.6)");
            j.Check(article, "scales", CheckOutcome.Info, detail.ToString(), inputs);
            return CheckOutcome.Passed;
        }

        var outcome = failed ? CheckOutcome.Failed : missing ? CheckOutcome.Missing : CheckOutcome.Passed;
        j.Check(article, "scales", outcome, detail.ToString(), inputs);
        return outcome;
    }

    // DM 5/8/2021 art.2 c.10 — Barthel dyspnoea for respiratory (MDC 4) and 6MWT for cardiac (MDC 5) rehab only
    private static bool Applies(Scale scale, int mdc) =>
        !((scale == Scale.BarthelDyspnoea && mdc != 4) || (scale == Scale.SixMinuteWalk && mdc != 5));

    private static int? ValueOf(Scale scale, Kernel.Hospital.SdoScales scales) => scale switch
    {
        Scale.Rankin => scales.Rankin,
        Scale.Barthel => scales.Barthel,
        Scale.BarthelDyspnoea => scales.BarthelDyspnoea,
        Scale.SixMinuteWalk => scales.SixMinuteWalkMetres,
        _ => scales.Rcs,
    };
}
