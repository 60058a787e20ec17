using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Reclassification;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Common;

/// <summary>
/// The classification in force, the one source that eligibility, letters, the choice of Gestore,
/// the worklist, PAI templates, remuneration and FHIR read (decision 0055): the person's row in
/// the latest stratification run, replaced by the latest reclassification the ATS Commission
/// approved on or after that run's as-of date (DGR X/6164/2017 allegato 1: the ATS updates the
/// reclassifications reported by the Gestori).
/// </summary>
public static class ClassificationQueries
{
    /// <summary>Ids per query when reading many patients (keeps parameter lists small on both providers).</summary>
    private const int Batch = 1_000;

    public static async Task<Classification?> EffectiveAsync(TerritorioDbContext db, string patientId, CancellationToken ct) =>
        (await EffectiveOfAsync(db, [patientId], ct)).GetValueOrDefault(patientId);

    /// <summary>The classification in force of each of the patients (absent when they have none).</summary>
    public static async Task<Dictionary<string, Classification>> EffectiveOfAsync(TerritorioDbContext db, IReadOnlyCollection<string> patientIds, CancellationToken ct) =>
        await EffectiveOfAsync(db, await LatestRunAsync(db, ct), patientIds, ct);

    /// <summary>The classification in force of each of the patients over a run already read (the latest).</summary>
    public static async Task<Dictionary<string, Classification>> EffectiveOfAsync(TerritorioDbContext db, StratificationRun? run, IReadOnlyCollection<string> patientIds, CancellationToken ct)
    {
        var result = new Dictionary<string, Classification>(StringComparer.Ordinal);
        foreach (var chunk in patientIds.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            var stratified = run is null
                ? []
                : await db.Set<StratifiedPerson>().AsNoTracking().Where(p => p.RunId == run.Id && chunk.Contains(p.PersonId)).ToDictionaryAsync(p => p.PersonId, ct);
            var approved = await InForce(db, run).AsNoTracking().Where(r => chunk.Contains(r.PatientId)).ToDictionaryAsync(r => r.PatientId, ct);
            foreach (string id in chunk)
            {
                if (Classification.Effective(stratified.GetValueOrDefault(id), run?.StratifiedOn, approved.GetValueOrDefault(id)?.AsClassification()) is { } classification)
                {
                    result[id] = classification;
                }
            }
        }

        return result;
    }

    public static async Task<StratificationRun?> LatestRunAsync(TerritorioDbContext db, CancellationToken ct) =>
        await db.Set<StratificationRun>().OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Per patient, the latest reclassification approved on or after the run's as-of date (every
    /// approved one without a run): what the run does not know yet, and what the next stratification
    /// must honour (<c>territorio reclassifications export</c>).
    /// </summary>
    public static IQueryable<ReclassificationRequest> InForce(TerritorioDbContext db, StratificationRun? run)
    {
        var approved = db.Set<ReclassificationRequest>().Where(r => r.Status == RequestStatus.Approved);
        if (run is not null)
        {
            var since = run.StratifiedOn;
            approved = approved.Where(r => r.DecidedOn >= since);
        }

        return approved.Where(r => !approved.Any(later => later.PatientId == r.PatientId
            && (later.DecidedOn > r.DecidedOn || (later.DecidedOn == r.DecidedOn && later.Id > r.Id))));
    }

    /// <summary>
    /// Everyone's classification in force over a run, as rows a query can filter and join: the run's
    /// persons not reclassified since, plus the reclassified ones with the Commission's level.
    /// </summary>
    public static IQueryable<ClassifiedPerson> InForceOver(TerritorioDbContext db, StratificationRun run)
    {
        var reclassified = InForce(db, run);
        var fromRun = db.Set<StratifiedPerson>()
            .Where(p => p.RunId == run.Id && !reclassified.Any(r => r.PatientId == p.PersonId))
            .Select(p => new ClassifiedPerson { PersonId = p.PersonId, Level = p.Level, MainPathology = p.MainPathology, ReclassificationId = null });
        var fromCommission = reclassified
            .Select(r => new ClassifiedPerson { PersonId = r.PatientId, Level = r.ToLevel, MainPathology = r.ToMainPathology, ReclassificationId = r.Id });
        return fromRun.Concat(fromCommission);
    }
}

/// <summary>One person's level in force, as a query row; <see cref="ReclassificationId"/> set when the Commission decided it.</summary>
public sealed class ClassifiedPerson
{
    public required string PersonId { get; init; }

    public required int Level { get; init; }

    public string? MainPathology { get; init; }

    public long? ReclassificationId { get; init; }
}
