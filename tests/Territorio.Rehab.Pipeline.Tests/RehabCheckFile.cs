using Territorio.Flows.Reference;
using Territorio.Flows.Rehab;
using Territorio.Flows.Sdo;
using Territorio.Rehab.Pipeline;

namespace Territorio.Rehab.Pipeline.Tests;

/// <summary>An SDO file of one test, checked by the file check (<see cref="RehabCheck"/>) and deleted after.</summary>
public sealed class RehabCheckFile : IDisposable
{
    public const string Header =
        "record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs";

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"territorio-check-{Guid.NewGuid():N}.csv");

    /// <summary>Writes the rows under the header and checks the file with the default rule set.</summary>
    public RehabCheckResult Check(params string[] rows) => CheckText(Header + "\n" + string.Join("\n", rows) + "\n");

    /// <summary>As <see cref="Check(string[])"/>, giving the verdicts with their record ids and checks to <paramref name="judged"/>.</summary>
    public RehabCheckResult Check(JudgedAdmissions judged, params string[] rows) => CheckText(Header + "\n" + string.Join("\n", rows) + "\n", judged);

    /// <summary>
    /// Writes the text as it is and checks the file with the default rule set, giving the verdicts
    /// to <paramref name="sink"/> (with the judge's warm-up when <paramref name="warmUp"/>, as for a large file).
    /// </summary>
    public RehabCheckResult CheckText(string csv, JudgedAdmissions? sink = null, bool warmUp = false)
    {
        File.WriteAllText(Path, csv);
        var check = new RehabCheck(TestRules.Default(), new SdoCsvReader(ReferenceData.Default().Icd9Cm)) { WarmUpFromBytes = warmUp ? 0 : long.MaxValue };
        return sink is null ? check.Run(Path) : check.Run(Path, sink);
    }

    public void Dispose() => File.Delete(Path);
}

/// <summary>Keeps every judged admission a check gives its sink, in the order written.</summary>
public sealed class JudgedAdmissions : IVerdictSink<List<JudgedAdmission>>
{
    public List<JudgedAdmission> All { get; } = [];

    public List<JudgedAdmission> Prepare(IReadOnlyList<JudgedAdmission> block) => block.ToList();

    public void Write(List<JudgedAdmission> prepared) => All.AddRange(prepared);

    /// <summary>The samples of the judge's warm-up, kept apart from what was written.</summary>
    public List<JudgedAdmission> WarmUpSamples { get; } = [];

    public void WarmUp(IReadOnlyList<JudgedAdmission> sample)
    {
        lock (WarmUpSamples)
        {
            WarmUpSamples.AddRange(sample);
        }
    }
}
