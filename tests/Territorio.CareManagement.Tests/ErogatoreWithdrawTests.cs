using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class ErogatoreWithdrawTests
{
    private static readonly Actor Lab = new(ActorRole.Erogatore, "acc.verdi", "E321LAB");

    private static Erogatore OfferingGlycatedHaemoglobin()
    {
        var lab = Network.Erogatore.Register("E321LAB", "Laboratorio Analisi Bergamo Centro", Ats, By(AtsOperator));
        lab.Accredit(["11"], Branche, By(AtsOperator));
        lab.Offer("90.28.1", Branche, By(Lab));
        return lab;
    }

    [Fact]
    public void Withdraw_WithoutBookingsAhead_StopsTheOffer_AndIsAudited()
    {
        var lab = OfferingGlycatedHaemoglobin();

        lab.Withdraw("90.28.1", Branche, [], By(Lab));

        lab.Offers("90.28.1").ShouldBeFalse();
        lab.PendingHistory.ShouldContain(h => h.Action == "prestazione ritirata" && h.Details == "90.28.1 Hb - EMOGLOBINA GLICATA" && h.By == Lab);
    }

    [Fact]
    public void Withdraw_ThenTheBrancaCanBeWithdrawnByTheAts()
    {
        var lab = OfferingGlycatedHaemoglobin();
        lab.Withdraw("90.28.1", Branche, [], By(AtsOperator));

        lab.Accredit([], Branche, By(AtsOperator));

        lab.Branche.ShouldBeEmpty();
    }

    [Fact]
    public void Withdraw_WithAppointmentsBookedAhead_IsRefused_ListingThem()
    {
        var lab = OfferingGlycatedHaemoglobin();

        Should.Throw<CareRuleException>(() => lab.Withdraw("90.28.1", Branche, ["10/12/2026 09:00 Maria Rossi (RSSMRA50A41A794K)", "11/12/2026 09:30 Luigi Bianchi (BNCLGU48B12A794X)"], By(Lab)))
            .Message.ShouldBe("la prestazione 90.28.1 Hb - EMOGLOBINA GLICATA ha 2 appuntamenti prenotati da oggi in poi presso l'erogatore Laboratorio Analisi Bergamo Centro (E321LAB): "
                + "10/12/2026 09:00 Maria Rossi (RSSMRA50A41A794K); 11/12/2026 09:30 Luigi Bianchi (BNCLGU48B12A794X). Prima vanno spostati o annullati");
        lab.Offers("90.28.1").ShouldBeTrue();
    }

    [Fact]
    public void Withdraw_AServiceNotOffered_IsRefused()
    {
        var lab = OfferingGlycatedHaemoglobin();

        Should.Throw<CareRuleException>(() => lab.Withdraw("90.27.1", Branche, [], By(Lab)))
            .Message.ShouldStartWith("l'erogatore Laboratorio Analisi Bergamo Centro (E321LAB) non offre la prestazione 90.27.1");
    }

    [Fact]
    public void Withdraw_ByAGestore_IsRefused()
    {
        var lab = OfferingGlycatedHaemoglobin();

        Should.Throw<CareRuleException>(() => lab.Withdraw("90.28.1", Branche, [], By(CaseManager())))
            .Message.ShouldContain("operazione riservata");
        lab.Offers("90.28.1").ShouldBeTrue();
    }
}
