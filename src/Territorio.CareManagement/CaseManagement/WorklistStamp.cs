namespace Territorio.CareManagement.CaseManagement;

/// <summary>
/// The version of a Gestore's worklist: raised in the transaction that rewrites any of its
/// <see cref="WorklistCase"/> rows, so a page computed at one version (and one stratification run,
/// one day) can be shown again until the next change (docs/decisions/0101-worklist-page-cache.md).
/// </summary>
public sealed class WorklistStamp
{
    private WorklistStamp()
    {
        GestoreId = "";
    }

    /// <summary>
    /// Starts from the clock, not from 1: a stamp deleted with its rows (demo reset) and created
    /// again must not repeat a version a running web application has cached.
    /// </summary>
    public WorklistStamp(string gestoreId, DateTimeOffset now)
    {
        GestoreId = gestoreId;
        Version = now.UtcTicks;
    }

    public string GestoreId { get; private set; }

    public long Version { get; private set; }
}
