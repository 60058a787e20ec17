namespace Territorio.CareManagement.Pacts;

/// <summary>
/// A stretch of a Patto di Cura at one level and main pathology: from <see cref="From"/> to the day
/// before the next period, the last to the pact's end. The first is the classification the pact
/// was signed on; each later one follows a reclassification the ATS Commission approved.
/// </summary>
public sealed class PactLevelPeriod
{
    public PactLevelPeriod(DateOnly from, int level, string? mainPathology, long? reclassificationId)
    {
        From = from;
        Level = level;
        MainPathology = mainPathology;
        ReclassificationId = reclassificationId;
    }

    public DateOnly From { get; private set; }

    public int Level { get; private set; }

    public string? MainPathology { get; private set; }

    /// <summary>The approved reclassification that started this period (null: the level the pact was signed at).</summary>
    public long? ReclassificationId { get; private set; }
}
