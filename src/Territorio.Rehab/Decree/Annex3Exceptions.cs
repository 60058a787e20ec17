using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;

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
                    $"all.3: eccezione dell'Allegato 3 ({Title(exception)}) per {j.Codes(hit)}: per il livello 56a {(needed == 1 ? "basta 1 codice" : $"bastano {needed} codici")} dell'Allegato 3",
                    ("annex3_exception_codes", Judgement.CodeValues(hit)));
            }
        }

        return needed;
    }

    /// <summary>The exception's title in the rule set; without one, the name after "exception annex3".</summary>
    private static string Title(Annex3Exception exception) =>
        exception.Codes.Title.Length > 0 ? exception.Codes.Title : exception.Codes.Name.Replace("exception annex3", "eccezione", StringComparison.Ordinal).Trim();
}
