using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Reclassification;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Common;

/// <summary>
/// The classification in force of many patients at once (a GP's list): the same rule as
/// <see cref="ClassificationQueries.EffectiveAsync"/>, in three queries instead of two per patient.
/// </summary>
public static class Classifications
{
    public static async Task<IReadOnlyDictionary<string, Classification>> EffectiveAsync(TerritorioDbContext db, IQueryable<string> patientIds, CancellationToken ct)
    {
        var runs = await db.Set<StratificationRun>().AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.StratifiedOn, ct);
        var stratified = (await db.Set<StratifiedPerson>().AsNoTracking().Where(p => patientIds.Contains(p.PersonId)).ToListAsync(ct))
            .GroupBy(p => p.PersonId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(p => p.RunId)!, StringComparer.Ordinal);
        var approved = (await db.Set<ReclassificationRequest>().AsNoTracking()
                .Where(r => patientIds.Contains(r.PatientId) && r.Status == RequestStatus.Approved).ToListAsync(ct))
            .GroupBy(r => r.PatientId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.DecidedOn).ThenByDescending(r => r.Id).First(), StringComparer.Ordinal);

        var result = new Dictionary<string, Classification>(StringComparer.Ordinal);
        foreach (string id in stratified.Keys.Union(approved.Keys))
        {
            var person = stratified.GetValueOrDefault(id);
            var effective = Classification.Effective(person, person is null ? null : runs[person.RunId], approved.GetValueOrDefault(id)?.AsClassification());
            if (effective is not null)
            {
                result[id] = effective;
            }
        }

        return result;
    }
}
