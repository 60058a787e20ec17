using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Common;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Common;

/// <summary>Raises <see cref="ChangeStamp"/>s in the caller's transaction, creating those missing.</summary>
public static class ChangeStamps
{
    private const int Batch = 1_000;

    public static async Task RaiseAsync(TerritorioDbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(Batch))
        {
            int raised = await db.Set<ChangeStamp>().Where(s => chunk.Contains(s.Key))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
            if (raised == chunk.Length)
            {
                continue;
            }

            var stamped = await db.Set<ChangeStamp>().Where(s => chunk.Contains(s.Key)).Select(s => s.Key).ToListAsync(ct);
            var added = chunk.Except(stamped, StringComparer.Ordinal).Select(k => new ChangeStamp(k, DateTimeOffset.UtcNow)).ToList();
            db.AddRange(added);
            await db.SaveChangesAsync(ct);
            foreach (var stamp in added)
            {
                db.Entry(stamp).State = EntityState.Detached;
            }
        }
    }
}
