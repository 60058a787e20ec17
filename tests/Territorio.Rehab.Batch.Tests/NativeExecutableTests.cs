using System.Diagnostics;
using Territorio.Flows.Reference;
using Territorio.Synthetic;

namespace Territorio.Rehab.Batch.Tests;

/// <summary>
/// The native <c>territorio-rehab</c> as users get it: published ahead of time (NativeAOT,
/// trimmed), then run on a generated SDO flow. Whatever trimming or ahead-of-time compilation
/// changed would show as a different byte in one of its outputs (decision 0114).
/// </summary>
public sealed class NativeExecutableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-rehab-native-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task PublishedAheadOfTime_ItWritesWhatTheInProcessCheckWrites()
    {
        string sdo = Path.Combine(_dir, "sdo.csv");
        using (var writer = new StreamWriter(sdo))
        {
            SdoGenerator.Write(writer, acute: 20_000, rehab: 2_000, seed: 5);
        }

        // A malformed row and a duplicate: the errors file and exit code 1 are compared too.
        File.AppendAllText(sdo, "R-bad,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-06-01,2,1,012,43811,,,,,,,,\n"
            + File.ReadLines(sdo).Skip(1).First() + "\n");

        string native = Publish();
        var expected = await InProcessAsync(sdo, Path.Combine(_dir, "in-process"));
        var actual = Native(native, sdo, Path.Combine(_dir, "native"));

        actual.ExitCode.ShouldBe(expected.ExitCode);
        expected.ExitCode.ShouldBe(1);
        foreach (string file in new[] { "v.csv", "e.csv", "v.jsonl", "r.csv", "r.html" })
        {
            File.ReadAllBytes(Path.Combine(_dir, "native", file)).ShouldBe(File.ReadAllBytes(Path.Combine(_dir, "in-process", file)), file);
        }

        actual.Output.Replace("/native/", "/in-process/", StringComparison.Ordinal).ShouldBe(expected.Output);
    }

    private static string[] Arguments(string sdo, string outputs) =>
    [
        "check", "--sdo", sdo,
        "--out", Path.Combine(outputs, "v.csv"), "--errors", Path.Combine(outputs, "e.csv"),
        "--json", Path.Combine(outputs, "v.jsonl"), "--report", Path.Combine(outputs, "r.html"),
    ];

    private static async Task<(int ExitCode, string Output)> InProcessAsync(string sdo, string outputs)
    {
        Directory.CreateDirectory(outputs);
        var output = new StringWriter();
        int exit = await BatchApp.RunAsync(Arguments(sdo, outputs), ReferenceData.Default(), output, new StringWriter());
        return (exit, output.ToString());
    }

    private static (int ExitCode, string Output) Native(string executable, string sdo, string outputs)
    {
        Directory.CreateDirectory(outputs);
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in Arguments(sdo, outputs))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        error.Result.ShouldNotContain("Unhandled");
        return (process.ExitCode, output);
    }

    /// <summary>
    /// The executable scripts/test.sh published (TERRITORIO_REHAB_NATIVE), else dotnet publish of
    /// src/Territorio.Rehab.Batch into this test's folder; the executable's path.
    /// </summary>
    private string Publish()
    {
        if (Environment.GetEnvironmentVariable("TERRITORIO_REHAB_NATIVE") is { Length: > 0 } published)
        {
            File.Exists(published).ShouldBeTrue(published);
            return published;
        }

        string project = Path.Combine(RepositoryRoot(), "src", "Territorio.Rehab.Batch", "Territorio.Rehab.Batch.csproj");
        string output = Path.Combine(_dir, "publish");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "publish", project, "-c", "Release", "-o", output, "-nologo", "-p:NuGetAudit=false" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, log + error.Result);
        return Path.Combine(output, "territorio-rehab");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Territorio.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Territorio.slnx non trovato sopra " + AppContext.BaseDirectory);
    }
}
