using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Reclassification;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

/// <summary>The pact's level follows the reclassifications the ATS Commission approves, from the decision's day.</summary>
public class PactLevelTests
{
    private static ReclassificationRequest Proposed(PattoDiCura pact, int toLevel = 1, string main = "20") =>
        ReclassificationRequest.Propose(pact, Level(pact.Level, pact.MainPathology ?? "56"), toLevel, main, [], [], By(ClinicalManager(pact.GestoreId), "fragilità documentata"));

    [Fact]
    public void Pact_Signed_HasOnePeriodAtItsLevelFromItsStart()
    {
        var pact = Pact(level: 2, start: Today.AddMonths(-2));

        var period = pact.LevelPeriods.ShouldHaveSingleItem();
        period.ShouldSatisfyAllConditions(
            p => p.From.ShouldBe(Today.AddMonths(-2)),
            p => p.Level.ShouldBe(2),
            p => p.MainPathology.ShouldBe("56"),
            p => p.ReclassificationId.ShouldBeNull());
    }

    [Fact]
    public void ApprovedReclassification_PactFollowsTheNewLevel_FromTheDecisionDay()
    {
        var gestore = EligibleGestore(levels: [1, 2, 3]);
        var pact = Pact(gestore, level: 2, start: Today.AddMonths(-2));
        var request = Proposed(pact);
        var decided = Today.AddDays(10);

        request.Approve(pact, gestore, By(Commission, "documentazione adeguata", decided));

        pact.Level.ShouldBe(1);
        pact.MainPathology.ShouldBe("20");
        pact.LevelPeriods.Select(p => (p.From, p.Level, p.MainPathology)).ShouldBe([(Today.AddMonths(-2), 2, "56"), (decided, 1, "20")]);
        pact.LevelPeriods[^1].ReclassificationId.ShouldBe(request.Id);
        pact.PendingHistory.ShouldContain(e => e.Action == "livello del patto aggiornato");
    }

    [Fact]
    public void ApprovedBeforeThePactStarts_TheNewLevelRunsFromTheStart_AsTheOnlyPeriod()
    {
        var gestore = EligibleGestore(levels: [1, 2, 3]);
        var pact = Pact(gestore, level: 2, start: Today.AddDays(20));
        var request = Proposed(pact);

        request.Approve(pact, gestore, By(Commission, "documentazione adeguata"));

        pact.LevelPeriods.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.From.ShouldBe(Today.AddDays(20)),
            p => p.Level.ShouldBe(1));
    }

    [Fact]
    public void TwoDecisionsOnOneDay_TheLaterReplacesTheEarlier_PeriodsStayContiguous()
    {
        var gestore = EligibleGestore(levels: [1, 2, 3]);
        var pact = Pact(gestore, level: 2, start: Today.AddMonths(-2));
        var first = Proposed(pact, 1, "20");
        first.Approve(pact, gestore, By(Commission, "documentazione adeguata"));

        var second = ReclassificationRequest.Propose(pact, Level(1, "20"), 3, "20", [], [], By(ClinicalManager(), "stabilizzato"));
        second.Approve(pact, gestore, By(Commission, "rivalutato"));

        pact.LevelPeriods.Select(p => (p.From, p.Level)).ShouldBe([(Today.AddMonths(-2), 2), (Today, 3)]);
        pact.Level.ShouldBe(3);
    }

    [Fact]
    public void PactOfAnotherPatient_IsRefused_AndTheRequestStaysPending()
    {
        var gestore = EligibleGestore(levels: [1, 2, 3]);
        var request = Proposed(Pact(gestore));
        var other = PactRules.Sign(Signing(patient: "P2"), gestore, [], By(CaseManager())).Pact;

        Should.Throw<CareRuleException>(() => request.Approve(other, gestore, By(Commission, "ok")))
            .Message.ShouldContain("va decisa sul patto e sul Gestore del paziente P1");
        request.Status.ShouldBe(RequestStatus.Pending);
        other.Level.ShouldBe(2);
    }

    [Fact]
    public void PactWithAnotherGestore_IsRefused()
    {
        var gestore = EligibleGestore(levels: [1, 2, 3]);
        var pact = Pact(gestore);
        var request = Proposed(pact);

        Should.Throw<CareRuleException>(() => request.Approve(pact, EligibleGestore("G2"), By(Commission, "ok")));
        pact.LevelPeriods.ShouldHaveSingleItem();
    }

    [Fact]
    public void PactPastItsEnd_KeepsItsLevel_TheApprovalStillHolds()
    {
        var gestore = EligibleGestore(levels: [1, 2, 3]);
        var pact = Pact(gestore, level: 2, start: Today.AddYears(-1).AddDays(10));
        var request = Proposed(pact);

        request.Approve(pact, gestore, By(Commission, "documentazione adeguata", Today.AddDays(20)));

        request.Status.ShouldBe(RequestStatus.Approved);
        pact.Level.ShouldBe(2);
        pact.LevelPeriods.ShouldHaveSingleItem().Level.ShouldBe(2);
    }

    [Fact]
    public void ApprovedToALevelTheGestoreIsNotAccreditedFor_PactStillFollows_AndTheNoteNamesTheGestore()
    {
        var gestore = EligibleGestore(levels: [2, 3]);
        var pact = Pact(gestore, level: 2);
        var request = Proposed(pact);

        request.Approve(pact, gestore, By(Commission, "documentazione adeguata"));

        pact.Level.ShouldBe(1);
        pact.Status.ShouldBe(PactStatus.Active);
        request.DecisionNote.ShouldNotBeNull().ShouldContain("il Gestore Gestore G1 (G1) non è accreditato per il livello 1");
    }
}
