using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Reclassification;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Reclassification;

/// <summary>Reclassification proposals of the Gestori and the ATS Commission's decisions.</summary>
public sealed class ReclassificationService(TerritorioDbContext db, TimeProvider clock, CareCatalogues catalogues) : CareService(db, clock)
{
    /// <summary>Proposes a level and main pathology; <paramref name="addPathologies"/> and <paramref name="removePathologies"/> name the only pathologies that change.</summary>
    public async Task<ReclassificationRequest> ProposeAsync(string patientId, int toLevel, string toMainPathology, IReadOnlyList<string> addPathologies, Actor by, string? reason, CancellationToken ct, IReadOnlyList<string>? removePathologies = null)
    {
        foreach (var code in addPathologies.Append(toMainPathology).Where(c => !catalogues.Pathologies.ContainsKey(c)))
        {
            throw new CareRuleException($"la patologia {code} non è nel catalogo regionale delle patologie croniche");
        }

        var pact = await ActivePactAsync(patientId, ct);
        var current = await ClassificationAsync(patientId, ct) ?? throw new CareRuleException($"il paziente {patientId} non risulta stratificato");
        var request = ReclassificationRequest.Propose(pact, current, toLevel, toMainPathology, addPathologies, removePathologies ?? [], Now(by, reason));
        Db.Add(request);
        await CommitAsync(ct, $"il paziente {patientId} ha già una riclassificazione in attesa");
        return request;
    }

    public async Task<ReclassificationRequest> DecideAsync(long requestId, bool approve, Actor by, string? reason, CancellationToken ct)
    {
        var request = await Db.Set<ReclassificationRequest>().SingleOrDefaultAsync(r => r.Id == requestId, ct)
            ?? throw new CareRuleException($"riclassificazione {requestId} non trovata");
        if (approve)
        {
            var pact = await Db.Set<PattoDiCura>().SingleOrDefaultAsync(p => p.PatientId == request.PatientId && p.Status == PactStatus.Active, ct);
            request.Approve(pact, pact is null ? null : await GestoreAsync(pact.GestoreId, ct), Now(by, reason), await ClassificationAsync(request.PatientId, ct));
        }
        else
        {
            request.Reject(Now(by, reason));
        }

        await CommitAsync(ct);
        return request;
    }

    /// <summary>
    /// The approved reclassifications the latest stratification does not know yet (one per patient,
    /// the latest), of one ATS or all: what the next stratification must honour (decision 0054).
    /// </summary>
    public async Task<IReadOnlyList<ReclassificationRequest>> InForceAsync(string? ats, CancellationToken ct)
    {
        var run = await ClassificationQueries.LatestRunAsync(Db, ct);
        return await ClassificationQueries.InForce(Db, run).AsNoTracking()
            .Where(r => ats == null || Db.Residents.Any(p => p.Id == r.PatientId && p.Ats == ats))
            .OrderBy(r => r.DecidedOn).ThenBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>The patient's reclassification requests, newest first (what their Gestore proposed and how the Commission decided).</summary>
    public async Task<IReadOnlyList<ReclassificationRequest>> OfPatientAsync(string patientId, CancellationToken ct) =>
        await Db.Set<ReclassificationRequest>().AsNoTracking().Where(r => r.PatientId == patientId)
            .OrderByDescending(r => r.RequestedOn).ThenByDescending(r => r.Id).ToListAsync(ct);

    public async Task<IReadOnlyList<ReclassificationRequest>> PendingAsync(string ats, CancellationToken ct) =>
        await Db.Set<ReclassificationRequest>()
            .Where(r => r.Status == RequestStatus.Pending && Db.Residents.Any(p => p.Id == r.PatientId && p.Ats == ats))
            .OrderBy(r => r.RequestedOn).ThenBy(r => r.Id).ToListAsync(ct);
}
