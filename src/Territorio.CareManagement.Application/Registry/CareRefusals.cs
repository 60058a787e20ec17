using System.Data.Common;
using System.Text.RegularExpressions;
using Territorio.CareManagement.Application.Common;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Registry;

/// <summary>
/// A care rule's refusal as its reader needs it ("people, not codes"). The pure domain names the
/// parties of a refusal by their ids ("il paziente PB100013 ha già …", "il Gestore G321ASST …"),
/// which a case manager cannot phone or recognise; every door (web pages, REST problem details,
/// FHIR OperationOutcome, CLI) passes the message through here, once, and the ids that follow
/// "paziente", "Gestore", "erogatore", "presso" and "MMG" become the person or organisation as a
/// human names them: "il paziente Maria Rossi (CF RSSMRA80A41F205X)", "il Gestore ASST del
/// territorio 321 (G321ASST)". Words the registries do not know are left as they are.
/// </summary>
public static partial class CareRefusals
{
    private enum Kind
    {
        Patient,
        Gestore,
        Erogatore,
        Doctor,
    }

    /// <summary>The message with its parties and its ATS named ("l'ATS 321" → "l'ATS della Città Metropolitana di Milano (321)").</summary>
    public static async Task<string> NameAsync(TerritorioDbContext db, CareCatalogues catalogues, string message, CancellationToken ct) =>
        AtsMention().Replace(await NameAsync(db, message, ct), m => catalogues.AtsName(m.Groups["code"].Value) is null ? m.Value : catalogues.AtsLabel(m.Groups["code"].Value));

    /// <summary>The message with its parties named; the message as it is when the registries cannot be read (the refusal still reaches its reader).</summary>
    public static async Task<string> NameAsync(TerritorioDbContext db, string message, CancellationToken ct)
    {
        var mentions = Mention().Matches(message).Select(m => (Kind: KindOf(m.Groups["word"].Value), Id: m.Groups["id"].Value)).ToList();
        if (mentions.Count == 0)
        {
            return message;
        }

        var names = new Dictionary<(Kind, string), string>();
        try
        {
            var patients = IdsOf(mentions, Kind.Patient);
            var residents = patients.Count == 0 ? new Dictionary<string, Kernel.Population.Resident>() : await PeopleNames.ResidentsAsync(db, patients, ct);
            foreach (var (id, resident) in residents.Where(r => r.Value.Surname is not null))
            {
                names[(Kind.Patient, id)] = $"{resident.DisplayName} ({(resident.FiscalCode is { } cf ? "CF " + cf : id)})";
            }

            Add(names, Kind.Gestore, IdsOf(mentions, Kind.Gestore) is { Count: > 0 } gestori ? await PeopleNames.GestoriAsync(db, gestori, ct) : null);
            Add(names, Kind.Erogatore, IdsOf(mentions, Kind.Erogatore) is { Count: > 0 } erogatori ? await PeopleNames.ErogatoriAsync(db, erogatori, ct) : null);
            Add(names, Kind.Doctor, IdsOf(mentions, Kind.Doctor) is { Count: > 0 } doctors ? await PeopleNames.DoctorsAsync(db, doctors, ct) : null);
        }
        catch (DbException)
        {
            // E.g. a PostgreSQL transaction the refused operation left aborted: the ids, not a failure.
            return message;
        }

        return Mention().Replace(message, m => names.TryGetValue((KindOf(m.Groups["word"].Value), m.Groups["id"].Value), out string? name)
            ? $"{m.Groups["word"].Value} {name}"
            : m.Value);
    }

    private static List<string> IdsOf(List<(Kind Kind, string Id)> mentions, Kind kind) =>
        mentions.Where(m => m.Kind == kind).Select(m => m.Id).Distinct(StringComparer.Ordinal).ToList();

    private static void Add(Dictionary<(Kind, string), string> names, Kind kind, IReadOnlyDictionary<string, string>? found)
    {
        foreach (var (id, name) in found ?? new Dictionary<string, string>())
        {
            names[(kind, id)] = name;
        }
    }

    private static Kind KindOf(string word) => word switch
    {
        "paziente" => Kind.Patient,
        "Gestore" => Kind.Gestore,
        "MMG" => Kind.Doctor,
        _ => Kind.Erogatore, // "erogatore", "presso"
    };

    [GeneratedRegex(@"\bATS (?<code>[0-9]{3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex AtsMention();

    [GeneratedRegex(@"\b(?<word>paziente|Gestore|erogatore|presso|MMG) (?<id>[A-Za-z0-9][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Mention();
}
