using Territorio.Rehab.Engine;

namespace Territorio.Rehab.Pipeline.Tests;

/// <summary>The warm-up exercises the engine's paths, not only one (decision 0113).</summary>
public class EngineWarmUpTests
{
    [Fact]
    public void WarmUpCases_WithTheShippedRuleSet_ReachEveryArticleTheEngineDecidesBy()
    {
        var engine = new RehabEngine(TestRules.Default());

        var verdicts = EngineWarmUp.Cases(engine.Rules).Select(engine.Judge).ToList();

        var articles = verdicts.Select(v => v.Article).ToHashSet();
        articles.ShouldContain("art.1 c.1");
        articles.ShouldContain(a => a.StartsWith("art.3 c.1", StringComparison.Ordinal));
        articles.ShouldContain(a => a.StartsWith("art.3 c.2", StringComparison.Ordinal));
        articles.ShouldContain(a => a.StartsWith("art.3 c.3", StringComparison.Ordinal));
        articles.ShouldContain(a => a.StartsWith("art.4 c.1", StringComparison.Ordinal));
        articles.ShouldContain(a => a.StartsWith("art.4 c.2", StringComparison.Ordinal));
        articles.ShouldContain(a => a.StartsWith("art.4 c.3", StringComparison.Ordinal));
        articles.ShouldContain("art.4 c.4");
        var checks = verdicts.SelectMany(v => v.Checks).Select(c => c.Article).ToHashSet();
        checks.ShouldContain("art.3 c.4");
        checks.ShouldContain("art.3 c.6");
        verdicts.Select(v => v.Verdict).Distinct().ShouldBe([Verdict.Appropriate, Verdict.Inappropriate, Verdict.OutOfScope], ignoreOrder: true, "each verdict a user meets in bulk");
    }

    [Fact]
    public void WarmUp_JudgesWithoutFailing()
    {
        Should.NotThrow(() => EngineWarmUp.Run(new RehabEngine(TestRules.Default())));
    }
}
