using System.Globalization;
using Territorio.Flows.Reference;
using Territorio.Kernel.Codes;
using Territorio.Rehab.Decree;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;
using static Territorio.Rehab.Tests.Cases;

namespace Territorio.Rehab.Tests;

/// <summary>
/// The reasons' formatting helpers, made cheaper for national files (decision 0161), write
/// exactly the text of the forms they replace: the verdict files must not change by a byte.
/// </summary>
public class ReasonFormattingTests
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public static TheoryData<int, int, int> Dates() =>
    [
        (1, 1, 1), (99, 12, 31), (999, 2, 3), (1000, 1, 1), (1950, 1, 1), (2024, 2, 29), (2025, 10, 9), (2026, 12, 7), (9999, 12, 31),
    ];

    [Theory]
    [MemberData(nameof(Dates))]
    public void Date_WritesWhatTheDdMmYyyyPatternWrites(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        Wording.Date(date).ShouldBe(date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Date_OnEveryDayOfALeapYear_WritesWhatTheDdMmYyyyPatternWrites()
    {
        for (var date = new DateOnly(2024, 1, 1); date.Year == 2024; date = date.AddDays(1))
        {
            Wording.Date(date).ShouldBe(date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void CodeLabels_OfEveryCatalogueCode_IsTheCodeAndItsShortenedDescription()
    {
        var catalogue = ReferenceData.Default().Icd9Cm;
        var labels = new CodeLabels(catalogue);

        foreach (var entry in catalogue.Diagnoses.Concat(catalogue.Procedures))
        {
            labels.Of(entry.Code).ShouldBe(entry.Code.Value + " " + CodeLabels.Shorten(entry.Description));
        }
    }

    [Fact]
    public void CodeLabels_NamingACodeTwice_GivesTheSameLabel()
    {
        var labels = new CodeLabels(ReferenceData.Default().Icd9Cm);
        var code = Icd9CmCode.ParseDiagnosis("428.0");

        string first = labels.Of(code);

        first.ShouldBe("428.0 insufficienza cardiaca congestizia non specificata…");
        labels.Of(code).ShouldBeSameAs(first);
    }

    [Fact]
    public void CodeLabels_ACodeOutsideTheCatalogueOrWithoutOne_IsTheCodeAlone()
    {
        var code = Icd9CmCode.ParseDiagnosis("999.99");

        new CodeLabels(ReferenceData.Default().Icd9Cm).Of(code).ShouldBe("999.99");
        CodeLabels.None.Of(Icd9CmCode.ParseDiagnosis("428.0")).ShouldBe("428.0");
    }

    [Fact]
    public void CodeLabels_NamedFromManyThreadsAtOnce_GiveTheCatalogueLabels()
    {
        var catalogue = ReferenceData.Default().Icd9Cm;
        var labels = new CodeLabels(catalogue);
        var entries = catalogue.Diagnoses.Take(2000).ToArray();

        var named = new string[8][];
        Parallel.For(0, named.Length, t => named[t] = entries.Select(e => labels.Of(e.Code)).ToArray());

        foreach (var labelsOfThread in named)
        {
            labelsOfThread.ShouldBe(entries.Select(e => e.Code.Value + " " + CodeLabels.Shorten(e.Description)));
        }
    }

    [Fact]
    public void Shorten_LowersTheCatalogueDescriptionsAsTheItalianCultureDoes()
    {
        var catalogue = ReferenceData.Default().Icd9Cm;

        foreach (var entry in catalogue.Diagnoses.Concat(catalogue.Procedures).Where(e => e.Description.Trim().Length <= CodeLabels.MaxDescriptionLength))
        {
            CodeLabels.Shorten(entry.Description).ShouldBe(entry.Description.Trim().ToLower(Italian));
        }
    }

    [Fact]
    public void List_OfNumbers_IsInAscendingOrderJoinedWithE()
    {
        Wording.List(new HashSet<int> { 75, 28, 56 }).ShouldBe("28, 56 e 75");
        Wording.List(new HashSet<int> { 2, 1 }, Wording.Regime).ShouldBe("ordinario e day hospital");
        Wording.List(new HashSet<int> { 56 }).ShouldBe("56");
        Wording.List(new HashSet<int>()).ShouldBe("");
    }

    [Theory]
    [InlineData(1, "ne serve 1")]
    [InlineData(2, "ne servono 2")]
    [InlineData(3, "ne servono 3")]
    [InlineData(12, "ne servono 12")]
    public void Needed_SaysHowManyInItalian(int n, string expected) => Wording.Needed(n).ShouldBe(expected);

    [Fact]
    public void Codes_OfListsNamedInTurn_AreEachListsOwnText()
    {
        var rules = TestRules.Default();
        var j = new Judgement(new RehabCase(RehabStay()), rules);
        Icd9CmCode[] annex3 = [Icd9CmCode.ParseDiagnosis("428.0"), Icd9CmCode.ParseDiagnosis("401.9")];
        Icd9CmCode[] spinal = [Icd9CmCode.ParseDiagnosis("344.1")];
        Icd9CmCode[] acute = [Icd9CmCode.ParseDiagnosis("820.21")];

        string[] texts = [j.Codes(annex3), j.Codes(spinal), j.Codes(annex3), j.Codes(acute), j.Codes(spinal), j.Codes(annex3)];

        texts.ShouldBe([
            Wording.Codes(annex3, rules.CodeLabels), Wording.Codes(spinal, rules.CodeLabels), Wording.Codes(annex3, rules.CodeLabels),
            Wording.Codes(acute, rules.CodeLabels), Wording.Codes(spinal, rules.CodeLabels), Wording.Codes(annex3, rules.CodeLabels),
        ]);
        texts[0].ShouldBe(rules.CodeLabels.Of(annex3[0]) + "; " + rules.CodeLabels.Of(annex3[1]));
    }
}
