using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;

namespace Territorio.CareManagement.Application.CaseManagement;

/// <summary>Adherence per patient, the Gestore's worklist, and the patient's history.</summary>
public sealed class CaseQueries(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    public async Task<AdherenceReport> AdherenceAsync(string patientId, DateOnly? asOf, CancellationToken ct)
    {
        var pai = await ActivePaiAsync(patientId, ct);
        var active = pai.ActiveVersion ?? throw new CareRuleException($"il paziente {patientId} non ha un PAI attivo");
        var delivered = await DeliveredAsync([patientId], pai.StartDate, ct);
        return AdherenceCalculator.Compute(patientId, pai.StartDate, active.Items, delivered[patientId].ToList(), asOf ?? Today);
    }

    /// <summary>The patients of a Gestore to call, most urgent first.</summary>
    public async Task<IReadOnlyList<WorklistEntry>> WorklistAsync(string gestoreId, DateOnly? asOf, int paiDueDays, CancellationToken ct)
    {
        var day = asOf ?? Today;
        _ = await GestoreAsync(gestoreId, ct);
        var pacts = await Db.Set<PattoDiCura>().AsNoTracking().Where(p => p.GestoreId == gestoreId && p.Status == PactStatus.Active).ToListAsync(ct);
        var pactIds = pacts.Select(p => p.Id).ToList();
        var pais = await Db.Set<Pai>().AsNoTracking().Where(p => pactIds.Contains(p.PactId)).ToDictionaryAsync(p => p.PactId, ct);
        var missed = (await Db.Set<Booking>().AsNoTracking()
            .Where(b => b.GestoreId == gestoreId && (b.Status == BookingStatus.Missed || (b.Status == BookingStatus.Booked && b.Date < day)))
            .Select(b => new { b.PatientId, b.Date }).ToListAsync(ct))
            .ToLookup(b => b.PatientId, b => b.Date);
        var patients = pacts.Select(p => p.PatientId).ToList();
        var earliest = pacts.Count == 0 ? day : pacts.Min(p => p.StartDate);
        var delivered = await DeliveredAsync(patients, earliest, ct);
        // The level in force (an approved reclassification moves the patient in the worklist order).
        var classifications = await ClassificationQueries.EffectiveOfAsync(Db, patients, ct);
        var contacts = await ContactService.RecentByPatientAsync(Db, gestoreId, day, ct);

        var cases = pacts.Select(p =>
        {
            var active = pais.GetValueOrDefault(p.Id)?.ActiveVersion;
            var adherence = active is null ? null : AdherenceCalculator.Compute(p.PatientId, p.StartDate, active.Items, delivered[p.PatientId].ToList(), day);
            return new CaseSnapshot(p.PatientId, classifications.GetValueOrDefault(p.PatientId)?.Level ?? p.Level, p.Id, p.StartDate, p.EndDate, active is not null, missed[p.PatientId].ToList(), adherence, contacts.GetValueOrDefault(p.PatientId));
        });
        return new WorklistRules(paiDueDays).Build(cases, day);
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
