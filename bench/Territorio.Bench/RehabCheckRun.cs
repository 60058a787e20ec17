using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Territorio.Flows.Reference;
using Territorio.Flows.Rehab;
using Territorio.Flows.Sdo;
using Territorio.Rehab.DuckDb;
using Territorio.Rehab.Pipeline;
using Territorio.Synthetic;

namespace Territorio.Bench;

/// <summary>
/// <c>rehab-check [--acute N] [--rehab M] [--runs K] [--file PATH] [--native PATH]</c>: the
/// whole rehab check (parse, link, judge, write verdicts) against the same decision in DuckDB
/// SQL, over one generated SDO file. Each run is a child process so that its peak memory (VmHWM)
/// is its own: the check compiled at run time (timed inside, after the rule set is loaded, as
/// DuckDB), the native <c>territorio-rehab</c> (timed from process start to exit: everything a
/// user waits for, decision 0114) and DuckDB.
/// </summary>
public static partial class WholeRuns
{
    [ModuleInitializer]
    internal static void RegisterRehabCheck()
    {
        Runs["rehab-check"] = RehabCheck;
        Runs["rehab-check-child"] = RehabCheckChild;
    }

    private static int RehabCheck(string[] args)
    {
        long acute = Arg(args, "--acute", 10_000_000);
        int rehab = (int)Arg(args, "--rehab", 400_000);
        int runs = (int)Arg(args, "--runs", 3);
        string file = args.SkipWhile(a => a != "--file").Skip(1).FirstOrDefault()
            ?? Path.Combine(Path.GetTempPath(), $"territorio-rehab-bench-{acute}-{rehab}.csv");
        if (!File.Exists(file))
        {
            Console.WriteLine($"generating {acute:N0} acute + {rehab:N0} rehab records into {file} …");
            var watch = Stopwatch.StartNew();
            using (var writer = new StreamWriter(file, false, new System.Text.UTF8Encoding(false), 1 << 20))
            {
                SdoGenerator.Write(writer, acute, rehab, seed: 2021);
            }

            Console.WriteLine($"generated in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        // territorio-progress: territorio with the progress counters and a plain display (decision 0205), for A/B.
        string[] engines = (args.SkipWhile(a => a != "--engines").Skip(1).FirstOrDefault() ?? "territorio-native,territorio,duckdb").Split(',');
        string? native = engines.Contains("territorio-native") ? args.SkipWhile(a => a != "--native").Skip(1).FirstOrDefault() ?? PublishNative() : null;
        Console.WriteLine($"file: {file} ({new FileInfo(file).Length / 1e9:0.00} GB), {Environment.ProcessorCount} cores, {runs} runs each, interleaved");
        var all = engines.ToDictionary(e => e, _ => new List<(double Seconds, long PeakMb, long Verdicts)>());
        for (int run = 0; run < runs; run++)
        {
            foreach (string engine in engines)
            {
                all[engine].Add(engine == "territorio-native" ? NativeChild(native!, file) : Child(engine, file));
            }
        }

        foreach (var (engine, results) in all)
        {
            var seconds = results.Select(r => r.Seconds).Order().ToList();
            Console.WriteLine($"{engine,-10} median {seconds[seconds.Count / 2]:0.00} s (runs {string.Join(", ", results.Select(r => r.Seconds.ToString("0.00", CultureInfo.InvariantCulture)))}), peak memory {results.Max(r => r.PeakMb):N0} MB, verdicts {results[0].Verdicts:N0}");
        }

        return 0;
    }

    private static (double Seconds, long PeakMb, long Verdicts) Child(string engine, string file)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, [Path.Combine(AppContext.BaseDirectory, "Territorio.Bench.dll"), "rehab-check-child", engine, file])
        {
            RedirectStandardOutput = true,
        };
        if (Path.GetFileName(Environment.ProcessPath) == "Territorio.Bench")
        {
            start.ArgumentList.RemoveAt(0);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string[] parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// One run of the native executable, timed from its start to its exit; peak memory and verdicts
    /// from what it prints (the phase clock's last line, the summary).
    /// </summary>
    private static (double Seconds, long PeakMb, long Verdicts) NativeChild(string executable, string file)
    {
        string output = Path.Combine(Path.GetTempPath(), "territorio-rehab-bench-territorio-native-verdicts.csv");
        var start = new ProcessStartInfo(executable, ["check", "--sdo", file, "--out", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["TERRITORIO_PHASES"] = "1" },
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var phases = process.StandardError.ReadToEndAsync();
        string summary = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        double seconds = watch.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"territorio-rehab: exit {process.ExitCode}: {phases.Result}");
        }

        // The last phase line (progress lines share stderr).
        string peak = phases.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("phase ", StringComparison.Ordinal)).Split("peak", StringSplitOptions.TrimEntries)[1].Split(' ')[0];
        string verdicts = summary.Split("giudicati: ")[1].Split(' ')[0].Replace(".", "", StringComparison.Ordinal);
        return (seconds, long.Parse(peak, CultureInfo.InvariantCulture), long.Parse(verdicts, CultureInfo.InvariantCulture));
    }

    /// <summary>Publishes the native territorio-rehab (NativeAOT) from this repository; the executable's path.</summary>
    private static string PublishNative()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Territorio.slnx")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar));
        }

        string project = Path.Combine(root ?? throw new DirectoryNotFoundException("Territorio.slnx"), "src", "Territorio.Rehab.Batch");
        string output = Path.Combine(Path.GetTempPath(), "territorio-rehab-native");
        Console.WriteLine($"publishing territorio-rehab (NativeAOT) into {output} …");
        using var publish = Process.Start("dotnet", ["publish", project, "-c", "Release", "-o", output, "-nologo"])!;
        publish.WaitForExit();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish of territorio-rehab failed");
        }

        return Path.Combine(output, "territorio-rehab");
    }

    /// <summary>One measured run: prints "seconds peakMB verdicts".</summary>
    private static int RehabCheckChild(string[] args)
    {
        string engine = args[0];
        string file = args[1];
        var data = ReferenceData.Default();
        var catalogue = data.Icd9Cm;
        var rules = RuleSetFile.Load(RuleSetFile.DefaultPath(data), catalogue);
        string output = Path.Combine(Path.GetTempPath(), $"territorio-rehab-bench-{engine}-verdicts.csv");
        var watch = Stopwatch.StartNew();
        long verdicts;
        if (engine is "territorio" or "territorio-progress")
        {
            using var files = new VerdictFiles(output, null, rules);
            var progress = engine == "territorio-progress" ? new Territorio.CommandLine.WorkProgress() : null;
            using var lines = progress is null ? null : new Territorio.CommandLine.PlainProgressWriter("bench", progress, TextWriter.Null, Territorio.CommandLine.PlainProgressWriter.DefaultInterval);
            var result = new RehabCheck(rules, new SdoCsvReader(catalogue)) { Progress = progress }.Run(file, files);
            lines?.Complete();
            verdicts = result.Admissions.Count;
        }
        else
        {
            var result = new RehabDuckDbCheck(rules).Run(file);
            using (var writer = new StreamWriter(output))
            {
                foreach (var v in result)
                {
                    writer.WriteLine($"{v.RecordId},{v.Verdict},{v.PostAcute},{v.AcuteRecordId},{v.IntervalDays},{v.Article},{v.Level}");
                }
            }

            verdicts = result.Count;
        }

        double seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds:0.000} {PeakMegabytes()} {verdicts}"));
        return 0;
    }

    private static long PeakMegabytes()
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static long Arg(string[] args, string name, long fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? long.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
