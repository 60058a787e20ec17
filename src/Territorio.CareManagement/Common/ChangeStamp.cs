namespace Territorio.CareManagement.Common;

/// <summary>
/// The version of something a screen shows, raised in the transaction that changes it: a
/// Gestore's worklist, a patient's care record, the agendas (free slots). A view computed at
/// one version is shown again until the next change (docs/decisions/0101-screens-kept-by-change-stamps.md).
/// </summary>
public sealed class ChangeStamp
{
    /// <summary>Bookings, slots and agreements: every free-slot list of the region.</summary>
    public const string Agendas = "agende";

    private ChangeStamp()
    {
        Key = "";
    }

    /// <summary>
    /// Starts from the clock, not from 1: a stamp deleted and created again must not repeat a
    /// version a running web application has kept.
    /// </summary>
    public ChangeStamp(string key, DateTimeOffset now)
    {
        Key = key;
        Version = now.UtcTicks;
    }

    public string Key { get; private set; }

    public long Version { get; private set; }

    public static string WorklistOf(string gestoreId) => "worklist:" + gestoreId;

    public const string PatientPrefix = "paziente:";

    public static string PatientOf(string patientId) => PatientPrefix + patientId;
}
