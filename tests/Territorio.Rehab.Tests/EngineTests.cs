using Territorio.Kernel.Hospital;
using Territorio.Rehab.Decree;
using Territorio.Rehab.Engine;
using Territorio.Rehab.Rules;
using static Territorio.Rehab.Tests.Cases;

namespace Territorio.Rehab.Tests;

/// <summary>One test group per article of DM 5 agosto 2021, with the shipped provisional rule set.</summary>
public class EngineTests
{
    private static readonly RehabEngine Engine = new(TestRules.Default());
    private static readonly RehabEngine Strict = new(TestRules.WithRequiredScales());

    private static RehabVerdict Judge(SdoRecord rehab, AcuteDischarge? acute = null, RehabEngine? engine = null, SdoRecord? earlier = null, SdoRecord? source = null) =>
        (engine ?? Engine).Judge(new RehabCase(rehab, acute, earlier, source));

    private static void ShouldBe(RehabVerdict v, Verdict verdict, string article, string level = "")
    {
        (v.Verdict, v.Article, v.Level).ShouldBe((verdict, article, level), v.Reasons);
    }

    // art.1 c.1 — scope
    [Theory]
    [InlineData(17, Verdict.OutOfScope)]
    [InlineData(18, Verdict.Appropriate)]
    public void Art1_AgeAtAdmission_17IsOutOf_18IsIn(int age, Verdict expected)
    {
        var birth = Admission.AddYears(-age);
        var v = Judge(RehabStay(birth: birth, secondary: ["428.0", "401.9"], procedures: ["96.71"]));
        v.Verdict.ShouldBe(expected, v.Reasons);
    }

    [Fact]
    public void Art1_EighteenthBirthdayTheDayAfterAdmission_IsOutOfScope()
    {
        var v = Judge(RehabStay(birth: Admission.AddYears(-18).AddDays(1)));
        ShouldBe(v, Verdict.OutOfScope, "art.1 c.1");
        v.Reasons.ShouldContain("età all'ammissione 17 anni");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5")]
    [InlineData("6")]
    public void Art1_ExcludedDischargeModes_AreOutOfScope(string mode) =>
        ShouldBe(Judge(RehabStay(dischargeMode: mode)), Verdict.OutOfScope, "art.1 c.1");

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void Art1_OtherMdc_IsOutOfScope(int mdc) =>
        ShouldBe(Judge(RehabStay(mdc: mdc)), Verdict.OutOfScope, "art.1 c.1");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Art1_OrdinaryAndDayHospital_AreBothInScope(int regime) =>
        Judge(RehabStay(regime: regime)).Verdict.ShouldNotBe(Verdict.OutOfScope);

    [Fact]
    public void Art1_Regime3_IsOutOfScope() =>
        ShouldBe(Judge(RehabStay(regime: 3)), Verdict.OutOfScope, "art.1 c.1");

    // art.2 c.2 — the look-back boundary
    [Fact]
    public void Art2_AcuteDischargedExactly12MonthsBefore_IsPostAcute()
    {
        var rules = TestRules.Default().Linkage;
        Linkage.IsWithinLookback(Admission.AddMonths(-12), Admission, rules).ShouldBeTrue();
        Linkage.IsWithinLookback(Admission.AddMonths(-12).AddDays(-1), Admission, rules).ShouldBeFalse();
        Linkage.IsWithinLookback(Admission, Admission, rules).ShouldBeTrue();
        Linkage.IsWithinLookback(Admission.AddDays(1), Admission, rules).ShouldBeFalse();
    }

    [Fact]
    public void Art2_LatestAcuteInWindow_IsChosen_TiesGoToTheLaterRow()
    {
        var rules = TestRules.Default().Linkage;
        AcuteRef[] acutes =
        [
            new(Admission.AddDays(-40), 1), new(Admission.AddDays(-10), 2), new(Admission.AddDays(-10), 3),
            new(Admission.AddDays(2), 4), new(Admission.AddMonths(-13), 5),
        ];
        Linkage.LatestAcute(acutes, Admission, rules).ShouldBe(2);
        Linkage.LatestAcute(acutes.AsSpan(3), Admission, rules).ShouldBe(-1);
    }

    // art.3 c.1 — post-acute, discipline 56
    [Fact]
    public void Art3c1b_ThreeAnnex3Codes_Gives56a() =>
        ShouldBe(Judge(RehabStay(secondary: ["428.0", "401.9"], procedures: ["96.71"]), Acute(10)), Verdict.Appropriate, "art.3 c.1 lett.b", "56a");

    [Fact]
    public void Art3c1c_TwoAnnex3Codes_Gives56b() =>
        ShouldBe(Judge(RehabStay(secondary: ["428.0", "401.9"]), Acute(10)), Verdict.Appropriate, "art.3 c.1 lett.c", "56b");

    [Fact]
    public void Art3c1a_AcuteDiagnosisInAnnex4_Gives56c() =>
        ShouldBe(Judge(RehabStay(principal: "401.9"), Acute(10, "434.91")), Verdict.Appropriate, "art.3 c.1 lett.a", "56c");

    [Fact]
    public void Art3c1a_SecondaryAcuteDiagnosisCorrelates_Gives56c() =>
        ShouldBe(Judge(RehabStay(principal: "401.9"), Acute(10, "401.9", "436")), Verdict.Appropriate, "art.3 c.1 lett.a", "56c");

    [Fact]
    public void Art3c1_NoComplexityNoCorrelation_IsInappropriate() =>
        ShouldBe(Judge(RehabStay(principal: "401.9"), Acute(10, "486")), Verdict.Inappropriate, "art.3 c.1");

    [Fact]
    public void Art3c1b_Annex3Exception_TwoCodesWithVentilator_Gives56a() =>
        ShouldBe(Judge(RehabStay(principal: "401.9", secondary: ["V46.11", "428.0"]), Acute(10)), Verdict.Appropriate, "art.3 c.1 lett.b", "56a");

    [Theory]
    [InlineData(60, "art.3 c.1 lett.c", "56b")]
    [InlineData(61, "art.4 c.1 lett.d", "56c")]
    public void Art3c1_Annex5Limit_IsInclusive_OneDayMoreGoesToArt4ByC6(int days, string article, string level)
    {
        // MDC 1 limit is 60 days in the provisional Annex 5; principal 438.11 is in Annex 3.
        var v = Judge(RehabStay(secondary: ["428.0", "401.9"]), Acute(days));
        ShouldBe(v, Verdict.Appropriate, article, level);
        if (days > 60)
        {
            v.Checks.ShouldContain(c => c.Article == "art.3 c.6");
        }
    }

    [Fact]
    public void Art3c1_Mdc8Limit_Is30Days()
    {
        ShouldBe(Judge(RehabStay(mdc: 8, principal: "401.9"), Acute(30, "820.8")), Verdict.Appropriate, "art.3 c.1 lett.a", "56c");
        Judge(RehabStay(mdc: 8, principal: "401.9"), Acute(31, "820.8")).Article.ShouldStartWith("art.4");
    }

    // art.3 c.2 — post-acute, discipline 75
    [Fact]
    public void Art3c2_GcaInAcuteAndMdc1_IsAppropriate75() =>
        ShouldBe(Judge(RehabStay(discipline: 75, principal: "907.0"), Acute(5, "852.20")), Verdict.Appropriate, "art.3 c.2", "75");

    [Fact]
    public void Art3c2_NoGcaInAcute_IsInappropriate() =>
        ShouldBe(Judge(RehabStay(discipline: 75, principal: "907.0"), Acute(5, "434.91")), Verdict.Inappropriate, "art.3 c.2");

    [Fact]
    public void Art3c2_GcaButMdc8_IsInappropriate() =>
        ShouldBe(Judge(RehabStay(discipline: 75, mdc: 8, principal: "907.0"), Acute(5, "852.20")), Verdict.Inappropriate, "art.3 c.2");

    // art.3 c.3 — post-acute, discipline 28
    [Fact]
    public void Art3c3_MielolesioneInAcuteWithinInterval_IsAppropriate28() =>
        ShouldBe(Judge(RehabStay(discipline: 28, principal: "344.00"), Acute(20, "806.00")), Verdict.Appropriate, "art.3 c.3", "28");

    [Fact]
    public void Art3c3_NoMielolesioneInAcute_IsInappropriate() =>
        ShouldBe(Judge(RehabStay(discipline: 28, principal: "344.00"), Acute(20, "820.8")), Verdict.Inappropriate, "art.3 c.3");

    [Fact]
    public void Art3c6_Discipline28BeyondAnnex5_IsJudgedByArt4c3() =>
        ShouldBe(Judge(RehabStay(discipline: 28, principal: "344.00", secondary: ["428.0"]), Acute(61, "806.00")), Verdict.Appropriate, "art.4 c.3", "28");

    // art.3 c.4 — worsening re-admission
    [Fact]
    public void Art3c4_EarlierRehabInContinuity_SendsToArt4()
    {
        var earlier = RehabStay(id: "R0", admission: Admission.AddDays(-100), stay: 30);
        var v = Judge(RehabStay(principal: "401.9"), Acute(110, "434.91"), earlier: earlier);
        ShouldBe(v, Verdict.Inappropriate, "art.4 c.1");
        v.Checks.ShouldContain(c => c.Article == "art.3 c.4");
    }

    [Fact]
    public void Art3c4_EarlierRehabFoundOnlyWhenItStartedWithinContinuityDays()
    {
        var rules = TestRules.Default().Linkage;
        var current = RehabStay();
        var acuteDischarge = Admission.AddDays(-100);
        var inContinuity = RehabStay(id: "R0", admission: acuteDischarge.AddDays(30), stay: 20);
        var late = RehabStay(id: "R0", admission: acuteDischarge.AddDays(31), stay: 20);
        Linkage.EarlierRehabInContinuity([inContinuity, current], current, acuteDischarge, rules).ShouldBe(inContinuity);
        Linkage.EarlierRehabInContinuity([late, current], current, acuteDischarge, rules).ShouldBeNull();
    }

    // art.4 c.1 — not post-acute, discipline 56
    [Fact]
    public void Art4c1a_PrincipalAndThreeAnnex3_Gives56a() =>
        ShouldBe(Judge(RehabStay(secondary: ["428.0", "427.31", "585.6"])), Verdict.Appropriate, "art.4 c.1 lett.a", "56a");

    [Fact]
    public void Art4c1b_TwoMielolesioneCodes_Gives56a() =>
        ShouldBe(Judge(RehabStay(principal: "401.9", secondary: ["344.00", "806.00"])), Verdict.Appropriate, "art.4 c.1 lett.b", "56a");

    [Fact]
    public void Art4c1c_PrincipalAndTwoAnnex3_Gives56b() =>
        ShouldBe(Judge(RehabStay(secondary: ["428.0", "427.31"])), Verdict.Appropriate, "art.4 c.1 lett.c", "56b");

    [Fact]
    public void Art4c1d_PrincipalAndOneAnnex3_Gives56c() =>
        ShouldBe(Judge(RehabStay(secondary: ["428.0"])), Verdict.Appropriate, "art.4 c.1 lett.d", "56c");

    [Fact]
    public void Art4c1_PrincipalAloneInAnnex3_IsInappropriate() =>
        ShouldBe(Judge(RehabStay(secondary: ["401.9"])), Verdict.Inappropriate, "art.4 c.1");

    [Fact]
    public void Art4c1_PrincipalNotInAnnex3_IsInappropriateWhateverTheOthers() =>
        ShouldBe(Judge(RehabStay(principal: "401.9", secondary: ["428.0", "427.31", "585.6"])), Verdict.Inappropriate, "art.4 c.1");

    // art.4 c.2 — discipline 75
    [Fact]
    public void Art4c2_GcaInRehabSdoMdc1_IsAppropriate75() =>
        ShouldBe(Judge(RehabStay(discipline: 75, principal: "907.0", secondary: ["348.1"])), Verdict.Appropriate, "art.4 c.2", "75");

    [Fact]
    public void Art4c2_NoGcaCode_IsInappropriate() =>
        ShouldBe(Judge(RehabStay(discipline: 75, principal: "907.0")), Verdict.Inappropriate, "art.4 c.2");

    // art.4 c.3 — discipline 28
    [Fact]
    public void Art4c3_MielolesioneAndAnnex3_IsAppropriate28() =>
        ShouldBe(Judge(RehabStay(discipline: 28, principal: "806.00", secondary: ["599.0", "428.0"])), Verdict.Appropriate, "art.4 c.3", "28");

    [Fact]
    public void Art4c3_MielolesioneWithoutAnotherAnnex3Code_IsInappropriate() =>
        ShouldBe(Judge(RehabStay(discipline: 28, principal: "806.00", secondary: ["599.0"])), Verdict.Inappropriate, "art.4 c.3");

    // art.4 c.4 — transfers
    [Theory]
    [InlineData(28)]
    [InlineData(75)]
    public void Art4c4_TransferBetweenUnitsOfTheSameDiscipline_IsAppropriate(int discipline) =>
        ShouldBe(Judge(RehabStay(discipline: discipline, principal: "401.9", transferFrom: discipline)), Verdict.Appropriate, "art.4 c.4", discipline.ToString());

    [Theory]
    [InlineData(20, Verdict.Appropriate)]
    [InlineData(21, Verdict.Inappropriate)]
    public void Art4c4_Transfer56_TotalStayUpToTheThreshold(int secondStay, Verdict expected)
    {
        // MDC 8 threshold 45 days: 25 + 20 = 45 is within, 25 + 21 is not.
        var source = RehabStay(id: "R0", mdc: 8, admission: Admission.AddDays(-25), stay: 25);
        var current = RehabStay(mdc: 8, principal: "401.9", transferFrom: 56, stay: secondStay);
        Transfers.Source([source, current], current).ShouldBe(source);
        ShouldBe(Judge(current, source: source), expected, "art.4 c.4");
    }

    [Fact]
    public void Art4c4_TransferFromAnotherDiscipline_IsNotATransferRule() =>
        Judge(RehabStay(discipline: 75, principal: "907.0", transferFrom: 56)).Article.ShouldBe("art.4 c.2");

    // art.2 c.8-10, art.6 — scales
    [Fact]
    public void Scales_ReportOnly_NeverChangeTheVerdict()
    {
        var v = Judge(RehabStay(secondary: ["428.0"], scales: SdoScales.None));
        ShouldBe(v, Verdict.Appropriate, "art.4 c.1 lett.d", "56c");
        v.Checks.ShouldContain(c => c.Rule == "scales" && c.Outcome == CheckOutcome.Info && c.Detail.Contains("solo rilevazione"));
    }

    [Fact]
    public void Scales_Required_MissingScaleGivesNotAssessable() =>
        ShouldBe(Judge(RehabStay(secondary: ["428.0"], scales: SdoScales.None), engine: Strict), Verdict.NotAssessable, "art.4 c.1 lett.d", "56c");

    [Fact]
    public void Scales_Required_OutOfRangeFallsToTheNextLevel()
    {
        // Barthel 60 is above the 56a (0..40) range but within 56b (0..70).
        var v = Judge(RehabStay(secondary: ["428.0", "401.9"], procedures: ["96.71"], scales: new SdoScales(2, 60, null, null, 15)), Acute(10), Strict);
        ShouldBe(v, Verdict.Appropriate, "art.3 c.1 lett.c", "56b");
    }

    [Fact]
    public void Scales_Required_BarthelDyspnoeaOnlyForMdc4()
    {
        var noDyspnoea = new SdoScales(2, 30, null, null, 15);
        Judge(RehabStay(mdc: 1, secondary: ["428.0"], scales: noDyspnoea), engine: Strict).Verdict.ShouldBe(Verdict.Appropriate);
        // MDC 4: 56b needs the dyspnoea index (missing), 56c does not: the admission is 56c.
        var v = Judge(RehabStay(mdc: 4, principal: "491.21", secondary: ["428.0", "401.9", "585.6"], scales: noDyspnoea), engine: Strict);
        ShouldBe(v, Verdict.Appropriate, "art.4 c.1 lett.d", "56c");
        v.Checks.ShouldContain(c => c.Rule == "scales" && c.Outcome == CheckOutcome.Missing && c.Detail.Contains("Barthel dispnea mancante"));
    }

    [Fact]
    public void Verdict_ReasonsNameCodesAnnexDatesAndThresholds()
    {
        var v = Judge(RehabStay(secondary: ["428.0", "401.9"], procedures: ["96.71"]), Acute(10));
        v.Reasons.ShouldContain("Allegato 3");
        v.Reasons.ShouldContain("428.0");
        v.Reasons.ShouldContain("dimesso il 05/06/2025");
        v.Reasons.ShouldContain("intervallo di 10 giorni, entro il limite di 60 giorni dell'Allegato 5");
        v.AcuteRecordId.ShouldBe("A1");
        v.IntervalDays.ShouldBe(10);
        v.PostAcute.ShouldBeTrue();
    }

    // Territorio's own data check beside art.1 (issue 19): an MDC the principal diagnosis contradicts
    [Fact]
    public void MdcContradictedByThePrincipalDiagnosis_WarnsOnTheVerdict_ScopeUsesTheGivenMdc()
    {
        var femurFractureAsMdc1 = RehabStay(mdc: 1, principal: "820.21") with { PrincipalDiagnosisMdc = 8 };

        var v = Judge(femurFractureAsMdc1);

        var warning = v.Checks.Where(c => c.Outcome == CheckOutcome.Warning).ShouldHaveSingleItem();
        warning.Rule.ShouldBe("mdc_consistency");
        warning.Detail.ShouldContain("MDC 1");
        warning.Detail.ShouldContain("MDC 8");
        v.Checks.Single(c => c.Rule == "scope").Inputs.Single(i => i.Key == "mdc").Value.ShouldBe("1");
    }

    [Fact]
    public void MdcAgreeingWithThePrincipalDiagnosis_NoWarning()
    {
        var v = Judge(RehabStay(mdc: 1, principal: "438.11") with { PrincipalDiagnosisMdc = 1 });

        v.Checks.ShouldNotContain(c => c.Outcome == CheckOutcome.Warning);
    }
}
