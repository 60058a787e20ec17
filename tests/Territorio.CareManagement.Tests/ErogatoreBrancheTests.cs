using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class ErogatoreBrancheTests
{
    private static Erogatore Accredited(params string[] branche)
    {
        var erogatore = Network.Erogatore.Register("E321LAB", "Laboratorio Analisi Bergamo Centro", Ats, By(AtsOperator));
        erogatore.Accredit(branche, Branche, By(AtsOperator));
        return erogatore;
    }

    [Fact]
    public void Offer_ServiceOfABrancaNotAccredited_IsRefused_NamingServiceErogatoreAndBranca()
    {
        var lab = Accredited("11");

        Should.Throw<CareRuleException>(() => lab.Offer("88.72.2", Branche, By(AtsOperator)))
            .Message.ShouldBe("l'erogatore Laboratorio Analisi Bergamo Centro (E321LAB) non è accreditato per la branca Cardiologia: non può offrire 88.72.2 ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo");
        lab.Services.ShouldBeEmpty();
    }

    [Fact]
    public void Offer_ServiceOfAnAccreditedBranca_IsPublished()
    {
        var lab = Accredited("11");

        lab.Offer("90.28.1", Branche, By(AtsOperator));

        lab.Offers("90.28.1").ShouldBeTrue();
    }

    [Fact]
    public void Branche_MostSpecificEntryWins()
    {
        Branche.Of("88.72.2").Select(b => b.Name).ShouldBe(["Cardiologia"]);
        Branche.Of("88.74.1").Select(b => b.Name).ShouldBe(["Radiologia diagnostica"]);
        Branche.MostSpecificEntry("88.72.2").ShouldBe("88.72");
        Branche.MostSpecificEntry("88.74.1").ShouldBe("88");
    }

    [Fact]
    public void Offer_ServiceOfSeveralBranche_IsAllowedWithAnyOfThem_AndRefusedWithNone()
    {
        Accredited("05").Offer("88.77.4", Branche, By(AtsOperator));

        Should.Throw<CareRuleException>(() => Accredited("11").Offer("88.77.4", Branche, By(AtsOperator)))
            .Message.ShouldContain("non è accreditato per nessuna delle branche Chirurgia vascolare - Angiologia, Radiologia diagnostica: non può offrire 88.77.4");
    }

    [Fact]
    public void Offer_CodeOfNoBranca_IsRefusedWithAClearMessage()
    {
        Should.Throw<CareRuleException>(() => Accredited("02", "11").Offer("95.02", Branche, By(AtsOperator)))
            .Message.ShouldBe("la prestazione 95.02 non appartiene a nessuna branca della tabella delle branche specialistiche (prova): non può essere offerta");
    }

    [Fact]
    public void Offer_ByAnErogatoreWithoutBranche_IsRefused_UntilTheAtsRecordsThem()
    {
        var erogatore = Network.Erogatore.Register("E2", "Poliambulatorio Nord", Ats, By(AtsOperator));

        Should.Throw<CareRuleException>(() => erogatore.Offer("89.52", Branche, By(AtsOperator)))
            .Message.ShouldContain("non ha branche accreditate registrate: l'ATS deve registrarle");
        erogatore.Accredit(["02"], Branche, By(AtsOperator));
        erogatore.Offer("89.52", Branche, By(AtsOperator));
        erogatore.Offers("89.52").ShouldBeTrue();
    }

    [Fact]
    public void Accredit_ByTheErogatoreItself_IsRefused()
    {
        var lab = Accredited("11");

        Should.Throw<CareRuleException>(() => lab.Accredit(["02", "11"], Branche, By(new Actor(ActorRole.Erogatore, "acc.verdi", "E321LAB"))))
            .Message.ShouldContain("operazione riservata a l'ATS");
        lab.Branche.ShouldBe(["11"]);
    }

    [Fact]
    public void Accredit_UnknownBranca_IsRefused()
    {
        Should.Throw<CareRuleException>(() => Accredited("99"))
            .Message.ShouldBe("branca 99 sconosciuta: le branche sono quelle della tabella delle branche specialistiche (prova)");
    }

    [Fact]
    public void Accredit_WithdrawingABrancaAnOfferedServiceNeeds_IsRefused()
    {
        var lab = Accredited("02", "11");
        lab.Offer("90.28.1", Branche, By(AtsOperator));

        Should.Throw<CareRuleException>(() => lab.Accredit(["02"], Branche, By(AtsOperator)))
            .Message.ShouldBe("l'erogatore Laboratorio Analisi Bergamo Centro (E321LAB) offre 90.28.1 Hb - EMOGLOBINA GLICATA: senza la branca Laboratorio analisi non potrebbe più offrirla");
        lab.Branche.ShouldBe(["02", "11"]);
    }

    [Fact]
    public void Accredit_IsAudited_WithTheBrancheByName()
    {
        var lab = Accredited("11", "02");

        lab.Branche.ShouldBe(["02", "11"]);
        lab.PendingHistory.ShouldContain(h => h.Action == "branche accreditate" && h.Details == "Cardiologia (02), Laboratorio analisi (11)" && h.By == AtsOperator);
    }
}
