namespace Territorio.Remuneration.Yearly;

/// <summary>The patient's GP in a pact (DGR X/6164/2017 allegato 1, "Ruolo del MMG": three scenarios).</summary>
public enum MmgRole
{
    /// <summary>The GP belongs to the cooperative that is the Gestore: paid 8% of amb.</summary>
    GestoreMember,

    /// <summary>The GP writes the PAI for another Gestore: paid a fee per PAI written.</summary>
    Collaborator,

    /// <summary>"Business as usual": only informed, no extra pay.</summary>
    BusinessAsUsual,
}

/// <summary>
/// A stretch of a Patto di Cura over which everything that decides the pay is constant: the
/// Gestore, the GP and its role, the main pathology and level in force (after approved
/// reclassifications). A reclassification or a change of Gestore starts a new period.
/// <paramref name="End"/> is the last day (inclusive), null while the pact is open;
/// <paramref name="DeathDate"/> ends the pay whatever the end. <paramref name="PaisByMmg"/> counts
/// the PAIs the collaborating GP wrote for this period in the year being paid.
/// </summary>
public sealed record PactPeriod(
    string PactId,
    string PatientId,
    string GestoreId,
    string AtsId,
    string? MmgId,
    MmgRole MmgRole,
    DateOnly Start,
    DateOnly? End,
    int Pathology,
    int Level,
    DateOnly? DeathDate = null,
    int PaisByMmg = 0);

/// <summary>
/// Where the pact periods of a year come from (port): a CSV file today, the care-management
/// tables once wired. Periods overlapping the year, optionally of one ATS only.
/// </summary>
public interface IPactPeriodSource
{
    IAsyncEnumerable<PactPeriod> ReadAsync(int year, string? atsId, CancellationToken cancellationToken);
}

public static class PactPeriodSourceExtensions
{
    /// <summary>All the periods of a year (and ATS) from a source, in its order.</summary>
    public static async Task<List<PactPeriod>> ReadYearAsync(this IPactPeriodSource source, int year, string? atsId, CancellationToken cancellationToken)
    {
        var periods = new List<PactPeriod>();
        await foreach (var period in source.ReadAsync(year, atsId, cancellationToken))
        {
            periods.Add(period);
        }

        return periods;
    }
}
