using Territorio.Rehab.Decree;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Engine;

/// <summary>
/// Judges one rehab admission by DM 5 agosto 2021 with a rule set, in the order a controller
/// does; each article lives in its own file under <c>Decree/</c> and adds the checks behind the
/// verdict. Pure and thread-safe.
/// </summary>
public sealed class RehabEngine(RuleSet rules)
{
    public RuleSet Rules => rules;

    public RehabVerdict Judge(RehabCase c)
    {
        var j = new Judgement(c, rules);
        Scope.CheckMdcAgainstPrincipal(j);

        // art.1: only the admissions the decree speaks of
        if (!Scope.Check(j))
        {
            return j.Verdict(Verdict.OutOfScope, "art.1 c.1", "");
        }

        // art.4 c.4: a transfer within one discipline continues the treatment begun there
        if (Transfers.IsSameDisciplineTransfer(c.Admission))
        {
            return Transfers.Judge(j);
        }

        // art.2 c.2–3: not following an acute event → art.4
        if (!Linkage.Check(j))
        {
            return Congruence.Judge(j);
        }

        // art.3 c.4: a re-admission for worsening → art.4
        if (PostAcute.IsWorseningReadmission(j))
        {
            return Congruence.Judge(j);
        }

        // art.3: the post-acute criteria (failing the time criterion → art.4, art.3 c.6)
        return PostAcute.Judge(j);
    }
}
