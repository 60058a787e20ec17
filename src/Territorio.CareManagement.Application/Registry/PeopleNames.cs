using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.Data;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.Registry;

/// <summary>
/// People and organisations as screens name them ("people, not codes"): the residents of a page
/// by id, and "name (code)" of Gestori and erogatori. One query per kind and page.
/// </summary>
public static class PeopleNames
{
    public static async Task<IReadOnlyDictionary<string, Resident>> ResidentsAsync(TerritorioDbContext db, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Residents.AsNoTracking().Where(r => wanted.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
    }

    /// <summary>"Maria Rossi (RSSMRA…)", name and codice fiscale, or the id when the registry has no name for it.</summary>
    public static string Patient(IReadOnlyDictionary<string, Resident> residents, string id) =>
        residents.GetValueOrDefault(id) is { } r ? Patient(r) : id;

    /// <summary>"Maria Rossi (RSSMRA…)", or the id when the registry has no name for the resident.</summary>
    public static string Patient(Resident resident) =>
        resident.Surname is not null ? $"{resident.DisplayName} ({resident.FiscalCode ?? resident.Id})" : resident.Id;

    /// <summary>"ASST Sette Laghi (G322ASST)" by Gestore id.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> GestoriAsync(TerritorioDbContext db, IEnumerable<string> ids, CancellationToken ct) =>
        (await GestoreNamesAsync(db, ids, ct)).ToDictionary(g => g.Key, g => $"{g.Value} ({g.Key})");

    /// <summary>"ASST Sette Laghi" by Gestore id: the name alone, for answers that carry the id beside it.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> GestoreNamesAsync(TerritorioDbContext db, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Set<Gestore>().AsNoTracking().IgnoreAutoIncludes().Where(g => wanted.Contains(g.Id))
            .Select(g => new { g.Id, g.Name }).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
    }

    /// <summary>"Laboratorio analisi … (E321LAB)" by erogatore id.</summary>
    public static async Task<string> ErogatoreAsync(TerritorioDbContext db, string id, CancellationToken ct) =>
        (await ErogatoriAsync(db, [id], ct)).GetValueOrDefault(id, id);

    /// <summary>"Maria Rossi (RSSMRA…)" of one patient, or the id when the registry has no name for it.</summary>
    public static async Task<string> PatientAsync(TerritorioDbContext db, string id, CancellationToken ct) =>
        Patient(await ResidentsAsync(db, [id], ct), id);

    /// <summary>
    /// Who a recorded care actor is, for a screen: an operator by the account's name ("ClinicalManager:mrossi@G1" →
    /// "Maria Rossi (mrossi)"), a GP by name ("Mmg:MMG01" → "Dott.ssa Anna Bianchi (MMG01)"), never the raw record.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> OperatorsAsync(TerritorioDbContext db, IEnumerable<string?> actors, CancellationToken ct)
    {
        const string Gp = "Mmg:";
        static string IdOf(string actor) => actor[(actor.IndexOf(':', StringComparison.Ordinal) + 1)..] is var rest && rest.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 ? rest[..at] : rest;
        var wanted = actors.OfType<string>().Distinct().ToList();
        var users = wanted.Where(a => !a.StartsWith(Gp, StringComparison.Ordinal)).Select(IdOf).Distinct().ToList();
        var names = await db.Set<Data.Security.TerritorioUser>().AsNoTracking().Where(u => users.Contains(u.UserName!)).Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        var byUser = names.Where(n => n.UserName is not null && n.DisplayName.Length > 0).ToDictionary(n => n.UserName!, n => $"{n.DisplayName} ({n.UserName})", StringComparer.Ordinal);
        var doctors = await DoctorsAsync(db, wanted.Where(a => a.StartsWith(Gp, StringComparison.Ordinal)).Select(IdOf), ct);
        return wanted.ToDictionary(a => a, a => (a.StartsWith(Gp, StringComparison.Ordinal) ? doctors : byUser).GetValueOrDefault(IdOf(a), IdOf(a)), StringComparer.Ordinal);
    }

    /// <summary>"Laboratorio analisi … (E321LAB)" by erogatore id.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ErogatoriAsync(TerritorioDbContext db, IEnumerable<string> ids, CancellationToken ct) =>
        (await ErogatoreNamesAsync(db, ids, ct)).ToDictionary(e => e.Key, e => $"{e.Value} ({e.Key})");

    /// <summary>"Laboratorio analisi …" by erogatore id: the name alone, for answers that carry the id beside it.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ErogatoreNamesAsync(TerritorioDbContext db, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Set<Erogatore>().AsNoTracking().IgnoreAutoIncludes().Where(e => wanted.Contains(e.Id))
            .Select(e => new { e.Id, e.Name }).ToDictionaryAsync(e => e.Id, e => e.Name, StringComparer.Ordinal, ct);
    }

    /// <summary>"Name (code)" of the registry's organisations of a kind asked for; a code the registry does not know is left out.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> OrganisationsAsync(TerritorioDbContext db, OrganisationKind kind, IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => o.Kind == kind && wanted.Contains(o.Code))
            .Select(o => new { o.Code, o.Name }).ToDictionaryAsync(o => o.Code, o => $"{o.Name} ({o.Code})", ct);
    }

    /// <summary>"Dott.ssa Anna Bianchi (MMG00001)" by GP code; codes the registry does not name are left out.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DoctorsAsync(TerritorioDbContext db, IEnumerable<string?> ids, CancellationToken ct) =>
        (await DoctorNamesAsync(db, ids, ct)).ToDictionary(d => d.Key, d => $"{d.Value} ({d.Key})");

    /// <summary>"Dott.ssa Anna Bianchi" by GP code, for answers that carry the code beside it; codes the registry does not name are left out.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DoctorNamesAsync(TerritorioDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        var doctors = await db.GeneralPractitioners.AsNoTracking().Where(g => wanted.Contains(g.Id)).ToListAsync(ct);
        return doctors.ToDictionary(d => d.Id, d => d.DisplayName);
    }

    /// <summary>"Dott.ssa Anna Bianchi (MMG00001)", the code alone when the registry has no name for it, null without a GP.</summary>
    public static async Task<string?> DoctorAsync(TerritorioDbContext db, string? mmgId, CancellationToken ct)
    {
        if (mmgId is null)
        {
            return null;
        }

        var doctor = await db.GeneralPractitioners.AsNoTracking().SingleOrDefaultAsync(g => g.Id == mmgId, ct);
        return doctor is null ? mmgId : $"{doctor.DisplayName} ({doctor.Id})";
    }

    /// <summary>
    /// GPs as a selector lists them, sorted by surname: "Dott.ssa Bianchi Anna (MMG00001)"; codes
    /// the registry does not name follow, by code.
    /// </summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> DoctorsBySurnameAsync(TerritorioDbContext db, IEnumerable<string> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var doctors = await db.GeneralPractitioners.AsNoTracking().Where(g => wanted.Contains(g.Id)).ToListAsync(ct);
        var named = doctors.OrderBy(d => d.Surname, StringComparer.InvariantCultureIgnoreCase).ThenBy(d => d.GivenName, StringComparer.InvariantCultureIgnoreCase).ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => KeyValuePair.Create(d.Id, $"{PersonNames.DoctorTitle(d.Sex)} {d.Surname} {d.GivenName} ({d.Id})"));
        var known = doctors.Select(d => d.Id).ToHashSet();
        var unnamed = wanted.Where(id => !known.Contains(id)).Order(StringComparer.Ordinal).Select(id => KeyValuePair.Create(id, id));
        return [.. named, .. unnamed];
    }
}
