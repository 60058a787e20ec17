using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;

namespace Territorio.CareManagement.Application.CaseManagement;

/// <summary>
/// Keeps <see cref="WorklistCase"/> rows in step with the care path: the unit of work rewrites the
/// rows of every patient an operation touched, in the operation's transaction; bulk loads and
/// databases migrated from before the read model call <see cref="RebuildAsync"/>.
/// </summary>
public static class WorklistIndex
{
    /// <summary>
    /// Rewrites the rows of the patients and raises the change stamps of what they show: each
    /// patient's record and the worklists of the Gestori that lost or gained a row (a change of
    /// Gestore touches both).
    /// </summary>
    public static async Task RefreshAsync(TerritorioDbContext db, IReadOnlyCollection<string> patients, DateOnly today, CancellationToken ct)
    {
        if (patients.Count == 0)
        {
            return;
        }

        var rows = await BuildAsync(db, patients, today, ct);
        var gestori = await db.Set<WorklistCase>().Where(c => patients.Contains(c.PatientId)).Select(c => c.GestoreId).Distinct().ToListAsync(ct);
        await db.Set<WorklistCase>().Where(c => patients.Contains(c.PatientId)).ExecuteDeleteAsync(ct);
        db.AddRange(rows);
        await db.SaveChangesAsync(ct);
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Detached; // the next refresh of the same patient adds a new row
        }

        await ChangeStamps.RaiseAsync(db, gestori.Concat(rows.Select(r => r.GestoreId)).Select(ChangeStamp.WorklistOf).Concat(patients.Select(ChangeStamp.PatientOf)), ct);
    }

    /// <summary>
    /// Rewrites the Gestore's rows last written before <paramref name="today"/>, so that adherence
    /// counts the windows closed since (a patient nobody touched keeps the figure of their last
    /// change); returns how many. Called before filtering or sorting by adherence, once a day per Gestore.
    /// </summary>
    public static async Task<int> RefreshStaleAsync(TerritorioDbContext db, string gestoreId, DateOnly today, CancellationToken ct)
    {
        var stale = await db.Set<WorklistCase>().Where(c => c.GestoreId == gestoreId && c.RefreshedOn < today)
            .OrderBy(c => c.PatientId).Select(c => c.PatientId).ToListAsync(ct);
        foreach (var chunk in stale.Chunk(2_000))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await RefreshAsync(db, chunk, today, ct);
            await tx.CommitAsync(ct);
        }

        return stale.Count;
    }

    /// <summary>After a migration: rows for active pacts that have none (databases from before the read model); returns how many.</summary>
    public static async Task<int> BackfillAsync(DatabaseOptions options, TimeProvider clock, CancellationToken ct)
    {
        await using var db = TerritorioDatabase.CreateContext(options);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int written = await RebuildAsync(db, onlyMissing: true, RomeCalendar.Today(clock), null, ct);
        await tx.CommitAsync(ct);
        return written;
    }

    /// <summary>Rewrites the rows of every active pact (or only those missing), adherence as of <paramref name="today"/>; returns the rows written.</summary>
    public static async Task<int> RebuildAsync(TerritorioDbContext db, bool onlyMissing, DateOnly today, Action<double>? progress, CancellationToken ct)
    {
        var patients = await db.Set<PattoDiCura>().AsNoTracking()
            .Where(p => p.Status == PactStatus.Active && (!onlyMissing || !db.Set<WorklistCase>().Any(c => c.PactId == p.Id)))
            .OrderBy(p => p.PatientId).Select(p => p.PatientId).ToListAsync(ct);
        if (patients.Count == 0)
        {
            return 0;
        }

        if (!onlyMissing)
        {
            await db.Set<WorklistCase>().ExecuteDeleteAsync(ct);
        }

        int written = 0;
        foreach (var chunk in patients.Chunk(2_000))
        {
            var rows = await BuildAsync(db, chunk, today, ct);
            // The connection is busy while a COPY is open: read the chunk first, then write it.
            await using var insert = await BulkInsert.StartAsync<WorklistCase>(db, ct);
            foreach (var row in rows)
            {
                await insert.WriteEntityAsync(row, ct);
            }

            written += (int)await insert.CompleteAsync(ct);
            progress?.Invoke((double)written / patients.Count);
        }

        // Loaded in bulk (bookings and slots too): every worklist, record and free-slot list may have changed.
        var gestori = await db.Set<Gestore>().Select(g => g.Id).ToListAsync(ct);
        await ChangeStamps.RaiseAsync(db, [ChangeStamp.Agendas, .. gestori.Select(ChangeStamp.WorklistOf), .. patients.Select(ChangeStamp.PatientOf)], ct);
        return written;
    }

    private static async Task<List<WorklistCase>> BuildAsync(TerritorioDbContext db, IReadOnlyCollection<string> patients, DateOnly today, CancellationToken ct)
    {
        var pacts = await db.Set<PattoDiCura>().AsNoTracking().Where(p => patients.Contains(p.PatientId) && p.Status == PactStatus.Active).ToListAsync(ct);
        var pactIds = pacts.Select(p => p.Id).ToList();
        var pais = await db.Set<Pai>().AsNoTracking().Where(p => pactIds.Contains(p.PactId)).ToDictionaryAsync(p => p.PactId, ct);
        var open = (await db.Set<Booking>().AsNoTracking()
            .Where(b => patients.Contains(b.PatientId) && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.Missed))
            .ToListAsync(ct)).ToLookup(b => b.PatientId);
        var delivered = (await db.Set<DeliveredService>().AsNoTracking()
            .Where(d => patients.Contains(d.PatientId) && d.ReversedOn == null)
            .Select(d => new { d.PatientId, d.Code, d.Date }).ToListAsync(ct))
            .ToLookup(d => d.PatientId, d => (d.Code, d.Date));
        return pacts.Select(p => WorklistCase.Of(p, pais.GetValueOrDefault(p.Id)?.ActiveVersion, open[p.PatientId], delivered[p.PatientId].ToList(), today)).ToList();
    }
}
