using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

/// <summary>DGR X/6164/2017 allegato 1: the pact needs an invitation or the patient's request, and a recorded signature.</summary>
public class ConsentTests
{
    private static readonly ConsentBasis PatientRequest = new(ConsentGround.PatientRequest, 4, "P1", "G1", Today);

    private static SignedPact Sign(ConsentBasis? basis, PatientSignature? signature) =>
        PactRules.Sign(Signing() with { Basis = basis, Signature = signature }, EligibleGestore(), [], By(CaseManager()));

    [Fact]
    public void Pact_OnInvitationSignedOnPaper_RecordsGroundMethodScanAndWitness()
    {
        var pact = Sign(Invitation(), OnPaper).Pact;

        pact.ShouldSatisfyAllConditions(
            p => p.ConsentGround.ShouldBe(ConsentGround.Invitation),
            p => p.ConsentReference.ShouldBe(7),
            p => p.SignatureMethod.ShouldBe(SignatureMethod.Paper),
            p => p.SignatureScan.ShouldBe(OnPaper.Scan),
            p => p.Witness.ShouldBe("Maria Bianchi (mbianchi)"),
            p => PactSignatures.Describe(p).ShouldBe("firma su carta (scansione allegata), alla presenza di Maria Bianchi (mbianchi); su lettera di invito dell'ATS n.7"));
    }

    [Fact]
    public void Pact_WithoutInvitationOrRequest_IsRefused()
    {
        Should.Throw<CareRuleException>(() => Sign(null, OnPaper))
            .Message.ShouldBe("il paziente P1 non è stato invitato dall'ATS e non ha chiesto la presa in carico: il patto non si può firmare");
    }

    [Fact]
    public void Pact_OnAnotherPatientsLetter_IsRefused()
    {
        Should.Throw<CareRuleException>(() => Sign(Invitation("P2"), OnPaper)).Message.ShouldContain("riguarda un altro paziente");
    }

    [Fact]
    public void Pact_WithGestoreOtherThanTheOneRequested_IsRefused()
    {
        Should.Throw<CareRuleException>(() => Sign(PatientRequest with { GestoreId = "G9" }, new PatientSignature(SignatureMethod.PatientPage, "op")))
            .Message.ShouldBe("il paziente ha scelto il Gestore G9 (richiesta del paziente n.4), non G1");
    }

    [Fact]
    public void Pact_OnPaperWithoutScan_IsRefused()
    {
        Should.Throw<CareRuleException>(() => Sign(Invitation(), OnPaper with { Scan = null }))
            .Message.ShouldBe("firma su carta: manca la scansione del patto firmato (PDF o immagine)");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Pact_WithoutWitness_IsRefused(string? witness)
    {
        Should.Throw<CareRuleException>(() => Sign(Invitation(), OnPaper with { Witness = witness }))
            .Message.ShouldBe("nome dell'operatore che ha raccolto la firma mancante");
    }

    [Fact]
    public void Pact_WithoutSignature_IsRefused()
    {
        Should.Throw<CareRuleException>(() => Sign(Invitation(), null)).Message.ShouldStartWith("manca la firma del paziente");
    }

    [Fact]
    public void Pact_ConfirmedOnPatientPage_OnlyOnThePatientsOwnRequest()
    {
        var page = new PatientSignature(SignatureMethod.PatientPage, "op");

        Should.Throw<CareRuleException>(() => Sign(Invitation(), page)).Message.ShouldStartWith("la conferma dalla pagina del paziente vale solo");
        Sign(PatientRequest, page).Pact.ShouldSatisfyAllConditions(
            p => p.ConsentGround.ShouldBe(ConsentGround.PatientRequest),
            p => p.SignatureScan.ShouldBeNull());
    }

    [Fact]
    public void Pact_SignedAtTheGpsOffice_OnlyOnTheGpsMessage()
    {
        var atGp = new PatientSignature(SignatureMethod.PaperAtMmg, "Dott. Rossi (MMG1)");

        Should.Throw<CareRuleException>(() => Sign(PatientRequest, atGp)).Message.ShouldStartWith("la firma raccolta dal MMG vale solo");
        Sign(new ConsentBasis(ConsentGround.MmgRequest, 5, "P1", "G1", Today), atGp).Pact.SignatureMethod.ShouldBe(SignatureMethod.PaperAtMmg);
    }

    [Fact]
    public void Request_ByPatient_OnlyTheirOwn()
    {
        Should.Throw<CareRuleException>(() => EnrolmentRequest.ByPatient("P1", Ats, Level(2), EligibleGestore(), [], By(CaseManager())))
            .Message.ShouldStartWith("richiesta di presa in carico: operazione riservata a il paziente");
        Should.Throw<CareRuleException>(() => EnrolmentRequest.ByPatient("P1", Ats, Level(2), EligibleGestore(), [], By(new Actor(ActorRole.Patient, "P2"))))
            .Message.ShouldBe("la richiesta di presa in carico la fa solo il paziente stesso, dalla sua pagina");
    }

    [Fact]
    public void Request_ToGestoreNotEligibleOrTwice_IsRefused()
    {
        var patient = By(new Actor(ActorRole.Patient, "P1"));
        Should.Throw<CareRuleException>(() => EnrolmentRequest.ByPatient("P1", Ats, Level(2), EligibleGestore(levels: 3), [], patient))
            .Message.ShouldBe("il Gestore G1 non è idoneo per l'ATS 321 al livello 2");
        var first = EnrolmentRequest.ByPatient("P1", Ats, Level(2), EligibleGestore(), [], patient);

        first.AsBasis().ShouldBe(new ConsentBasis(ConsentGround.PatientRequest, 0, "P1", "G1", Today));
        Should.Throw<CareRuleException>(() => EnrolmentRequest.ByPatient("P1", Ats, Level(2), EligibleGestore(), [first], patient))
            .Message.ShouldStartWith("la richiesta di presa in carico al Gestore G1 è già stata inviata");
    }

    [Fact]
    public void Request_LinksOnePactOnly()
    {
        var request = EnrolmentRequest.ByPatient("P1", Ats, Level(2), EligibleGestore(), [], By(new Actor(ActorRole.Patient, "P1")));
        request.LinkPact(10);

        request.IsOpen.ShouldBeFalse();
        Should.Throw<CareRuleException>(() => request.LinkPact(11)).Message.ShouldContain("ha già il suo patto (n.10)");
    }

    [Fact]
    public void Pact_StartingBeforeItsSignature_IsRefusedNamingBothDates()
    {
        Should.Throw<CareRuleException>(() => PactRules.Sign(Signing(start: Today.AddDays(-1)) with { Basis = Invitation(sentOn: Today.AddDays(-20)) },
                EligibleGestore(), [], By(CaseManager())))
            .ShouldSatisfyAllConditions(
                e => e.Message.ShouldBe("il patto non può iniziare il 01/03/2026, prima della firma del 02/03/2026"),
                e => e.Field.ShouldBe("start"));
    }

    [Fact]
    public void Pact_StartingBeforeTheRequestItRestsOn_IsRefused()
    {
        // Signed on the start day, but the patient's request came later: it cannot reach back.
        var signedOn = Today.AddDays(-10);
        var request = PatientRequest with { On = Today.AddDays(-5) };

        Should.Throw<CareRuleException>(() => PactRules.Sign(Signing(start: signedOn) with { Basis = request }, EligibleGestore(), [], By(CaseManager(), on: signedOn)))
            .Message.ShouldBe("il patto non può iniziare il 20/02/2026, prima della richiesta del paziente n.4 del 25/02/2026");
    }

    [Fact]
    public void Pact_StartingOnItsSignatureOrLater_RecordsTheSigningDay()
    {
        var today = PactRules.Sign(Signing(start: Today) with { Basis = Invitation(sentOn: Today) }, EligibleGestore(), [], By(CaseManager())).Pact;
        var later = PactRules.Sign(Signing(start: Today.AddDays(14)), EligibleGestore(), [], By(CaseManager())).Pact;

        today.ShouldSatisfyAllConditions(p => p.SignedOn.ShouldBe(Today), p => p.StartDate.ShouldBe(Today));
        later.ShouldSatisfyAllConditions(p => p.SignedOn.ShouldBe(Today), p => p.StartDate.ShouldBe(Today.AddDays(14)));
    }
}
