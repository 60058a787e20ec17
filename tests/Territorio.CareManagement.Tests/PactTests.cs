using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class PactTests
{
    [Fact]
    public void Pact_Signed_LastsOneYearFromStart()
    {
        var pact = Pact(start: new DateOnly(2026, 3, 1));

        pact.ShouldSatisfyAllConditions(
            p => p.StartDate.ShouldBe(new DateOnly(2026, 3, 1)),
            p => p.EndDate.ShouldBe(new DateOnly(2027, 2, 28)),
            p => p.Status.ShouldBe(PactStatus.Active),
            p => p.MmgId.ShouldBe(Mmg));
    }

    [Fact]
    public void Pact_WithGestoreNotEligibleAtPatientsLevel_IsRefusedInUserTerms()
    {
        var gestore = EligibleGestore(levels: 3);

        Should.Throw<CareRuleException>(() => PactRules.Sign(Signing(level: 2), gestore, [], By(CaseManager())))
            .Message.ShouldBe("il Gestore G1 non è idoneo per l'ATS 321 al livello 2");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Pact_ForLevelFourOrFive_IsRefused(int level)
    {
        Should.Throw<CareRuleException>(() => PactRules.Sign(Signing(level), EligibleGestore(), [], By(CaseManager())))
            .Message.ShouldContain($"livello {level}");
    }

    [Fact]
    public void Pact_SecondWhileOneIsActive_IsRefused()
    {
        var gestore = EligibleGestore();
        var first = Pact(gestore);

        Should.Throw<CareRuleException>(() => PactRules.Sign(Signing(), gestore, [first], By(CaseManager())))
            .Message.ShouldContain("ha già un patto di cura attivo");
    }

    [Fact]
    public void Pact_AfterThePreviousExpired_ExpiresTheOldOneAndSigns()
    {
        var gestore = EligibleGestore();
        var old = Pact(gestore, start: Today.AddYears(-1).AddDays(-10));

        var signed = PactRules.Sign(Signing(), gestore, [old], By(CaseManager()));

        old.Status.ShouldBe(PactStatus.Expired);
        signed.Pact.Status.ShouldBe(PactStatus.Active);
    }

    [Fact]
    public void Pact_SignedByStaffOfAnotherGestore_IsRefused()
    {
        Should.Throw<CareRuleException>(() => PactRules.Sign(Signing(), EligibleGestore(), [], By(CaseManager("G2"))));
    }

    [Fact]
    public void Pact_DeceasedPatient_IsRefused()
    {
        Should.Throw<CareRuleException>(() => PactRules.Sign(Signing() with { Alive = false }, EligibleGestore(), [], By(CaseManager())));
    }

    [Fact]
    public void Pact_LevelThreeWithNonCooperative_IsSignedWithANote()
    {
        var signed = PactRules.Sign(Signing(level: 3), EligibleGestore(kind: GestoreKind.Asst), [], By(CaseManager()));

        signed.Notes.ShouldHaveSingleItem().ShouldContain("cooperativa di MMG");
    }

    [Fact]
    public void Pact_LevelThreeWithCooperative_HasNoNote()
    {
        var signed = PactRules.Sign(Signing(level: 3), EligibleGestore(kind: GestoreKind.CooperativaMmg), [], By(CaseManager()));

        signed.Notes.ShouldBeEmpty();
    }

    [Fact]
    public void Renew_InTheLastSixtyDays_ExtendsByOneYear()
    {
        var pact = Pact(start: new DateOnly(2025, 4, 1));

        pact.Renew(OnPaper, By(CaseManager(), on: new DateOnly(2026, 3, 15)));

        pact.EndDate.ShouldBe(new DateOnly(2027, 3, 31));
        pact.Renewals.ShouldBe(1);
    }

    [Fact]
    public void Renew_TooEarly_IsRefused()
    {
        var pact = Pact();
        Should.Throw<CareRuleException>(() => pact.Renew(OnPaper, By(CaseManager(), on: Today.AddMonths(2)))).Message.ShouldContain("ultimi 60 giorni");
    }

    [Fact]
    public void Renew_AfterExpiry_IsRefused()
    {
        var pact = Pact(start: Today.AddYears(-1).AddDays(-5));
        Should.Throw<CareRuleException>(() => pact.Renew(OnPaper, By(CaseManager()))).Message.ShouldContain("scaduto");
    }

    [Fact]
    public void Cancel_NeedsAReason_EndsThePactThatDay()
    {
        var pact = Pact(start: Today.AddMonths(-2));

        Should.Throw<CareRuleException>(() => pact.Cancel(By(CaseManager())));
        pact.Cancel(By(CaseManager(), "trasferito in altra regione"));

        pact.ShouldSatisfyAllConditions(
            p => p.Status.ShouldBe(PactStatus.Cancelled),
            p => p.EndDate.ShouldBe(Today),
            p => p.CloseReason.ShouldBe("trasferito in altra regione"));
        Should.Throw<CareRuleException>(() => pact.Renew(OnPaper, By(CaseManager())));
    }

    [Fact]
    public void Cancel_AfterTheStart_KeepsTheDaysThePactRan_InForce()
    {
        var pact = Pact(start: Today.AddMonths(-2));

        pact.Cancel(By(CaseManager(), "trasferito in altra regione"));

        pact.ShouldSatisfyAllConditions(
            p => p.WasEverInForce.ShouldBeTrue(),
            p => p.IsInForceOn(Today.AddMonths(-2)).ShouldBeTrue(),
            p => p.IsInForceOn(Today).ShouldBeTrue(),
            p => p.IsInForceOn(Today.AddDays(1)).ShouldBeFalse(),
            p => p.IsActiveOn(Today).ShouldBeFalse());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Cancel_OnOrBeforeTheStart_MeansThePactWasNeverInForce(int daysBeforeStart)
    {
        var pact = Pact(start: Today.AddDays(daysBeforeStart));

        pact.Cancel(By(CaseManager(), "il paziente ha cambiato idea"));

        pact.ShouldSatisfyAllConditions(
            p => p.WasEverInForce.ShouldBeFalse(),
            p => p.IsInForceOn(p.StartDate).ShouldBeFalse(),
            p => p.EndDate.ShouldBe(p.StartDate.AddDays(-1)));
    }

    [Fact]
    public void CancelAtDeath_EndsThePactOnTheDayOfDeath_EvenIfRecordedLater()
    {
        var pact = Pact(start: Today.AddMonths(-3));
        var died = Today.AddDays(-12);

        pact.CancelAtDeath(died, By(AtsOperator, "decesso dell'assistito"));

        pact.ShouldSatisfyAllConditions(
            p => p.Status.ShouldBe(PactStatus.Cancelled),
            p => p.EndDate.ShouldBe(died),
            p => p.IsInForceOn(died).ShouldBeTrue(),
            p => p.IsInForceOn(died.AddDays(1)).ShouldBeFalse());
    }

    [Fact]
    public void CancelAtDeath_BeforeTheStart_MeansThePactWasNeverInForce()
    {
        var pact = Pact(start: Today.AddDays(5));

        pact.CancelAtDeath(Today.AddDays(-1), By(AtsOperator, "decesso dell'assistito"));

        pact.WasEverInForce.ShouldBeFalse();
    }

    [Fact]
    public void CancelAtDeath_InTheFuture_IsRefused()
    {
        var pact = Pact(start: Today.AddMonths(-3));

        Should.Throw<CareRuleException>(() => pact.CancelAtDeath(Today.AddDays(1), By(AtsOperator, "decesso dell'assistito"))).Message.ShouldContain("nel futuro");
        pact.Status.ShouldBe(PactStatus.Active);
    }

    [Fact]
    public void ChangeOfGestore_Approved_ClosesOldPactTheDayBeforeTheNewOne()
    {
        var g1 = EligibleGestore("G1");
        var g2 = EligibleGestore("G2", GestoreKind.CooperativaMmg);
        var pact = Pact(g1, start: Today.AddMonths(-3));
        var effective = Today.AddDays(10);
        var request = ChangeOfGestoreRequest.Submit(pact, g2, effective, 2, By(new Actor(ActorRole.Patient, "P1"), "preferisce la cooperativa del proprio MMG"));

        request.Approve(By(Commission, "motivazione fondata"));
        var signed = request.SignNewPact(pact, g2, Signing(), By(CaseManager("G2"), on: effective));

        pact.ShouldSatisfyAllConditions(
            p => p.Status.ShouldBe(PactStatus.Closed),
            p => p.EndDate.ShouldBe(effective.AddDays(-1)));
        signed.Pact.ShouldSatisfyAllConditions(
            p => p.GestoreId.ShouldBe("G2"),
            p => p.StartDate.ShouldBe(effective),
            p => p.Status.ShouldBe(PactStatus.Active));
        request.Status.ShouldBe(RequestStatus.Approved);
    }

    [Fact]
    public void ChangeOfGestore_Approved_LeavesTheOldPactActiveUntilThePatientSigns()
    {
        var g2 = EligibleGestore("G2");
        var pact = Pact(EligibleGestore("G1"), start: Today.AddMonths(-3));
        var endBefore = pact.EndDate;
        var request = ChangeOfGestoreRequest.Submit(pact, g2, Today.AddDays(20), 2, By(CaseManager(), "trasloco"));

        request.Approve(By(Commission, "motivazione fondata"));

        pact.ShouldSatisfyAllConditions(p => p.Status.ShouldBe(PactStatus.Active), p => p.EndDate.ShouldBe(endBefore));
        request.AwaitsSignature.ShouldBeTrue();
    }

    [Fact]
    public void ChangeOfGestore_NewPactSignedBeforeItsDate_IsRefused()
    {
        var g2 = EligibleGestore("G2");
        var pact = Pact(EligibleGestore("G1"), start: Today.AddMonths(-3));
        var request = ChangeOfGestoreRequest.Submit(pact, g2, Today.AddDays(20), 2, By(CaseManager(), "trasloco"));
        request.Approve(By(Commission, "motivazione fondata"));

        Should.Throw<CareRuleException>(() => request.SignNewPact(pact, g2, Signing(), By(CaseManager("G2"), on: Today.AddDays(19))))
            .Message.ShouldContain("decorre dal");
        pact.Status.ShouldBe(PactStatus.Active);
    }

    [Fact]
    public void ChangeOfGestore_SignedLate_StartsTheNewPactOnTheSigningDay()
    {
        var g2 = EligibleGestore("G2");
        var pact = Pact(EligibleGestore("G1"), start: Today.AddMonths(-3));
        var request = ChangeOfGestoreRequest.Submit(pact, g2, Today.AddDays(20), 2, By(CaseManager(), "trasloco"));
        request.Approve(By(Commission, "motivazione fondata"));

        // Asked from the change's date, signed five days later: the new pact starts with the signature, not before.
        var signed = request.SignNewPact(pact, g2, Signing(start: Today.AddDays(20)), By(CaseManager("G2"), on: Today.AddDays(25)));

        signed.Pact.StartDate.ShouldBe(Today.AddDays(25));
        pact.EndDate.ShouldBe(Today.AddDays(24));
    }

    [Fact]
    public void ChangeOfGestore_NotApproved_OrSignedByAnotherGestore_IsRefused()
    {
        var g2 = EligibleGestore("G2");
        var pact = Pact(EligibleGestore("G1"), start: Today.AddMonths(-3));
        var request = ChangeOfGestoreRequest.Submit(pact, g2, Today.AddDays(1), 2, By(CaseManager(), "trasloco"));

        Should.Throw<CareRuleException>(() => request.SignNewPact(pact, g2, Signing(), By(CaseManager("G2"), on: Today.AddDays(1)))).Message.ShouldContain("non è approvato");
        request.Approve(By(Commission, "motivazione fondata"));
        Should.Throw<CareRuleException>(() => request.SignNewPact(pact, g2, Signing(), By(CaseManager("G1"), on: Today.AddDays(1)))).Message.ShouldContain("non opera per il Gestore G2");
    }

    [Fact]
    public void ChangeOfGestore_WithoutReason_OrToSameGestore_OrNotEligible_IsRefused()
    {
        var g1 = EligibleGestore("G1");
        var pact = Pact(g1, start: Today.AddMonths(-3));
        var notEligible = EligibleGestore("G3", levels: 3);

        Should.Throw<CareRuleException>(() => ChangeOfGestoreRequest.Submit(pact, EligibleGestore("G2"), Today, 2, By(CaseManager())));
        Should.Throw<CareRuleException>(() => ChangeOfGestoreRequest.Submit(pact, g1, Today, 2, By(CaseManager(), "x")));
        Should.Throw<CareRuleException>(() => ChangeOfGestoreRequest.Submit(pact, notEligible, Today, 2, By(CaseManager(), "x")))
            .Message.ShouldBe("il Gestore G3 non è idoneo per l'ATS 321 al livello 2");
    }

    [Fact]
    public void ChangeOfGestore_DecidedByOtherThanCommission_OrTwice_IsRefused()
    {
        var g2 = EligibleGestore("G2");
        var pact = Pact(EligibleGestore("G1"), start: Today.AddMonths(-3));
        var request = ChangeOfGestoreRequest.Submit(pact, g2, Today.AddDays(1), 2, By(CaseManager(), "trasloco"));

        Should.Throw<CareRuleException>(() => request.Reject(By(AtsOperator, "no")));
        request.Reject(By(Commission, "motivazione insufficiente"));
        Should.Throw<CareRuleException>(() => request.Approve(By(Commission, "ripensamento"))).Message.ShouldContain("già stata decisa");
        pact.Status.ShouldBe(PactStatus.Active);
    }
}
