using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Web.Security;
using Actor = Territorio.Web.Security.Actor;

namespace Territorio.Web.Ats;

/// <param name="Eligible">Alive persons of the level in the latest stratification (level in force).</param>
/// <param name="Invited">Enrolment letters issued for the latest stratification.</param>
/// <param name="Enrolled">Pacts in force today, by the level signed in the pact.</param>
public sealed record LevelProgress(int Level, long Eligible, long Invited, long Enrolled)
{
    public double Coverage => Eligible == 0 ? 0 : (double)Enrolled / Eligible;
}

/// <summary>A Gestore's pacts in force per level 1–3, and how many of them expire within the window.</summary>
public sealed record GestoreProgress(string GestoreId, string Name, string Kind, IReadOnlyList<long> EnrolledPerLevel, long Expiring)
{
    public long Enrolled => EnrolledPerLevel.Sum();
}

/// <summary>A pact in force that ends within the window: its patient must renew or leave.</summary>
public sealed record ExpiringPact(long PactId, string PatientId, string? MmgId, string GestoreId, int Level, DateOnly EndDate, int DaysLeft);

/// <summary>
/// Enrolment progress of a territory (DGR X/6164/2017 allegato 1: the ATS invites the patients of
/// levels 1–3, the patient signs a Patto di Cura with a Gestore, renewed every year).
/// </summary>
public sealed record EnrolmentProgress(
    string Ats,
    long? RunId,
    DateOnly? StratifiedOn,
    DateOnly Today,
    int Days,
    IReadOnlyList<LevelProgress> Levels,
    IReadOnlyList<GestoreProgress> Gestori,
    long ExpiringTotal,
    IReadOnlyList<ExpiringPact> Expiring)
{
    /// <summary>The ATS by name beside its code ("ATS della Città Metropolitana di Milano").</summary>
    public string? AtsName { get; init; }

    public long Eligible => Levels.Sum(l => l.Eligible);

    public long Invited => Levels.Sum(l => l.Invited);

    public long Enrolled => Levels.Sum(l => l.Enrolled);

    public double Coverage => Eligible == 0 ? 0 : (double)Enrolled / Eligible;
}

/// <summary>Counts in the database (GROUP BY on indexed columns); only the expiring pacts are listed, and that read is logged.</summary>
public sealed class EnrolmentProgressQuery(TerritorioDbContext db, TerritoryLevels levels, PatientAccess access, TimeProvider clock, CareCatalogues catalogues)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;
    public const int ExpiringListLimit = 500;

    private static readonly int[] EligibleLevels = [1, 2, 3];

    public async Task<EnrolmentProgress> BuildAsync(Actor actor, int days, string resource, CancellationToken ct)
    {
        string ats = actor.Ats;
        var today = ItalianTime.Today(clock);
        var until = today.AddDays(days);
        var run = await ClassificationQueries.LatestRunAsync(db, ct);
        var eligible = run is null ? null : await levels.CountAsync(run, ats, null, today, ct);
        var invited = run is null ? [] : await db.Set<EnrolmentLetter>()
            .Where(l => l.RunId == run.Id && l.Ats == ats)
            .GroupBy(l => l.Level).Select(g => new { Level = g.Key, Letters = g.LongCount() })
            .ToDictionaryAsync(g => g.Level, g => g.Letters, ct);

        var inForce = db.Set<PattoDiCura>().Where(p => p.Ats == ats && p.Status == PactStatus.Active && p.EndDate >= today);
        var enrolled = await inForce
            .GroupBy(p => new { p.GestoreId, p.Level })
            .Select(g => new { g.Key.GestoreId, g.Key.Level, Pacts = g.LongCount(), Expiring = g.LongCount(p => p.EndDate <= until) })
            .ToListAsync(ct);

        var byLevel = EligibleLevels.Select(level => new LevelProgress(
            level,
            eligible?.Total[level] ?? 0,
            invited.GetValueOrDefault(level),
            enrolled.Where(e => e.Level == level).Sum(e => e.Pacts))).ToList();

        // Every Gestore approved or based in the territory, and any other with pacts in it.
        var gestoreIds = enrolled.Select(e => e.GestoreId).Distinct().ToList();
        var gestori = await db.Set<Gestore>()
            .Where(g => g.Ats == ats || gestoreIds.Contains(g.Id) || g.Candidatures.Any(c => c.Ats == ats && c.Status == CandidatureStatus.Approved))
            .OrderBy(g => g.Id).AsNoTracking().ToListAsync(ct);
        var perGestore = gestori.Select(g => new GestoreProgress(
            g.Id,
            g.Name,
            GestoreKinds.Italian(g.Kind),
            [.. EligibleLevels.Select(level => enrolled.Where(e => e.GestoreId == g.Id && e.Level == level).Sum(e => e.Pacts))],
            enrolled.Where(e => e.GestoreId == g.Id).Sum(e => e.Expiring))).ToList();

        var expiring = await (
            from pact in inForce
            join patient in access.VisibleTo(actor) on pact.PatientId equals patient.Id
            where pact.EndDate <= until
            orderby pact.EndDate, pact.PatientId
            select new { pact.Id, Patient = patient, pact.GestoreId, pact.Level, pact.EndDate })
            .Take(ExpiringListLimit).AsNoTracking().ToListAsync(ct);
        await access.RecordListAsync(actor, expiring.Select(e => e.Patient), resource, ct);

        return new EnrolmentProgress(
            ats,
            run?.Id,
            run?.StratifiedOn,
            today,
            days,
            byLevel,
            perGestore,
            enrolled.Sum(e => e.Expiring),
            [.. expiring.Select(e => new ExpiringPact(e.Id, e.Patient.Id, e.Patient.MmgId, e.GestoreId, e.Level, e.EndDate, e.EndDate.DayNumber - today.DayNumber))])
        {
            AtsName = catalogues.AtsName(ats),
        };
    }
}
