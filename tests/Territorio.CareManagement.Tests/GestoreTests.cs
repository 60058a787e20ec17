using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class GestoreTests
{
    [Fact]
    public void Candidature_Approved_MakesGestoreEligibleForThatAtsAndLevelOnly()
    {
        var gestore = EligibleGestore(levels: 2);

        gestore.IsEligible(Ats, 2).ShouldBeTrue();
        gestore.IsEligible(Ats, 3).ShouldBeFalse();
        gestore.IsEligible("322", 2).ShouldBeFalse();
        gestore.Candidatures.Single().DecidedBy.ShouldBe(AtsOperator.ToString());
    }

    [Fact]
    public void Candidature_Pending_IsNotEligible()
    {
        var gestore = Gestore.Register("G1", "Coop", GestoreKind.CooperativaMmg, Ats, By(AtsOperator));
        gestore.Apply(Ats, 3, By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => gestore.EnsureEligible(Ats, 3))
            .Message.ShouldBe("il Gestore G1 non è idoneo per l'ATS 321 al livello 3");
    }

    [Fact]
    public void Candidature_Rejection_NeedsAReasonAndRecordsIt()
    {
        var gestore = Gestore.Register("G1", "Coop", GestoreKind.CooperativaMmg, Ats, By(AtsOperator));
        gestore.Apply(Ats, 1, By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => gestore.Reject(Ats, 1, By(AtsOperator))).Message.ShouldContain("motivazione");
        gestore.Reject(Ats, 1, By(AtsOperator, "manca la rete di erogatori"));

        gestore.Candidatures.Single().ShouldSatisfyAllConditions(
            c => c.Status.ShouldBe(CandidatureStatus.Rejected),
            c => c.DecisionReason.ShouldBe("manca la rete di erogatori"));
        gestore.IsEligible(Ats, 1).ShouldBeFalse();
    }

    [Fact]
    public void Candidature_SameAtsAndLevelTwice_IsRefused_ButAllowedAfterRejection()
    {
        var gestore = Gestore.Register("G1", "Coop", GestoreKind.CooperativaMmg, Ats, By(AtsOperator));
        gestore.Apply(Ats, 2, By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => gestore.Apply(Ats, 2, By(ClinicalManager())));
        gestore.Reject(Ats, 2, By(AtsOperator, "incompleta"));
        gestore.Apply(Ats, 2, By(ClinicalManager())).Status.ShouldBe(CandidatureStatus.Pending);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Candidature_LevelOutsideOneToThree_IsRefused(int level)
    {
        var gestore = Gestore.Register("G1", "Coop", GestoreKind.Asst, Ats, By(AtsOperator));
        Should.Throw<CareRuleException>(() => gestore.Apply(Ats, level, By(ClinicalManager())));
    }

    [Fact]
    public void Candidature_DecidedByAnotherAts_IsRefused()
    {
        var gestore = Gestore.Register("G1", "Coop", GestoreKind.Asst, Ats, By(AtsOperator));
        gestore.Apply(Ats, 2, By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => gestore.Approve(Ats, 2, By(new Actor(ActorRole.Ats, "op", "322"))));
        Should.Throw<CareRuleException>(() => gestore.Approve(Ats, 2, By(ClinicalManager())));
    }

    [Fact]
    public void EveryStateChange_IsRecordedWithWhoWhenWhy()
    {
        var gestore = EligibleGestore(levels: 2);

        var history = gestore.DrainHistory().ToList();
        history.Select(h => h.Action).ShouldBe(["registrato", "candidatura presentata", "candidatura approvata"]);
        history[2].ShouldSatisfyAllConditions(
            h => h.By.ShouldBe(AtsOperator),
            h => h.Reason.ShouldBe("requisiti verificati"),
            h => h.AtUtc.ShouldBe(Noon(Today)));
        gestore.Version.ShouldBe(3);
    }
}
