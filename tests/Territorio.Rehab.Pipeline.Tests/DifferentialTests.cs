using Territorio.Flows.Reference;
using Territorio.Flows.Rehab;
using Territorio.Flows.Sdo;
using Territorio.Rehab.DuckDb;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Pipeline;
using Territorio.Rehab.Rules;
using Territorio.Synthetic;

namespace Territorio.Rehab.Pipeline.Tests;

/// <summary>The engine and the SQL version of the decree agree on every record of generated data.</summary>
public class DifferentialTests
{
    [Theory]
    [InlineData(ScaleMode.ReportOnly)]
    [InlineData(ScaleMode.Required)]
    public void EngineAndSql_GiveTheSameVerdictArticleAndLevel_ForEveryRecord(ScaleMode mode)
    {
        var data = ReferenceData.Default();
        var rules = TestRules.Default() is var r && mode == ScaleMode.Required ? TestRules.WithRequiredScales() : r;
        string path = Path.Combine(Path.GetTempPath(), $"territorio-diff-{Guid.NewGuid():N}.csv");
        try
        {
            using (var writer = new StreamWriter(path))
            {
                SdoGenerator.Write(writer, acute: 6_000, rehab: 3_000, seed: 11);
            }

            var judged = new JudgedAdmissions();
            var ours = new RehabCheck(rules, new SdoCsvReader(data.Icd9Cm)).Run(path, judged);
            var sql = new RehabDuckDbCheck(rules).Run(path);

            ours.Errors.ShouldBeEmpty();
            sql.Count.ShouldBe(ours.Admissions.Count);
            var expected = sql.ToDictionary(v => v.RecordId);
            judged.All.Count.ShouldBe(ours.Admissions.Count);
            var differences = judged.All
                .Select(a => (Ours: a.Verdict, Sql: expected[a.Verdict.RecordId]))
                .Where(p => RehabVerdict.Code(p.Ours.Verdict) != p.Sql.Verdict || p.Ours.Article != p.Sql.Article || p.Ours.Level != p.Sql.Level
                    || p.Ours.PostAcute != p.Sql.PostAcute || p.Ours.AcuteRecordId != p.Sql.AcuteRecordId || p.Ours.IntervalDays != p.Sql.IntervalDays)
                .Select(p => $"{p.Ours.RecordId}: ours {RehabVerdict.Code(p.Ours.Verdict)} {p.Ours.Article} {p.Ours.Level} {p.Ours.AcuteRecordId}, sql {p.Sql.Verdict} {p.Sql.Article} {p.Sql.Level} {p.Sql.AcuteRecordId}")
                .ToList();
            differences.ShouldBeEmpty(string.Join("\n", differences.Take(10)));
            ours.Admissions.Select(a => a.Article).Distinct().Count().ShouldBeGreaterThan(12, "the generated data must exercise most articles");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
