namespace Territorio.Flows.Remuneration;

/// <summary>A patient as statements name them: name and codice fiscale.</summary>
public sealed record PatientName(string Name, string? FiscalCode);

/// <summary>
/// Who the codes of a remuneration are ("people, not codes"): patients by name and codice fiscale,
/// Gestori, GPs, ATS and pathologies by name. A code without a name (a registry not loaded yet) prints empty.
/// </summary>
public sealed record PartyNames(
    IReadOnlyDictionary<string, PatientName> Patients,
    IReadOnlyDictionary<string, string> Gestori,
    IReadOnlyDictionary<string, string> Doctors)
{
    /// <summary>The Gestori's seat and contacts for a statement's letterhead ("Via …, 20121 Milano — tel. … — PEC …").</summary>
    public IReadOnlyDictionary<string, string> GestoreSeats { get; init; } = new Dictionary<string, string>();

    /// <summary>Lombardy's ATS by code: "ATS di Bergamo".</summary>
    public IReadOnlyDictionary<string, string> AtsNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The regional chronic pathologies by code.</summary>
    public IReadOnlyDictionary<string, string> Pathologies { get; init; } = new Dictionary<string, string>();

    public static readonly PartyNames None = new(new Dictionary<string, PatientName>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    public string Patient(string id) => Patients.GetValueOrDefault(id)?.Name ?? "";

    public string FiscalCode(string id) => Patients.GetValueOrDefault(id)?.FiscalCode ?? "";

    public string Gestore(string id) => Gestori.GetValueOrDefault(id) ?? "";

    public string Doctor(string? id) => id is null ? "" : Doctors.GetValueOrDefault(id) ?? "";

    public string Ats(string? code) => code is null ? "" : AtsNames.GetValueOrDefault(code) ?? "";

    /// <summary>"ATS di Bergamo (325)"; "ATS 325" when the list lacks the code.</summary>
    public string AtsLabel(string code) => AtsNames.GetValueOrDefault(code) is { } name ? $"{name} ({code})" : $"ATS {code}";

    public string Pathology(string? code) => code is null ? "" : Pathologies.GetValueOrDefault(code) ?? "";
}
