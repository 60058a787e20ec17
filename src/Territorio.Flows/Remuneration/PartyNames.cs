namespace Territorio.Flows.Remuneration;

/// <summary>A patient as statements name them: name and codice fiscale.</summary>
public sealed record PatientName(string Name, string? FiscalCode);

/// <summary>
/// Who the codes of a remuneration are ("people, not codes"): patients by name and codice fiscale,
/// Gestori and GPs by name. A code without a name (a registry not loaded yet) prints empty.
/// </summary>
public sealed record PartyNames(
    IReadOnlyDictionary<string, PatientName> Patients,
    IReadOnlyDictionary<string, string> Gestori,
    IReadOnlyDictionary<string, string> Doctors)
{
    /// <summary>The Gestori's seat and contacts for a statement's letterhead ("Via …, 20121 Milano — tel. … — PEC …").</summary>
    public IReadOnlyDictionary<string, string> GestoreSeats { get; init; } = new Dictionary<string, string>();

    public static readonly PartyNames None = new(new Dictionary<string, PatientName>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    public string Patient(string id) => Patients.GetValueOrDefault(id)?.Name ?? "";

    public string FiscalCode(string id) => Patients.GetValueOrDefault(id)?.FiscalCode ?? "";

    public string Gestore(string id) => Gestori.GetValueOrDefault(id) ?? "";

    public string Doctor(string? id) => id is null ? "" : Doctors.GetValueOrDefault(id) ?? "";
}
