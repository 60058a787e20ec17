using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.CaseManagement;

namespace Territorio.Web.Care;

/// <summary>
/// Worklist pages by <see cref="WorklistVersion"/>: every case manager of a Gestore opens the same
/// list many times a day, and computing a page reads pacts, PAIs, bookings, deliveries,
/// classifications and contacts of its patients; the version costs one query.
/// </summary>
public sealed class WorklistPages(ScreenCache cache)
{
    public Task<WorklistPage> GetAsync(CareServices care, string gestoreId, int skip, int take, CancellationToken ct) =>
        GetAsync(care, gestoreId, WorklistFilter.None, skip, take, ct);

    public async Task<WorklistPage> GetAsync(CareServices care, string gestoreId, WorklistFilter filter, int skip, int take, CancellationToken ct) =>
        await GetAsync(care, await care.Cases.WorklistVersionAsync(gestoreId, ct), filter, skip, take, ct);

    /// <summary>A page at a version already read: a screen that shows another filter or page on the same data reads the version once.</summary>
    public Task<WorklistPage> GetAsync(CareServices care, WorklistVersion version, WorklistFilter filter, int skip, int take, CancellationToken ct) =>
        cache.GetOrComputeAsync((version, filter, skip, take),
            () => care.Cases.WorklistPageAsync(version.GestoreId, version.Day, WorklistRules.DefaultPaiDueDays, skip, take, ct, filter));
}
