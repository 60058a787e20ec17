using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.Data;
using Territorio.Flows.Reference;
using Territorio.Web.Ats;
using Territorio.Web.Security;

namespace Territorio.Bench;

/// <summary>
/// <c>ats-screens [rounds]</c>: the queries behind the ATS screens (territory pyramid with its GP
/// list, one GP's pyramid, enrolment progress, Commission board) on the configured database
/// (<c>Database__Provider</c>, <c>ConnectionStrings__Territorio</c>), e.g. the 1 M-person demo
/// region of <c>territorio demo run --people 1000000 --no-serve</c>. Medians of wall time per query.
/// </summary>
public static partial class WholeRuns
{
    [ModuleInitializer]
    internal static void RegisterAtsScreens() => Runs["ats-screens"] = AtsScreens;

    private static int AtsScreens(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var options = TerritorioDatabase.ReadOptions(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        var catalogues = CareCatalogues.Load(ReferenceData.Default());
        string ats;
        string mmg;
        long residents;
        using (var db = TerritorioDatabase.CreateContext(options))
        {
            ats = db.Residents.GroupBy(r => r.Ats).OrderByDescending(g => g.Count()).Select(g => g.Key).First();
            mmg = db.Residents.Where(r => r.Ats == ats && r.MmgId != null).OrderBy(r => r.MmgId).Select(r => r.MmgId!).First();
            residents = db.Residents.LongCount();
        }

        Console.WriteLine($"{options.Provider}: {residents:N0} residents; ATS {ats}, GP {mmg}; {rounds} rounds");
        var actor = new Actor("bench.ats", new HashSet<string> { TerritorioRoles.AtsOperatore }, ats, null, null, null, null, null);
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);

        // Reads are logged as in the web application: through the group-committing writer (decision 0102).
        using var services = new ServiceCollection().AddScoped(_ => TerritorioDatabase.CreateContext(options)).BuildServiceProvider();
        var log = new AccessLogWriter(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AccessLogWriter>.Instance);
        for (int round = 0; round <= rounds; round++)
        {
            using var db = TerritorioDatabase.CreateContext(options);
            var levels = new TerritoryLevels(db);
            var pyramids = new PyramidQuery(db, levels, catalogues);
            var run = pyramids.LatestRunAsync(CancellationToken.None).GetAwaiter().GetResult()
                ?? throw new InvalidOperationException("no stratification imported: run territorio demo run first");
            var access = new PatientAccess(db, TimeProvider.System, log);
            var care = new CareServices(db, TimeProvider.System, catalogues);
            // Round 0 warms up (JIT, caches) and is not counted.
            Time(times, round, "territory pyramid + GP list", () => pyramids.TerritoryAsync(run, ats, CancellationToken.None));
            Time(times, round, "one GP's pyramid", () => pyramids.GpAsync(run, ats, mmg, CancellationToken.None));
            Time(times, round, "enrolment progress", () => new EnrolmentProgressQuery(db, levels, access, TimeProvider.System, catalogues).BuildAsync(actor, 30, "bench", CancellationToken.None));
            Time(times, round, "Commission board", () => new CommissionDesk(care, access).BoardAsync(actor, "bench", CancellationToken.None));
        }

        foreach (var (query, values) in times)
        {
            values.Sort();
            Console.WriteLine($"{query,-30} median {values[values.Count / 2],8:0.0} ms   min {values[0],8:0.0} ms   max {values[^1],8:0.0} ms");
        }

        return 0;
    }

    private static void Time<T>(Dictionary<string, List<double>> times, int round, string name, Func<Task<T>> query)
    {
        var clock = Stopwatch.StartNew();
        query().GetAwaiter().GetResult();
        if (round > 0)
        {
            (times.TryGetValue(name, out var list) ? list : times[name] = []).Add(clock.Elapsed.TotalMilliseconds);
        }
    }
}
