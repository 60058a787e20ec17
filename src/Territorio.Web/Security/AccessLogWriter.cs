using Territorio.Data;
using Territorio.Data.Security;

namespace Territorio.Web.Security;

/// <summary>
/// Writes the web application's access-log entries with group commit: a read waits until its
/// entries are committed (the page is never shown unlogged), but the reads that arrive while
/// one write is under way are committed together by the next one, in one statement and one
/// transaction. Under load the database then writes a few large batches instead of one INSERT
/// and one commit per page, and no two writers contend for the log's index pages
/// (docs/decisions/0102-access-log-group-commit-and-small-pool.md).
/// </summary>
public sealed class AccessLogWriter(IServiceScopeFactory scopes, ILogger<AccessLogWriter> logger)
{
    private readonly Lock _lock = new();
    private List<Pending> _queue = [];
    private bool _writing;

    /// <summary>Completes when the entries are committed; faults when they could not be written.</summary>
    public Task AppendAsync(IReadOnlyList<PatientAccessEntry> entries)
    {
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        var pending = new Pending(entries, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool start;
        lock (_lock)
        {
            _queue.Add(pending);
            start = !_writing;
            _writing = true;
        }

        if (start)
        {
            _ = Task.Run(WriteQueuedAsync);
        }

        return pending.Done.Task;
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<Pending> batch;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                batch = _queue;
                _queue = [];
            }

            try
            {
                await WriteAsync([.. batch.SelectMany(p => p.Entries)]);
                batch.ForEach(p => p.Done.SetResult());
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One request's bad entry must not fail the others: each is written on its own.
                logger.LogWarning(ex, "registro accessi: scrittura di gruppo non riuscita, riprovo richiesta per richiesta");
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending);
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.SetException(ex);
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await WriteAsync(pending.Entries);
            pending.Done.SetResult();
        }
        catch (Exception ex)
        {
            pending.Done.SetException(ex);
        }
    }

    /// <summary>Not cancelled with the request: a page already read is logged even if its reader went away.</summary>
    private async Task WriteAsync(IReadOnlyList<PatientAccessEntry> entries)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        await AccessLog.AppendAsync(db, entries, CancellationToken.None);
    }

    private sealed record Pending(IReadOnlyList<PatientAccessEntry> Entries, TaskCompletionSource Done);
}
