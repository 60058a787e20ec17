using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Territorio.Cli;
using Territorio.Cli.Features.Demo;
using Territorio.Cli.Features.Stratification;
using Territorio.Flows.Stratification;
using Territorio.Synthetic;

namespace Territorio.Bench;

/// <summary>
/// <c>stratify-update [people] [events] [folder] [rounds]</c> (issue 20): a full <c>territorio stratify</c>
/// over a generated region, then an <c>--update</c> with <c>events</c> new SDO, drug, exemption and
/// outpatient rows, each in its own child process so that each phase's peak memory (VmHWM) is its own.
/// </summary>
public static partial class WholeRuns
{
    private const string PhaseRun = "stratify-update-phase";

    [ModuleInitializer]
    internal static void RegisterStratificationUpdate()
    {
        Runs["stratify-update"] = StratifyUpdate;
        Runs[PhaseRun] = StratifyPhase;
    }

    private static int StratifyUpdate(string[] args)
    {
        int people = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        int events = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        string folder = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"territorio-strat-{people}");
        int rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        if (!File.Exists(Path.Combine(folder, "outpatient.csv")))
        {
            var clock = Stopwatch.StartNew();
            DemoPopulationCommand.Write(CliEnvironment.FromProcess(), folder, people, 2017, DemoPopulation.DefaultAsOf);
            Console.WriteLine($"generated {people:N0} persons into {folder} in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        string updates = Path.Combine(folder, $"update-{events}");
        WriteUpdateFiles(folder, updates, events);
        var full = new List<(double Seconds, long Peak)>();
        var update = new List<(double Seconds, long Peak)>();
        for (int round = 0; round < rounds; round++)
        {
            full.Add(Phase("full", folder, folder));
            update.Add(Phase("update", folder, updates));
            Console.WriteLine($"round {round + 1}: full {full[^1].Seconds:0.00} s, peak {full[^1].Peak / 1e6:N0} MB; update of {events:N0} events {update[^1].Seconds:0.00} s, peak {update[^1].Peak / 1e6:N0} MB");
        }

        double fullSeconds = Median([.. full.Select(f => f.Seconds)]), updateSeconds = Median([.. update.Select(u => u.Seconds)]);
        double fullPeak = Median([.. full.Select(f => (double)f.Peak)]), updatePeak = Median([.. update.Select(u => (double)u.Peak)]);
        Console.WriteLine($"full    median {fullSeconds:0.00} s wall, peak memory (VmHWM) {fullPeak / 1e6:N0} MB");
        Console.WriteLine($"update  median {updateSeconds:0.00} s wall, peak memory (VmHWM) {updatePeak / 1e6:N0} MB ({updatePeak / fullPeak:P0} of the full run's)");
        Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return 0;
    }

    /// <summary>Runs one phase in a child process; its last line is "seconds peak-bytes".</summary>
    private static (double Seconds, long Peak) Phase(string phase, string folder, string inputs)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WholeRuns).Assembly.Location);    // started as "dotnet Territorio.Bench.dll"
        }

        foreach (string arg in (string[])[PhaseRun, phase, folder, inputs])
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"{phase} run failed ({child.ExitCode}): {output}");
        }

        var last = output.TrimEnd().Split('\n')[^1].Split(' ');
        return (double.Parse(last[0], CultureInfo.InvariantCulture), long.Parse(last[1], CultureInfo.InvariantCulture));
    }

    /// <summary>A child's phase: <c>territorio stratify</c> (with <c>--update</c> for "update") as the CLI runs it, state file included.</summary>
    private static int StratifyPhase(string[] args)
    {
        string folder = args[1], inputsFolder = args[2];
        string In(string name) => Path.Combine(inputsFolder, name);
        var inputs = new StratificationInputs(In("persons.csv"), In("sdo.csv"), In("drugs.csv"), In("exemptions.csv"), In("outpatient.csv"));
        var quiet = new CliEnvironment(TextWriter.Null, Console.Error, CliEnvironment.BuildConfiguration(), interactive: false);
        var clock = Stopwatch.StartNew();
        StratifyCommand.Run(quiet, inputs, DemoPopulation.DefaultAsOf, Path.Combine(folder, "levels.update-bench.csv"), null, null,
            update: args[0] == "update" ? new UpdateFiles(Path.Combine(folder, "changes.update-bench.csv")) : null);
        Console.WriteLine(FormattableString.Invariant($"{clock.Elapsed.TotalSeconds} {PeakMemoryBytes()}"));
        return 0;
    }

    /// <summary>
    /// The update's files: no person, and <paramref name="events"/> rows taken from the region's
    /// event files in proportion to their sizes (their first rows: the events of the first persons, read again as new).
    /// </summary>
    private static void WriteUpdateFiles(string folder, string updates, int events)
    {
        Directory.CreateDirectory(updates);
        string[] flows = ["sdo.csv", "drugs.csv", "exemptions.csv", "outpatient.csv"];
        double total = flows.Sum(f => (double)new FileInfo(Path.Combine(folder, f)).Length);
        using (var persons = new StreamReader(Path.Combine(folder, "persons.csv")))
        {
            File.WriteAllText(Path.Combine(updates, "persons.csv"), persons.ReadLine() + "\n");
        }

        foreach (string flow in flows)
        {
            int rows = (int)Math.Round(events * new FileInfo(Path.Combine(folder, flow)).Length / total);
            File.WriteAllLines(Path.Combine(updates, flow), File.ReadLines(Path.Combine(folder, flow)).Take(rows + 1));
        }
    }
}
