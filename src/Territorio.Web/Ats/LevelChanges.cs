using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Ats;

/// <summary>Which changes a page lists: all, persons who entered levels 1–3, persons who left them.</summary>
public enum LevelChangeKind
{
    All,
    BecameEligible,
    LeftEligibility,
}

/// <param name="Level">The level now (after the change).</param>
public sealed record LevelChangeFilter(LevelChangeKind Kind = LevelChangeKind.All, int? Level = null, string? Pathology = null, string? MmgId = null);

/// <summary>One person's change, with the person as screens name them and the evidence of the level now.</summary>
public sealed record LevelChangeRow(StratificationChange Change, Resident? Person, string? Doctor, string Evidence);

/// <summary>A page of the latest run's changes; <see cref="Run"/> null when fewer than two stratifications were imported.</summary>
public sealed record LevelChangesPage(StratificationRun? Run, StratificationRun? Previous, int Total, IReadOnlyList<LevelChangeRow> Rows);

/// <summary>
/// The changes of level the latest imported stratification brought (issue 20): for the ATS, its
/// territory's new eligible persons and those who left; for a Gestore, its own patients (active
/// pacts). Who may see whom is <see cref="PatientAccess.VisibleTo"/>'s, and every person shown is
/// written to the access log.
/// </summary>
public sealed class LevelChanges(TerritorioDbContext db, PatientAccess access)
{
    public async Task<LevelChangesPage> PageAsync(Actor actor, LevelChangeFilter filter, int skip, int take, string resource, CancellationToken ct)
    {
        var run = await db.Set<StratificationRun>().AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var previous = run is null ? null
            : await db.Set<StratificationRun>().AsNoTracking().Where(r => r.Id < run.Id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (run is null || previous is null)
        {
            return new LevelChangesPage(null, null, 0, []);
        }

        var visible = access.VisibleTo(actor);
        var changes = db.Set<StratificationChange>().AsNoTracking()
            .Where(c => c.RunId == run.Id && c.Ats == actor.Ats && visible.Any(r => r.Id == c.PersonId));
        changes = filter.Kind switch
        {
            LevelChangeKind.BecameEligible => changes.Where(c => c.LevelAfter <= 3 && (c.LevelBefore == null || c.LevelBefore > 3)),
            LevelChangeKind.LeftEligibility => changes.Where(c => c.LevelBefore <= 3 && (c.LevelAfter == null || c.LevelAfter > 3)),
            _ => changes,
        };
        if (filter.Level is { } level)
        {
            changes = changes.Where(c => c.LevelAfter == level);
        }

        if (filter.Pathology is { } pathology)
        {
            changes = changes.Where(c => c.MainPathology == pathology);
        }

        if (filter.MmgId is { } mmg)
        {
            changes = changes.Where(c => c.MmgId == mmg);
        }

        int total = await changes.CountAsync(ct);
        var page = await changes.OrderBy(c => c.PersonId).Skip(skip).Take(take).ToListAsync(ct);
        var ids = page.Select(c => c.PersonId).ToList();
        var evidence = await db.Set<StratifiedPerson>().AsNoTracking().Where(p => p.RunId == run.Id && ids.Contains(p.PersonId))
            .ToDictionaryAsync(p => p.PersonId, p => p.Evidence, ct);
        var persons = await PeopleNames.ResidentsAsync(db, ids, ct);
        var doctors = await DoctorsAsync(page.Select(c => c.MmgId), ct);
        await access.RecordShownAsync(actor, ids, resource, ct);
        return new LevelChangesPage(run, previous, total, [.. page.Select(c => new LevelChangeRow(
            c, persons.GetValueOrDefault(c.PersonId), c.MmgId is null ? null : doctors.GetValueOrDefault(c.MmgId, c.MmgId), evidence.GetValueOrDefault(c.PersonId, "")))]);
    }

    /// <summary>"Dott.ssa Anna Bianchi (MMG00001)" by GP code, for one page.</summary>
    private async Task<Dictionary<string, string>> DoctorsAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return await db.GeneralPractitioners.AsNoTracking().Where(g => wanted.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => $"{g.DisplayName} ({g.Id})", ct);
    }
}
