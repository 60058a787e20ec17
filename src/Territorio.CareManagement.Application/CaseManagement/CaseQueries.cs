using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;

namespace Territorio.CareManagement.Application.CaseManagement;

/// <summary>A page of the worklist and how many patients the whole list has.</summary>
public sealed record WorklistPage(int Total, IReadOnlyList<WorklistEntry> Entries);

/// <summary>Adherence per patient, the Gestore's worklist, and the patient's history.</summary>
public sealed class CaseQueries(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    public async Task<AdherenceReport> AdherenceAsync(string patientId, DateOnly? asOf, CancellationToken ct)
    {
        var pai = await ActivePaiAsync(patientId, ct);
        return await AdherenceAsync(pai, asOf, ct)
            ?? throw new CareRuleException($"il paziente {patientId} non ha un PAI attivo");
    }

    /// <summary>Adherence to a PAI already read (null without an active version): one query for the deliveries.</summary>
    public async Task<AdherenceReport?> AdherenceAsync(Pai pai, DateOnly? asOf, CancellationToken ct)
    {
        if (pai.ActiveVersion is not { } active)
        {
            return null;
        }

        var delivered = await DeliveredAsync([pai.PatientId], pai.StartDate, ct);
        return AdherenceCalculator.Compute(pai.PatientId, pai.StartDate, active.Items, delivered[pai.PatientId].ToList(), asOf ?? Today);
    }

    /// <summary>The patients of a Gestore to call, most urgent first.</summary>
    public async Task<IReadOnlyList<WorklistEntry>> WorklistAsync(string gestoreId, DateOnly? asOf, int paiDueDays, CancellationToken ct)
    {
        var day = asOf ?? Today;
        _ = await GestoreAsync(gestoreId, ct);
        var pacts = Db.Set<PattoDiCura>().AsNoTracking().Where(p => p.GestoreId == gestoreId && p.Status == PactStatus.Active);
        return new WorklistRules(paiDueDays).Build(await SnapshotsAsync(gestoreId, pacts, day, ct), day);
    }

    /// <summary>
    /// One page of <see cref="WorklistAsync"/> (same entries, same order) for a Gestore with thousands
    /// of patients: the database orders the <see cref="WorklistCase"/> rows by reason and lateness,
    /// and only the page's patients are computed in full.
    /// </summary>
    public async Task<WorklistPage> WorklistPageAsync(string gestoreId, DateOnly? asOf, int paiDueDays, int skip, int take, CancellationToken ct)
    {
        var day = asOf ?? Today;
        var rules = new WorklistRules(paiDueDays);
        var missedBy = day.AddDays(-rules.MissedAfterDays);
        var paiDueBy = day.AddDays(-rules.PaiDueDays);
        var expiringBy = day.AddDays(rules.ExpiringWithinDays);
        // WorklistRules.Findings, reason by reason: the first that holds is the most urgent, and the
        // older its date the later the case (DaysLate descending = date ascending).
        var due = Db.Set<WorklistCase>().AsNoTracking()
            .Where(c => c.GestoreId == gestoreId)
            .Select(c => new
            {
                c.PactId,
                c.PatientId,
                c.Level,
                Reason = c.FirstMissed <= missedBy ? 1 : c.FirstUnmetDue < day ? 2 : !c.HasActivePai && c.PactStart <= paiDueBy ? 3 : c.PactEnd >= day && c.PactEnd <= expiringBy ? 4 : 0,
                Since = c.FirstMissed <= missedBy ? c.FirstMissed : c.FirstUnmetDue < day ? c.FirstUnmetDue : !c.HasActivePai && c.PactStart <= paiDueBy ? c.PactStart : (DateOnly?)c.PactEnd,
            })
            .Where(c => c.Reason != 0);
        int total = await due.CountAsync(ct);
        var page = await due.OrderBy(c => c.Reason).ThenBy(c => c.Since).ThenBy(c => c.Level).ThenBy(c => c.PatientId)
            .Skip(skip).Take(take).Select(c => c.PactId).ToListAsync(ct);
        var pacts = Db.Set<PattoDiCura>().AsNoTracking().Where(p => page.Contains(p.Id) && p.Status == PactStatus.Active);
        return new WorklistPage(total, rules.Build(await SnapshotsAsync(gestoreId, pacts, day, ct), day));
    }

    private async Task<IEnumerable<CaseSnapshot>> SnapshotsAsync(string gestoreId, IQueryable<PattoDiCura> activePacts, DateOnly day, CancellationToken ct)
    {
        var pacts = await activePacts.ToListAsync(ct);
        var pactIds = pacts.Select(p => p.Id).ToList();
        var patients = pacts.Select(p => p.PatientId).ToList();
        var pais = await Db.Set<Pai>().AsNoTracking().Where(p => pactIds.Contains(p.PactId)).ToDictionaryAsync(p => p.PactId, ct);
        var missed = (await Db.Set<Booking>().AsNoTracking()
            .Where(b => b.GestoreId == gestoreId && patients.Contains(b.PatientId) && (b.Status == BookingStatus.Missed || (b.Status == BookingStatus.Booked && b.Date < day)))
            .Select(b => new { b.PatientId, b.Date }).ToListAsync(ct))
            .ToLookup(b => b.PatientId, b => b.Date);
        var earliest = pacts.Count == 0 ? day : pacts.Min(p => p.StartDate);
        var delivered = await DeliveredAsync(patients, earliest, ct);
        return pacts.Select(p =>
        {
            var active = pais.GetValueOrDefault(p.Id)?.ActiveVersion;
            var adherence = active is null ? null : AdherenceCalculator.Compute(p.PatientId, p.StartDate, active.Items, delivered[p.PatientId].ToList(), day);
            return new CaseSnapshot(p.PatientId, p.Level, p.Id, p.StartDate, p.EndDate, active is not null, missed[p.PatientId].ToList(), adherence);
        });
    }

    /// <summary>Every recorded change of the patient's path, in order.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string patientId, CancellationToken ct)
    {
        _ = await PatientAsync(patientId, ct);
        return await Db.Set<AuditEntry>().AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToListAsync(ct);
    }

    private async Task<ILookup<string, (string Code, DateOnly Date)>> DeliveredAsync(IReadOnlyCollection<string> patients, DateOnly from, CancellationToken ct) =>
        (await Db.Set<DeliveredService>().AsNoTracking()
            .Where(d => patients.Contains(d.PatientId) && d.Date >= from)
            .Select(d => new { d.PatientId, d.Code, d.Date }).ToListAsync(ct))
            .ToLookup(d => d.PatientId, d => (d.Code, d.Date));
}
