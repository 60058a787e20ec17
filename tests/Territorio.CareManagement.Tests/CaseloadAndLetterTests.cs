using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

/// <summary>Who may entrust a patient to a case manager; the ATS's letter campaigns and a patient's refusal.</summary>
public class CaseloadAndLetterTests
{
    [Fact]
    public void AssignCaseManager_ByTheGestoresClinicalManager_IsRecordedAndAudited_AndCanBeTakenBack()
    {
        var pact = Pact();
        pact.ClearPendingHistory();

        pact.AssignCaseManager("  cm.verdi ", By(ClinicalManager()));
        pact.CaseManager.ShouldBe("cm.verdi");
        pact.AssignCaseManager(null, By(ClinicalManager()));

        pact.CaseManager.ShouldBeNull();
        pact.PendingHistory.Select(h => (h.Action, h.Details)).ShouldBe([("case manager assegnato", "cm.verdi"), ("case manager rimosso", "")]);
    }

    [Fact]
    public void AssignCaseManager_ByACaseManager_OrAnotherGestore_OrOnAClosedPact_OrUnchanged_IsRefused()
    {
        var pact = Pact();

        Should.Throw<CareRuleException>(() => pact.AssignCaseManager("cm.verdi", By(CaseManager())))
            .Message.ShouldContain("riservata a il responsabile clinico del Gestore");
        Should.Throw<CareRuleException>(() => pact.AssignCaseManager("cm.verdi", By(ClinicalManager("G2"))))
            .Message.ShouldContain("solo il suo responsabile clinico");
        Should.Throw<CareRuleException>(() => pact.AssignCaseManager(null, By(ClinicalManager())))
            .Message.ShouldContain("non è assegnato a nessun case manager");
        pact.AssignCaseManager("cm.verdi", By(ClinicalManager()));
        Should.Throw<CareRuleException>(() => pact.AssignCaseManager("cm.verdi", By(ClinicalManager())))
            .Message.ShouldContain("è già assegnato a cm.verdi");
        pact.Cancel(By(CaseManager(), "trasferito fuori regione"));
        Should.Throw<CareRuleException>(() => pact.AssignCaseManager("cm.neri", By(ClinicalManager())))
            .Message.ShouldContain("non è attivo");
        pact.CaseManager.ShouldBe("cm.verdi");
    }

    [Fact]
    public void LetterCampaign_OfAnotherAts_OrByAGestore_OrForLevel4_IsRefused()
    {
        LetterCampaign.Start(Ats, 2, "56", Mmg, By(AtsOperator)).ShouldSatisfyAllConditions(
            c => c.Level.ShouldBe(2),
            c => c.CreatedOn.ShouldBe(Today),
            c => c.CreatedBy.ShouldBe("op.ats"));

        Should.Throw<CareRuleException>(() => LetterCampaign.Start("322", null, null, null, By(AtsOperator))).Message.ShouldContain("solo quell'ATS");
        Should.Throw<CareRuleException>(() => LetterCampaign.Start(Ats, null, null, null, By(ClinicalManager()))).Message.ShouldContain("riservata a l'ATS");
        Should.Throw<CareRuleException>(() => LetterCampaign.Start(Ats, 4, null, null, By(AtsOperator))).Message.ShouldContain("solo i livelli 1, 2 e 3");
    }

    [Fact]
    public void Letter_Declined_KeepsDayAndReason_OnceOnly_AndOnlyByItsAtsWithAReason()
    {
        var letter = EnrolmentLetter.Issue("P1", Ats, Level(2), 1, ["G1"], By(AtsOperator), campaignId: 7);
        letter.CampaignId.ShouldBe(7);

        Should.Throw<CareRuleException>(() => letter.Decline(By(AtsOperator))).Message.ShouldContain("serve una motivazione");
        Should.Throw<CareRuleException>(() => letter.Decline(By(new Actor(ActorRole.Ats, "op.ats", "322"), "non interessato"))).Message.ShouldContain("dell'ATS 321");
        Should.Throw<CareRuleException>(() => letter.Decline(By(CaseManager(), "non interessato"))).Message.ShouldContain("riservata a l'ATS");
        letter.Decline(By(AtsOperator, "preferisce restare con il solo MMG", Today.AddDays(5)));

        letter.ShouldSatisfyAllConditions(l => l.DeclinedOn.ShouldBe(Today.AddDays(5)), l => l.DeclineReason.ShouldBe("preferisce restare con il solo MMG"));
        Should.Throw<CareRuleException>(() => letter.Decline(By(AtsOperator, "ancora"))).Message.ShouldContain("già registrata");
    }
}
