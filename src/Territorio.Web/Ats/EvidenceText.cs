using System.Globalization;
using Territorio.CareManagement.Common;
using Territorio.Kernel.Population;

namespace Territorio.Web.Ats;

/// <summary>One record that proved a pathology, in the words of the Commission.</summary>
public sealed record EvidenceLine(string Pathology, string PathologyName, string Source, string Code, DateOnly? Date);

/// <summary>
/// Reads the stratification engine's evidence (<c>pathology=source:code:date;…|…</c>, see
/// <c>LevelsCsvWriter</c>) and the stored actors of the care path (<c>Role:id@organisation</c>)
/// into what a Commission member reads; text in another shape is shown as it is.
/// </summary>
public static class EvidenceText
{
    public static IReadOnlyList<EvidenceLine> Parse(string evidence, IReadOnlyDictionary<string, string> pathologyNames)
    {
        var lines = new List<EvidenceLine>();
        foreach (string group in evidence.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = group.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                lines.Add(new EvidenceLine("", "", "", group, null));
                continue;
            }

            string pathology = group[..equals];
            string name = pathologyNames.GetValueOrDefault(pathology, "");
            foreach (string record in group[(equals + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = record.Split(':');
                lines.Add(parts.Length == 3
                    ? new EvidenceLine(pathology, name, SourceName(parts[0]), parts[1], DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null)
                    : new EvidenceLine(pathology, name, "", record, null));
            }
        }

        return lines;
    }

    public static string SourceName(string flow) => flow switch
    {
        "sdo" => "ricovero (SDO)",
        "drugs" => "farmaco",
        "exemptions" => "esenzione",
        "outpatient" => "specialistica ambulatoriale",
        _ => flow,
    };

    /// <summary>"Patient:PA100012" → "paziente Lucia Colombo (CLMLCU…)" when the registry names them; any other actor as <see cref="Actor(string)"/>.</summary>
    public static string Actor(string stored, IReadOnlyDictionary<string, Resident> residents) =>
        PatientOf(stored) is { } id && residents.ContainsKey(id) ? $"{RoleName(ActorRole.Patient)} {PeopleNames.Patient(residents, id)}" : Actor(stored);

    /// <summary>The patient's id of a stored patient actor ("Patient:PA100012"), else null.</summary>
    public static string? PatientOf(string stored) =>
        stored.StartsWith(nameof(ActorRole.Patient) + ":", StringComparison.Ordinal) ? stored[(nameof(ActorRole.Patient).Length + 1)..] : null;

    /// <summary>"ClinicalManager:anna@G1" → "responsabile clinico anna (G1)".</summary>
    public static string Actor(string stored)
    {
        int colon = stored.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !Enum.TryParse<ActorRole>(stored[..colon], out var role))
        {
            return stored;
        }

        string rest = stored[(colon + 1)..];
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        string who = at < 0 ? rest : $"{rest[..at]} ({rest[(at + 1)..]})";
        return $"{RoleName(role)} {who}";
    }

    private static string RoleName(ActorRole role) => role switch
    {
        ActorRole.Ats => "operatore ATS",
        ActorRole.AtsCommission => "Commissione ATS",
        ActorRole.ClinicalManager => "responsabile clinico",
        ActorRole.CaseManager => "case manager",
        ActorRole.Mmg => "MMG",
        ActorRole.Erogatore => "erogatore",
        ActorRole.Patient => "paziente",
        _ => "sistema",
    };
}
