using Territorio.Kernel.Codes;

namespace Territorio.Bench;

/// <summary>
/// Whole-run benchmarks, selected by their first argument; each registers itself in
/// <see cref="Runs"/> and prints medians or ratios.
/// </summary>
public static partial class WholeRuns
{
    private static readonly Dictionary<string, Func<string[], int>> Runs = new(StringComparer.Ordinal);

    public static int? TryRun(string[] args) =>
        args.Length > 0 && Runs.TryGetValue(args[0], out var run) ? run(args[1..]) : null;
}

[BenchmarkDotNet.Attributes.MemoryDiagnoser]
public class Icd9CmParsing
{
    private readonly string[] _codes = ["4280", "V451", "E8809", "43491", "80600"];

    [BenchmarkDotNet.Attributes.Benchmark]
    public int ParseDiagnoses()
    {
        int n = 0;
        foreach (string code in _codes)
        {
            n += Icd9CmCode.ParseDiagnosis(code).Value.Length;
        }

        return n;
    }
}
