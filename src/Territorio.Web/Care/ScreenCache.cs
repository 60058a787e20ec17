using Microsoft.Extensions.Caching.Memory;

namespace Territorio.Web.Care;

/// <summary>
/// Views kept in memory by the version of what they show (a record of stamps, run and day: equal
/// versions, equal views), shared by every request of the process. A view is computed again as soon
/// as one stamp moves, so only unchanged data is served from memory; versions no longer asked for
/// age out (docs/decisions/0101-screens-kept-by-change-stamps.md).
/// </summary>
public sealed class ScreenCache : IDisposable
{
    /// <summary>Views kept at most: the patient files and worklist pages a region's operators open in a few minutes.</summary>
    private const int Capacity = 8_000;

    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _views = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public async Task<T> GetOrComputeAsync<T>(object version, Func<Task<T>> compute)
        where T : class
    {
        if (TryGet(version, out T? view))
        {
            return view;
        }

        view = await compute();
        Keep(version, view);
        return view;
    }

    public bool TryGet<T>(object version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? view)
        where T : class => _views.TryGetValue(version, out view) && view is not null;

    public void Keep<T>(object version, T view)
        where T : class => _views.Set(version, view, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Unused });

    public void Dispose() => _views.Dispose();
}
