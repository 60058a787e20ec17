using Microsoft.EntityFrameworkCore;
using Territorio.Data;
using Territorio.Data.Rehab;
using Territorio.Rehab.Rules;

namespace Territorio.Web.Rehab;

/// <summary>
/// Checks an uploaded SDO file and keeps the run: verdicts written as the check produces them
/// (<see cref="BulkRows{T}"/>), then the rejected rows and the indicators, all in one transaction (a failed or cancelled
/// check leaves nothing behind). The run belongs to the uploader's ATS.
/// </summary>
public sealed class RehabRunImport(TerritorioDbContext db, RehabPipelineAdapter pipeline, TimeProvider clock)
{
    private const int Chunk = 10_000;

    public async Task<RehabRun> ImportAsync(UploadedSdo file, string ats, string uploadedBy, bool demo, CancellationToken ct)
    {
        var rules = pipeline.Rules;
        var run = new RehabRun
        {
            Ats = ats,
            UploadedBy = uploadedBy,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            FileName = file.FileName,
            FileBytes = file.Bytes,
            DataRows = file.DataRows,
            RuleSetId = rules.Id,
            RuleSetVersion = rules.Version,
            RuleSetStatus = rules.Status,
            RuleSetProvisional = rules.IsProvisional,
            ScaleMode = rules.Scales.Mode == ScaleMode.ReportOnly ? "report-only" : "required",
            MdcTable = pipeline.MdcTableDescription ?? "",
            IsDemo = demo,
        };

        bool detect = db.ChangeTracker.AutoDetectChangesEnabled;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Add(run);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ChangeTracker.Clear();

            // The check is CPU work on its own thread; each block of verdicts is written as it comes, in file order.
            var verdicts = new BulkRows<RehabRunVerdict>(db);
            var result = await Task.Run(() => pipeline.Run(file.Path, file.Layout, file.Folder, block =>
            {
                ct.ThrowIfCancellationRequested();
                foreach (var verdict in block)
                {
                    verdict.RunId = run.Id;
                }

                verdicts.Write(db, block);
            }), ct);

            int ordinal = 0;
            var errors = new BulkRows<RehabRunError>(db);
            foreach (var chunk in result.Errors.Chunk(Chunk))
            {
                ct.ThrowIfCancellationRequested();
                errors.Write(db, [.. chunk.Select(e => new RehabRunError { RunId = run.Id, Ordinal = ordinal++, Line = e.Line, Column = e.Field, Value = e.Value, Reason = e.Reason })]);
            }

            foreach (var indicator in result.Indicators)
            {
                indicator.RunId = run.Id;
            }

            db.AddRange(result.Indicators);
            run.AcuteRows = result.AcuteRows;
            run.RehabAdmissions = result.RehabAdmissions;
            run.RejectedRows = result.Discarded;
            run.AcuteRowsKeptForLinkage = result.AcuteRowsKeptForLinkage;
            db.Update(run);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await transaction.CommitAsync(ct);
            return run;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Removes the runs of the previous <c>territorio demo run</c>.</summary>
    public async Task DeleteDemoRunsAsync(CancellationToken ct)
    {
        var ids = db.Set<RehabRun>().Where(r => r.IsDemo).Select(r => r.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<RehabRunVerdict>().Where(v => ids.Contains(v.RunId)).ExecuteDeleteAsync(ct);
        await db.Set<RehabRunError>().Where(e => ids.Contains(e.RunId)).ExecuteDeleteAsync(ct);
        await db.Set<RehabRunIndicator>().Where(i => ids.Contains(i.RunId)).ExecuteDeleteAsync(ct);
        await db.Set<RehabRun>().Where(r => r.IsDemo).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
