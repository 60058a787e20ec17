using System.Diagnostics;
using System.Globalization;

namespace Territorio.Rehab.Pipeline.Diagnostics;

/// <summary>
/// Where a batch run spends its time and memory, phase by phase: wall and CPU seconds, bytes
/// allocated, collections (all, gen-1 and full) and the time the collector paused the run, JIT compilation, minor page
/// faults (first touches of fresh pages, costly here: decision 0112), the collected heap (live /
/// committed), resident memory. Silent unless <c>TERRITORIO_PHASES=1</c>; then one line per
/// phase on stderr (for profiling whole runs without a profiler).
/// </summary>
public sealed class PhaseClock
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("TERRITORIO_PHASES") == "1";

    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _allocated = GC.GetTotalAllocatedBytes();
    private int _collections = GC.CollectionCount(0);
    private int _gen1Collections = GC.CollectionCount(1);
    private int _fullCollections = GC.CollectionCount(2);
    private TimeSpan _paused = GC.GetTotalPauseDuration();
    private TimeSpan _jit = System.Runtime.JitInfo.GetCompilationTime();
    private long _jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
    private long _faults = MinorFaults();

    public static PhaseClock Start() => new();

    /// <summary>Ends the current phase under this name and starts the next.</summary>
    public void Lap(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes();
        int collections = GC.CollectionCount(0);
        int gen1Collections = GC.CollectionCount(1);
        int fullCollections = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        long jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        long faults = MinorFaults();
        var heap = GC.GetGCMemoryInfo();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"phase {phase,-12} wall {_wall.Elapsed.TotalSeconds,6:0.000} s  cpu {(cpu - _cpu).TotalSeconds,6:0.000} s  alloc {(allocated - _allocated) / 1e6,8:0.0} MB  gc0 {collections - _collections,4}  gc1 {gen1Collections - _gen1Collections,3}  gc2 {fullCollections - _fullCollections,2}  paused {(paused - _paused).TotalSeconds,6:0.000} s  jit {(jit - _jit).TotalSeconds,6:0.000} s {jitted - _jitted,5} methods  faults {faults - _faults,7}  heap {heap.HeapSizeBytes / 1e6,5:0}/{heap.TotalCommittedBytes / 1e6,5:0} MB  rss {process.WorkingSet64 / 1e6,6:0} MB  peak {process.PeakWorkingSet64 / 1e6,6:0} MB"));
        _wall.Restart();
        _cpu = cpu;
        _allocated = allocated;
        _collections = collections;
        _gen1Collections = gen1Collections;
        _fullCollections = fullCollections;
        _paused = paused;
        _jit = jit;
        _jitted = jitted;
        _faults = faults;
    }

    /// <summary>Minor page faults of the process so far (Linux; 0 elsewhere): each first touch of a fresh page.</summary>
    private static long MinorFaults()
    {
        if (!Enabled || !OperatingSystem.IsLinux())
        {
            return 0;
        }

        // /proc/self/stat: "pid (comm) state ..." — minflt is the 8th field after the closing parenthesis.
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
