using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Rehab.Rules;

namespace Territorio.Rehab.Tests;

public class RuleSetParserTests
{
    [Fact]
    public void ShippedRuleSet_LoadsAndIsProvisional_WithEveryListRationale()
    {
        var rules = TestRules.Default();
        rules.IsProvisional.ShouldBeTrue();
        rules.Label.ShouldContain("PROVVISORIO");
        foreach (var list in new[] { rules.Annex1, rules.Annex2, rules.Annex3 }.Concat(rules.Annex4.Values).Concat(rules.Annex3Exceptions.Select(e => e.Codes)))
        {
            list.Rationale.ShouldNotBeNullOrWhiteSpace(list.Name);
            list.Codes.ShouldNotBeEmpty(list.Name);
        }

        rules.Annex4.Keys.Order().ShouldBe([1, 4, 5, 8]);
        rules.Scales.Mode.ShouldBe(ScaleMode.ReportOnly);
    }

    [Fact]
    public void CodeItems_CoverTheCodesBelowThem_AndRangesOfCategories()
    {
        var rules = TestRules.Default();
        rules.Annex2.Contains(Icd9CmCode.ParseDiagnosis("806.00")).ShouldBeTrue();
        rules.Annex2.Contains(Icd9CmCode.ParseDiagnosis("344.01")).ShouldBeTrue();
        rules.Annex2.Contains(Icd9CmCode.ParseDiagnosis("344.2")).ShouldBeFalse();
        rules.Annex1.Contains(Icd9CmCode.ParseDiagnosis("852.20")).ShouldBeTrue();
        rules.Annex1.Contains(Icd9CmCode.ParseDiagnosis("850.0")).ShouldBeFalse();
        rules.Annex3.Contains(Icd9CmCode.ParseProcedure("96.71")).ShouldBeTrue();
        rules.Annex3.Contains(Icd9CmCode.ParseDiagnosis("438.11")).ShouldBeTrue();
    }

    [Fact]
    public void EveryListOfTheShippedRuleSet_HoldsExactlyTheCatalogueCodesItsItemsCover_EachNamedByItsFirstItem()
    {
        // The codes an item covers, by walking the whole catalogue: what the parser's index must find.
        var catalogue = Territorio.Flows.Reference.ReferenceData.Default().Icd9Cm;
        IEnumerable<Icd9CmCode> Covered(string item)
        {
            var kind = item.StartsWith("proc. ", StringComparison.Ordinal) ? Icd9CmKind.Procedure : Icd9CmKind.Diagnosis;
            string[] ends = item.Replace("proc. ", "", StringComparison.Ordinal).Split('-');
            string from = Bound(ends[0], kind), to = Bound(ends[^1], kind);
            return (kind == Icd9CmKind.Diagnosis ? catalogue.Diagnoses : catalogue.Procedures)
                .Select(e => e.Code)
                .Where(c => c.Value.Length >= from.Length
                    && string.CompareOrdinal(c.Value, 0, from, 0, from.Length) >= 0
                    && string.CompareOrdinal(c.Value, 0, to, 0, to.Length) <= 0);
        }

        static string Bound(string text, Icd9CmKind kind) =>
            Icd9CmCode.TryParse(text, kind, out var code) ? code.Value : throw new InvalidDataException(text);

        var rules = TestRules.Default();
        foreach (var list in new[] { rules.Annex1, rules.Annex2, rules.Annex3 }.Concat(rules.Annex4.Values).Concat(rules.Annex3Exceptions.Select(e => e.Codes)))
        {
            var expected = new Dictionary<Icd9CmCode, string>();
            foreach (string item in list.Items)
            {
                foreach (var code in Covered(item))
                {
                    expected.TryAdd(code, item);
                }
            }

            list.Codes.Count.ShouldBe(expected.Count, list.Name);
            list.Items.Count.ShouldBeGreaterThan(0, list.Name);
            foreach (var (code, item) in expected)
            {
                list.Contains(code).ShouldBeTrue($"{list.Name}: {code.Value}");
                list.EntryOf(code).ShouldBe(item, $"{list.Name}: {code.Value}");
            }
        }
    }

    [Fact]
    public void UnknownCode_IsRefused_NamingFileLineAndCode()
    {
        var ex = Should.Throw<InputDataException>(() => TestRules.Parse(TestRules.DefaultText.Replace("diagnoses = 806 952", "diagnoses = 806 999.99 952")));
        ex.Error!.File.ShouldBe("test.ruleset");
        ex.Error.Value.ShouldBe("999.99");
        ex.Error.Field.ShouldBe("diagnoses");
        ex.Error.Reason.ShouldContain("sconosciuto");
        ex.Error.Line.ShouldBeGreaterThan(1);
    }

    [Theory]
    [InlineData("mode = report-only", "mode = sometimes", "mode")]
    [InlineData("min_age = 18", "min_age = diciotto", "min_age")]
    [InlineData("barthel = 0..40", "barthel = 40..0", "barthel")]
    [InlineData("[transfers]", "[transfer]", "")]
    [InlineData("lookback_months = 12", "lookback_months = 12\nlookback_weeks = 52", "lookback_weeks")]
    [InlineData("diagnoses = 430-438 342", "diagnoses = 438-430 342", "diagnoses")]
    public void MalformedRuleSet_IsRefusedWithTheFaultyKey(string original, string replacement, string field)
    {
        TestRules.DefaultText.ShouldContain(original);
        var ex = Should.Throw<InputDataException>(() => TestRules.Parse(TestRules.DefaultText.Replace(original, replacement)));
        ex.Error!.Field.ShouldBe(field);
    }

    [Fact]
    public void MissingSection_IsRefused()
    {
        string text = TestRules.DefaultText;
        int start = text.IndexOf("[annex5]", StringComparison.Ordinal);
        int end = text.IndexOf("[scales]", StringComparison.Ordinal);
        var ex = Should.Throw<InputDataException>(() => TestRules.Parse(text[..start] + text[end..]));
        ex.Error!.Value.ShouldBe("[annex5]");
    }

    [Fact]
    public void ListWithoutRationale_IsRefused()
    {
        var ex = Should.Throw<InputDataException>(() => TestRules.Parse(TestRules.DefaultText.Replace("rationale = Tetraplegia", "note = Tetraplegia")));
        ex.Error!.Field.ShouldBeOneOf("rationale", "note");
    }
}
