using Territorio.Rehab.Engine;

namespace Territorio.Rehab.Decree;

/// <summary>DM 5/8/2021 Allegato 3: the pathologies for which fewer complexity codes make a 56a.</summary>
internal static class Annex3Exceptions
{
    /// <summary>
    /// DM 5/8/2021 all.3 — the Annex-3 codes a 56a needs (art.3 c.1 lett.b, art.4 c.1 lett.a):
    /// <paramref name="standard"/>, lowered by each exception of the rule set the record matches.
    /// </summary>
    public static int Needed56a(Judgement j, int standard)
    {
        int needed = standard;
        foreach (var exception in j.Rules.Annex3Exceptions)
        {
            var hit = exception.Codes.Matches(j.RehabCodes);
            if (hit.Length > 0 && exception.MinCodes < needed)
            {
                needed = exception.MinCodes;
                j.Check("all.3", "annex3_exception", CheckOutcome.Info,
                    $"eccezione Allegato 3 '{exception.Codes.Name}' per {Judgement.Codes(hit)}: bastano {needed} codici per 56a");
            }
        }

        return needed;
    }
}
