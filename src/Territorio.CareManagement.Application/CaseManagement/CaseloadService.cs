using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Data;

namespace Territorio.CareManagement.Application.CaseManagement;

/// <summary>The Gestore's caseloads: which case manager follows which patient in charge.</summary>
public sealed class CaseloadService(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    /// <summary>Entrusts the patient (their active pact) to a case manager, or to nobody (null).</summary>
    public async Task<PattoDiCura> AssignAsync(string patientId, string? caseManager, Actor by, CancellationToken ct)
    {
        var pact = await ActivePactAsync(patientId, ct);
        pact.AssignCaseManager(caseManager, Now(by));
        await CommitAsync(ct);
        return pact;
    }

    /// <summary>Brings the adherence of the Gestore's worklist rows to today (see <see cref="WorklistIndex.RefreshStaleAsync"/>).</summary>
    public Task<int> RefreshAdherenceAsync(string gestoreId, CancellationToken ct) => WorklistIndex.RefreshStaleAsync(Db, gestoreId, Today, ct);
}
