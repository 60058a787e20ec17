using BenchmarkDotNet.Running;
using Territorio.Bench;

// BenchmarkDotNet micro-benchmarks: dotnet run -c Release --project bench/Territorio.Bench -- --filter '*'
// Whole-run benchmarks (engine vs DuckDB on generated data) are subcommands: see bench/README.md.
return WholeRuns.TryRun(args) ?? RunMicro(args);

static int RunMicro(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(WholeRuns).Assembly).Run(args);
    return 0;
}
