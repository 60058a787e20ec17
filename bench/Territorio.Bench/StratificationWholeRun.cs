using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using DuckDB.NET.Data;
using Territorio.Cli;
using Territorio.Cli.Features.Demo;
using Territorio.Flows.Files;
using Territorio.Flows.Reference;
using Territorio.Flows.Stratification;
using Territorio.Stratification.Sql;
using Territorio.Synthetic;

namespace Territorio.Bench;

/// <summary>
/// <c>stratify [people] [folder] [rounds] [engine-only]</c>: the stratification engine end to end (parse,
/// classify, write levels.csv) against the same classification in DuckDB SQL over the same
/// files, alternating, with medians, events per second and peak memory (VmHWM).
/// </summary>
public static partial class WholeRuns
{
    [ModuleInitializer]
    internal static void RegisterStratification() => Runs["stratify"] = Stratify;

    private static int Stratify(string[] args)
    {
        int people = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        string folder = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), $"territorio-strat-{people}");
        int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        bool engineOnly = args.Length > 3 && args[3] == "engine-only";
        var asOf = DemoPopulation.DefaultAsOf;
        if (!File.Exists(Path.Combine(folder, "outpatient.csv")))
        {
            var clock = Stopwatch.StartNew();
            DemoPopulationCommand.Write(CliEnvironment.FromProcess(), folder, people, 2017, asOf);
            Console.WriteLine($"generated {people:N0} persons into {folder} in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        var inputs = new StratificationInputs(
            Path.Combine(folder, "persons.csv"), Path.Combine(folder, "sdo.csv"), Path.Combine(folder, "drugs.csv"),
            Path.Combine(folder, "exemptions.csv"), Path.Combine(folder, "outpatient.csv"));
        long rows = new[] { inputs.Persons, inputs.Sdo, inputs.Drugs, inputs.Exemptions, inputs.Outpatient }.Sum(CountRows);
        long bytes = new[] { inputs.Persons, inputs.Sdo, inputs.Drugs, inputs.Exemptions, inputs.Outpatient }.Sum(f => (File.ResolveLinkTarget(f, returnFinalTarget: true) as FileInfo ?? new FileInfo(f)).Length);
        Console.WriteLine($"input: {rows:N0} rows (persons + events), {bytes / 1e6:N0} MB; persons estimated from the file's first megabyte (the engine's tables are sized to a twentieth more): {RowEstimate.Of(inputs.Persons):N0}");

        var reference = ReferenceData.Default();
        var criteria = CriteriaFiles.Load(reference);
        _ = reference.Icd9Cm;
        string engineOut = Path.Combine(folder, "levels.engine.csv");
        string sqlOut = Path.Combine(folder, "levels.duckdb.csv");
        var engineTimes = new List<double>();
        var sqlTimes = new List<double>();
        var engineCpu = new List<double>();
        var sqlCpu = new List<double>();
        var process = Process.GetCurrentProcess();
        long enginePeak = 0;
        for (int round = 0; round < rounds; round++)
        {
            GC.Collect();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var phases = new EnginePhases();
            using (var writer = new StreamWriter(engineOut, false, new UTF8Encoding(false), 1 << 16))
            {
                var summary = new StratificationRun(reference) { Progress = phases.Progress }.Run(inputs, criteria, asOf, writer, e => throw new InvalidOperationException(e.ToString()));
                if (round == 0)
                {
                    var r = summary.Pyramid.Region;
                    Console.WriteLine($"pyramid: {string.Join(" / ", Enumerable.Range(1, 5).Select(l => $"{r.Share(l):P1}"))}; deceased {r.Deceased:N0}");
                }
            }

            engineTimes.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            engineCpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);
            Console.WriteLine($"round {round + 1} engine phases: {phases.Report(clock.Elapsed)}");
            if (round == 0)
            {
                // VmHWM is the process's high-water mark: read before DuckDB ever runs.
                enginePeak = PeakMemoryBytes();
            }

            if (engineOnly)
            {
                Console.WriteLine($"round {round + 1}: engine {engineTimes[^1]:0.00} s wall / {engineCpu[^1]:0.00} s CPU");
                continue;
            }

            cpu = process.TotalProcessorTime;
            clock.Restart();
            using (var connection = new DuckDBConnection("DataSource=:memory:"))
            {
                connection.Open();
                new SqlStratification(criteria, asOf).Run(connection, new SqlInputs(inputs.Persons, inputs.Sdo, inputs.Drugs, inputs.Exemptions, inputs.Outpatient));
                SqlStratification.CopyTo(connection, sqlOut);
            }

            sqlTimes.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            sqlCpu.Add((process.TotalProcessorTime - cpu).TotalSeconds);
            Console.WriteLine($"round {round + 1}: engine {engineTimes[^1]:0.00} s wall / {engineCpu[^1]:0.00} s CPU, DuckDB {sqlTimes[^1]:0.00} s wall / {sqlCpu[^1]:0.00} s CPU");
        }

        double engine = Median(engineTimes);
        if (engineOnly)
        {
            Console.WriteLine($"engine  median {engine:0.00} s wall = {rows / engine / 1e6:0.00} M rows/s; {Median(engineCpu):0.00} s CPU = {rows / Median(engineCpu) / 1e6:0.00} M rows per CPU-second; peak memory (VmHWM) {enginePeak / 1e6:N0} MB");
            return 0;
        }

        double sql = Median(sqlTimes);
        Console.WriteLine($"engine  median {engine:0.00} s wall = {rows / engine / 1e6:0.00} M rows/s; {Median(engineCpu):0.00} s CPU = {rows / Median(engineCpu) / 1e6:0.00} M rows per CPU-second; peak memory (VmHWM after engine runs) {enginePeak / 1e6:N0} MB");
        Console.WriteLine($"DuckDB  median {sql:0.00} s wall = {rows / sql / 1e6:0.00} M rows/s; {Median(sqlCpu):0.00} s CPU (all threads; no evidence column); process peak now {PeakMemoryBytes() / 1e6:N0} MB");
        Console.WriteLine($"ratio DuckDB/engine: wall {sql / engine:0.00}, CPU {Median(sqlCpu) / Median(engineCpu):0.00}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return 0;
    }

    /// <summary>
    /// Where an engine run spends its wall time: reading the five flows (until the engine is told
    /// the persons to classify), then classifying and writing; and the garbage collector's share.
    /// </summary>
    private sealed class EnginePhases
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly TimeSpan _pauseAtStart = GC.GetTotalPauseDuration();
        private readonly int[] _collectionsAtStart = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        private TimeSpan _read;
        private TimeSpan _pauseWhileReading;

        public StratificationProgress Progress => new(_ => { }, _ =>
        {
            _read = _clock.Elapsed;
            _pauseWhileReading = GC.GetTotalPauseDuration() - _pauseAtStart;
        }, _ => { });

        public string Report(TimeSpan total)
        {
            var pause = GC.GetTotalPauseDuration() - _pauseAtStart;
            return $"read {_read.TotalSeconds:0.00} s (GC pauses {_pauseWhileReading.TotalSeconds:0.00} s), classify + write {(total - _read).TotalSeconds:0.00} s (GC pauses {(pause - _pauseWhileReading).TotalSeconds:0.00} s); "
                + $"collections gen0/1/2 {GC.CollectionCount(0) - _collectionsAtStart[0]}/{GC.CollectionCount(1) - _collectionsAtStart[1]}/{GC.CollectionCount(2) - _collectionsAtStart[2]}";
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static long CountRows(string path)
    {
        long lines = 0;
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines - 1;
    }

    /// <summary>Peak resident set size of this process (Linux VmHWM).</summary>
    private static long PeakMemoryBytes()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
