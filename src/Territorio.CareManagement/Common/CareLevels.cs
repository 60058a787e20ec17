namespace Territorio.CareManagement.Common;

/// <summary>The stratification levels that can be taken in charge.</summary>
public static class CareLevels
{
    // DGR X/6164/2017 allegato 1: levels 1–3 (fragile, poly-pathological, mono-pathological) are taken in charge.
    public static bool IsEligible(int level) => level is >= 1 and <= 3;

    public static int RequireEligible(int level) => IsEligible(level)
        ? level
        : throw new CareRuleException($"il livello {level} non è di presa in carico (ammessi i livelli 1, 2 e 3)");
}
