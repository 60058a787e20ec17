using Territorio.Flows.Rehab;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Pipeline;

namespace Territorio.Rehab.Pipeline.Tests;

/// <summary>
/// The judge's warm-up of a large file (decision 0113) runs real rows through the decoding,
/// the engine and the sink's formatting while the link runs: nothing of it may reach a user.
/// </summary>
public sealed class RehabCheckWarmUpTests : IDisposable
{
    private const string Header = RehabCheckFile.Header;

    private const string Csv = Header + "\n"
        + "R9,P1,1950-05-01,F,030001,56,1,2025-06-01,2025-06-20,2,8,249,71536,,,,3,45,,,12\n"
        + "A1,P1,1950-05-01,F,030100,32,1,2025-02-10,2025-02-25,8,8,224,71536,4019,,,,,,,\n"
        + "R2,P1,1950-05-01,F,030001,56,1,2025-03-02,2025-03-20,2,8,249,71536,,,,3,45,,,12\n"
        + "R3,P1,1950-05-01,F,030001,56,1,2025-04-01,2025-04-20,2,8,249,71536,,,,3,45,,,12\n"
        + "R4,P2,2010-05-01,M,030001,28,1,2025-04-01,2025-04-20,2,1,009,80610,,,,3,45,,,12\n";

    private readonly RehabCheckFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public void WarmedUpCheck_WritesTheSameVerdicts_AndNothingOfItsSample()
    {
        var cold = new JudgedAdmissions();
        var warm = new JudgedAdmissions();

        var coldResult = _file.CheckText(Csv, cold);
        var warmResult = _file.CheckText(Csv, warm, warmUp: true);

        warm.WarmUpSamples.Count.ShouldBe(4);
        cold.WarmUpSamples.ShouldBeEmpty();
        warm.All.Select(Written).ShouldBe(cold.All.Select(Written));
        warmResult.Admissions.ShouldBe(coldResult.Admissions);
        warm.All.Count.ShouldBe(4);
    }

    [Fact]
    public void VerdictFilesWarmUp_FormatsTheSample_WithoutWritingIt()
    {
        string csv = Path.Combine(Path.GetTempPath(), $"territorio-warmup-{Guid.NewGuid():N}.csv");
        string json = Path.ChangeExtension(csv, ".jsonl");
        var judged = new JudgedAdmissions();
        _file.CheckText(Csv, judged);
        try
        {
            using (var files = new VerdictFiles(csv, json, TestRules.Default()))
            {
                files.WarmUp(judged.All);
            }

            File.ReadAllText(csv).ShouldBe(VerdictFiles.VerdictHeader + "\n");
            File.ReadAllText(json).ShouldBeEmpty();
        }
        finally
        {
            File.Delete(csv);
            File.Delete(json);
        }
    }

    private static (long Line, string RecordId, Verdict Verdict, string Article, string Level, string Reasons) Written(JudgedAdmission a) =>
        (a.Line, a.Verdict.RecordId, a.Verdict.Verdict, a.Verdict.Article, a.Verdict.Level, a.Verdict.Reasons);
}
