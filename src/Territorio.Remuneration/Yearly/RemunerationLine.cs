using System.Globalization;
using Territorio.Remuneration.Tariffs;

namespace Territorio.Remuneration.Yearly;

/// <summary>
/// What the ATS pays a Gestore for one pact period in the year, with everything a controller
/// needs to redo the sum by hand: the tariff row, the active days, the formula.
/// </summary>
public sealed record RemunerationLine(
    PactPeriod Period,
    TariffRow Tariff,
    DateOnly From,
    DateOnly To,
    int Days,
    int DaysInYear,
    bool EndedByDeath,
    decimal Amount,
    decimal MmgShareAmount)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The reasons of the amount, in Italian, for statements and exports.</summary>
    public string Reasons
    {
        get
        {
            string end = EndedByDeath ? $"; fine per decesso il {To:dd/MM/yyyy}" : "";
            string provisional = Tariff.Provisional ? " TARIFFA PROVVISORIA;" : "";
            string share = MmgShareAmount == 0 ? ""
                : string.Format(Invariant, "; di cui quota MMG 8% {0:0.00} × {1} / {2} = {3:0.00}", Tariff.MmgShare, Days, DaysInYear, MmgShareAmount);
            return string.Format(
                Invariant,
                "tariffa patologia {0} livello {1} = {2:0.00} (amb {3:0.00} + far {4:0.00} + quota MMG {5:0.00} + ricov {6:0.00});{7} attivo dal {8:dd/MM/yyyy} al {9:dd/MM/yyyy} = {10} giorni su {11}{12}; {2:0.00} × {10} / {11} = {13:0.00}{14}",
                Tariff.Pathology, Tariff.Level, Tariff.Total, Tariff.Amb, Tariff.Far, Tariff.MmgShare, Tariff.Ricov, provisional,
                From, To, Days, DaysInYear, end, Amount, share);
        }
    }
}

public enum IssueKind
{
    /// <summary>The catalogue has no tariff for the patient's pathology and level: not paid, not zero.</summary>
    MissingTariff,

    /// <summary>Two pact periods of one patient overlap: the later one is not paid.</summary>
    OverlappingPeriods,

    /// <summary>End or death before the start.</summary>
    InvalidPeriod,

    /// <summary>PAIs written by a collaborating GP but no per-PAI fee configured.</summary>
    PaiFeeNotConfigured,
}

/// <summary>A pact period the engine could not pay as given, with the reason, per patient.</summary>
public sealed record RemunerationIssue(PactPeriod Period, IssueKind Kind, string Message);

public enum MmgPayKind
{
    /// <summary>8% of the ambulatory component, pro rata (GP in the Gestore cooperative).</summary>
    GpShare,

    /// <summary>Fee per PAI written as collaborator of another Gestore.</summary>
    PaiFee,
}

/// <summary>
/// What a GP is owed for one paid line, by the Gestore, and why: the 8% share of the line, or
/// <paramref name="Pais"/> PAIs at <paramref name="Fee"/> each.
/// </summary>
public sealed record MmgPayLine(string MmgId, RemunerationLine Line, MmgPayKind Kind, decimal Amount, int Pais = 0, decimal Fee = 0)
{
    public PactPeriod Period => Line.Period;

    public string Reasons => Kind == MmgPayKind.GpShare
        ? string.Format(CultureInfo.InvariantCulture, "quota MMG 8% di amb {0:0.00} = {1:0.00} × {2} / {3} giorni = {4:0.00} (patto {5}, Gestore {6})",
            Line.Tariff.Amb, Line.Tariff.MmgShare, Line.Days, Line.DaysInYear, Amount, Period.PactId, Period.GestoreId)
        : string.Format(CultureInfo.InvariantCulture, "compenso PAI: {0} PAI × {1:0.00} = {2:0.00} (patto {3}, Gestore {4})",
            Pais, Fee, Amount, Period.PactId, Period.GestoreId);
}
