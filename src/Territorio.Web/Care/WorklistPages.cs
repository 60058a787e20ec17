using Microsoft.Extensions.Caching.Memory;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.CaseManagement;

namespace Territorio.Web.Care;

/// <summary>
/// Worklist pages kept in memory by <see cref="WorklistVersion"/>: every case manager of a Gestore
/// opens the same list many times a day, and computing a page reads pacts, PAIs, bookings,
/// deliveries, classifications and contacts of its patients. A page is served again only while
/// the Gestore's stamp, the latest stratification run and the day are unchanged, which one query
/// reads (docs/decisions/0101-worklist-page-cache.md). Shared by every request: a singleton.
/// </summary>
public sealed class WorklistPages : IDisposable
{
    /// <summary>Pages kept at most: a few per Gestore of a region; older versions age out.</summary>
    private const int Capacity = 20_000;

    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public async Task<WorklistPage> GetAsync(CareServices care, string gestoreId, int skip, int take, CancellationToken ct)
    {
        var version = await care.Cases.WorklistVersionAsync(gestoreId, ct);
        var key = (version, skip, take);
        if (_pages.TryGetValue(key, out WorklistPage? page))
        {
            return page!;
        }

        page = await care.Cases.WorklistPageAsync(gestoreId, version.Day, WorklistRules.DefaultPaiDueDays, skip, take, ct);
        _pages.Set(key, page, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Unused });
        return page;
    }

    public void Dispose() => _pages.Dispose();
}
