using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Common;

/// <summary>
/// Commits one operation: the aggregates' changes and their audit entries in one transaction.
/// A unique-constraint or concurrency conflict comes back as a refusal in the user's terms.
/// </summary>
public static class CareUnitOfWork
{
    public const string ConcurrentChange = "i dati sono stati modificati nel frattempo da un altro operatore: ricaricare e riprovare";

    /// <param name="clock">The day the worklist rows are computed on (adherence so far): the application's clock, never the machine's directly.</param>
    public static async Task CommitAsync(TerritorioDbContext db, TimeProvider clock, CancellationToken ct, string? conflictMessage = null)
    {
        var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // Deliveries change adherence without an aggregate's history: note their patients first.
            var touched = db.ChangeTracker.Entries<DeliveredService>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.PatientId).ToHashSet(StringComparer.Ordinal);
            // Bookings, slots and agreements change the free slots every patient file offers.
            bool agendas = db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is Booking or CareManagement.Network.AgendaSlot or CareManagement.Network.Agreement);
            await db.SaveChangesAsync(ct);
            var history = db.ChangeTracker.Entries<AggregateRoot>()
                .SelectMany(e => e.Entity.DrainHistory())
                .Select(h => new AuditEntry(h))
                .ToList();
            if (history.Count > 0)
            {
                db.Set<AuditEntry>().AddRange(history);
                await db.SaveChangesAsync(ct);
            }

            touched.UnionWith(history.Where(h => h.PatientId is not null).Select(h => h.PatientId!));
            await WorklistIndex.RefreshAsync(db, touched, RomeCalendar.Today(clock), ct);
            if (agendas)
            {
                await ChangeStamps.RaiseAsync(db, [ChangeStamp.Agendas], ct);
            }

            if (owned is not null)
            {
                await owned.CommitAsync(ct);
            }
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new CareRuleException(ConcurrentChange, ex);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new CareRuleException(conflictMessage ?? ConcurrentChange, ex);
        }
        finally
        {
            if (owned is not null)
            {
                await owned.DisposeAsync();
            }
        }
    }

    /// <summary>A refusal caused by a unique index (another operator took the value first).</summary>
    public static bool IsUniqueConflict(CareRuleException ex) => ex.InnerException is DbUpdateException db && IsUniqueViolation(db);

    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
