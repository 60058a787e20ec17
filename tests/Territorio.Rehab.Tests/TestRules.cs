using Territorio.Flows.Reference;
using Territorio.Flows.Rehab;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Tests;

/// <summary>The shipped provisional rule set, and variants of it for tests.</summary>
public static class TestRules
{
    private static readonly Lazy<string> Text = new(() => File.ReadAllText(RuleSetFile.DefaultPath(ReferenceData.Default())));

    public static RuleSet Default() => Parse(Text.Value);

    public static RuleSet WithRequiredScales() => Parse(Text.Value.Replace("mode = report-only", "mode = required"));

    public static RuleSet Parse(string text) =>
        new RuleSetParser(ReferenceData.Default().Icd9Cm).Parse(new StringReader(text), "test.ruleset");

    public static string DefaultText => Text.Value;
}
