using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Reclassification;
using Territorio.Data;
using Territorio.Stratification.Engine;

namespace Territorio.Web.Ats;

/// <summary>Persons per level of a territory, in total and per GP (key "" for persons without GP).</summary>
public sealed class LevelCounts
{
    private readonly Dictionary<string, Pyramid.Counts> _byMmg = new(StringComparer.Ordinal);

    public Pyramid.Counts Total { get; } = new();

    public IReadOnlyDictionary<string, Pyramid.Counts> ByMmg => _byMmg;

    /// <summary>Persons whose level in force comes from a reclassification approved by the Commission.</summary>
    public int Reclassified { get; private set; }

    internal void Add(string? mmgId, int level, long persons)
    {
        string key = mmgId ?? "";
        (_byMmg.TryGetValue(key, out var counts) ? counts : _byMmg[key] = new Pyramid.Counts()).Add(level, persons);
        Total.Add(level, persons);
    }

    internal void Move(string? mmgId, int from, int to)
    {
        Add(mmgId, from, -1);
        Add(mmgId, to, 1);
    }

    internal void CountReclassified() => Reclassified++;
}

/// <summary>
/// Counts the latest stratification of a territory (or of one GP) per level with one GROUP BY on
/// the index (run, ATS, GP, level): no resident is loaded. The few exceptions are then applied
/// one by one: the level in force after a reclassification approved by the ATS Commission
/// (DGR X/6164/2017 allegato 1: the ATS updates the reclassifications proposed by the Gestori),
/// and, when asked, deaths after the stratification (moved to the "deceased" slot, index 0).
/// </summary>
public sealed class TerritoryLevels(TerritorioDbContext db)
{
    public async Task<LevelCounts> CountAsync(StratificationRun run, string ats, string? mmgId, DateOnly? aliveOn, CancellationToken ct)
    {
        var persons = db.Set<StratifiedPerson>().Where(p => p.RunId == run.Id && p.Ats == ats);
        if (mmgId is not null)
        {
            persons = persons.Where(p => p.MmgId == mmgId);
        }

        var counts = new LevelCounts();
        var groups = await persons
            .GroupBy(p => new { p.MmgId, p.Level })
            .Select(g => new { g.Key.MmgId, g.Key.Level, Persons = g.LongCount() })
            .ToListAsync(ct);
        foreach (var group in groups)
        {
            counts.Add(group.MmgId, group.Level, group.Persons);
        }

        var approved = await (
            from request in db.Set<ReclassificationRequest>()
            join person in persons on request.PatientId equals person.PersonId
            where request.Status == RequestStatus.Approved
            select new { Request = request, Person = person }).AsNoTracking().ToListAsync(ct);
        var levelInForce = new Dictionary<string, int>(StringComparer.Ordinal);
        // The latest decision wins, as for one patient (ClassificationQueries.EffectiveAsync).
        foreach (var latest in approved.GroupBy(a => a.Person.PersonId)
            .Select(g => g.OrderByDescending(a => a.Request.DecidedOn).ThenByDescending(a => a.Request.Id).First()))
        {
            var effective = Classification.Effective(latest.Person, run.StratifiedOn, latest.Request.AsClassification())!;
            levelInForce[latest.Person.PersonId] = effective.Level;
            if (effective.Level != latest.Person.Level)
            {
                counts.Move(latest.Person.MmgId, latest.Person.Level, effective.Level);
                counts.CountReclassified();
            }
        }

        if (aliveOn is { } day)
        {
            var deceased = await (
                from resident in db.Residents
                join person in persons on resident.Id equals person.PersonId
                where resident.DeathDate != null && resident.DeathDate < day
                select new { person.PersonId, person.MmgId, person.Level }).ToListAsync(ct);
            foreach (var dead in deceased)
            {
                counts.Move(dead.MmgId, levelInForce.GetValueOrDefault(dead.PersonId, dead.Level), 0);
            }
        }

        return counts;
    }
}
