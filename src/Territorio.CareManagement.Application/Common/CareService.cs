using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.Common;

/// <summary>What every use case needs: the database, the clock and lookups that refuse in Italian.</summary>
public abstract class CareService(TerritorioDbContext db, TimeProvider clock)
{
    protected TerritorioDbContext Db { get; } = db;

    protected TimeProvider Clock { get; } = clock;

    protected DateOnly Today => RomeCalendar.Today(Clock);

    protected Change Now(Actor by, string? reason = null) => new(by, Clock.GetUtcNow().UtcDateTime, reason);

    protected Task CommitAsync(CancellationToken ct, string? conflictMessage = null) => CareUnitOfWork.CommitAsync(Db, Clock, ct, conflictMessage);

    /// <summary>
    /// Saves an operation that closes one pact and opens another: the closure first, so the
    /// one-active-pact index never sees two, all in one transaction.
    /// </summary>
    protected async Task CommitReplacingAsync(PattoDiCura newPact, string conflictMessage, CancellationToken ct, Action? afterInsert = null)
    {
        await using var tx = await OwnTransactionAsync(ct);
        await CommitAsync(ct, conflictMessage);
        Db.Add(newPact);
        await CommitAsync(ct, conflictMessage);
        if (afterInsert is not null)
        {
            afterInsert();
            await CommitAsync(ct);
        }

        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>A transaction of this operation, or null inside the caller's (the caller commits).</summary>
    protected async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> OwnTransactionAsync(CancellationToken ct) =>
        Db.Database.CurrentTransaction is null ? await Db.Database.BeginTransactionAsync(ct) : null;

    protected async Task<Resident> PatientAsync(string patientId, CancellationToken ct) =>
        await Db.Residents.SingleOrDefaultAsync(r => r.Id == patientId, ct)
            ?? throw new CareRuleException($"paziente {patientId} non trovato in anagrafe");

    protected async Task<Gestore> GestoreAsync(string gestoreId, CancellationToken ct) =>
        await Db.Set<Gestore>().Include(g => g.Candidatures).Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == gestoreId, ct)
            ?? throw new CareRuleException($"Gestore {gestoreId} non trovato");

    protected async Task<CareManagement.Network.Erogatore> ErogatoreAsync(string erogatoreId, CancellationToken ct) =>
        await Db.Set<CareManagement.Network.Erogatore>().Include(e => e.Agreements).Include(e => e.Services).Include(e => e.OpeningHours).Include(e => e.Closures).AsSplitQuery().SingleOrDefaultAsync(e => e.Id == erogatoreId, ct)
            ?? throw new CareRuleException($"erogatore {erogatoreId} non trovato");

    protected async Task<PattoDiCura> ActivePactAsync(string patientId, CancellationToken ct) =>
        await Db.Set<PattoDiCura>().SingleOrDefaultAsync(p => p.PatientId == patientId && p.Status == PactStatus.Active, ct)
            ?? throw new CareRuleException($"il paziente {patientId} non ha un patto di cura attivo");

    protected async Task<Pai?> PaiOfPactAsync(long pactId, CancellationToken ct) =>
        await Db.Set<Pai>().SingleOrDefaultAsync(p => p.PactId == pactId, ct);

    protected async Task<Pai> ActivePaiAsync(string patientId, CancellationToken ct)
    {
        var pact = await ActivePactAsync(patientId, ct);
        return await PaiOfPactAsync(pact.Id, ct) ?? throw new CareRuleException($"il paziente {patientId} non ha ancora un PAI");
    }

    /// <summary>The classification in force: latest stratification, or a later approved reclassification.</summary>
    protected Task<Classification?> ClassificationAsync(string patientId, CancellationToken ct) =>
        ClassificationQueries.EffectiveAsync(Db, patientId, ct);
}
