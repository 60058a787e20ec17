using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

/// <summary>DGR X/6164/2017 allegato 1: the pact is confirmed each year by the patient — a renewal needs their signature.</summary>
public class PactRenewalTests
{
    // Signed on 01/04/2025, ends 31/03/2026: on Given.Today (02/03/2026) it is in its renewal window.
    private static PattoDiCura DuePact() => Pact(start: new DateOnly(2025, 4, 1));

    private static readonly Actor Patient = new(ActorRole.Patient, "P1");

    private static readonly PatientSignature FromPatientPage = new(SignatureMethod.PatientPage, "Maria Bianchi (mbianchi)", null, "mbianchi");

    [Fact]
    public void Renew_WithoutThePatientsSignature_IsRefusedNamingTheField_AndThePactStays()
    {
        var pact = DuePact();

        var refusal = Should.Throw<CareRuleException>(() => pact.Renew(null, By(CaseManager())));

        refusal.Message.ShouldBe($"rinnovo del patto {pact.Id}: manca la firma del paziente (su carta con la scansione, o la sua conferma dalla sua pagina)");
        refusal.Field.ShouldBe("signatureMethod");
        (pact.EndDate, pact.Renewals, pact.RenewalHistory.Count).ShouldBe((new DateOnly(2026, 3, 31), 0, 0));
    }

    [Fact]
    public void Renew_OnPaperWithoutTheScan_IsRefusedNamingTheScan()
    {
        var pact = DuePact();

        var refusal = Should.Throw<CareRuleException>(() => pact.Renew(OnPaper with { Scan = " " }, By(CaseManager())));

        refusal.Message.ShouldContain("firmato su carta: manca la scansione del rinnovo firmato");
        refusal.Field.ShouldBe("signatureScan");
        pact.Renewals.ShouldBe(0);
    }

    [Fact]
    public void Renew_FromThePatientsPage_BeforeThePatientConfirmed_IsRefused()
    {
        var pact = DuePact();

        var refusal = Should.Throw<CareRuleException>(() => pact.Renew(FromPatientPage, By(CaseManager())));

        refusal.Message.ShouldContain("il paziente non ha ancora confermato il rinnovo dalla sua pagina");
        refusal.Field.ShouldBe("signatureMethod");
    }

    [Fact]
    public void Renew_WithTheGpsPaperForm_IsRefused_ItBelongsToTheFirstEnrolmentOnly()
    {
        var pact = DuePact();

        Should.Throw<CareRuleException>(() => pact.Renew(new PatientSignature(SignatureMethod.PaperAtMmg, "Dott. Rossi (MMG00001)"), By(CaseManager())))
            .Message.ShouldContain("la firma raccolta dal MMG vale solo per l'adesione inviata dal MMG");
    }

    [Fact]
    public void Renew_WithoutAWitness_IsRefusedNamingTheWitness()
    {
        var pact = DuePact();

        Should.Throw<CareRuleException>(() => pact.Renew(OnPaper with { Witness = "" }, By(CaseManager()))).Field.ShouldBe("witness");
    }

    [Fact]
    public void Renew_ByAnotherGestoresOperator_IsRefused()
    {
        var pact = DuePact();

        Should.Throw<CareRuleException>(() => pact.Renew(OnPaper, By(CaseManager("G2"))))
            .Message.ShouldBe($"il patto {pact.Id} è del Gestore G1: solo i suoi operatori lo rinnovano");
    }

    [Fact]
    public void Renew_OnPaper_AddsOneYear_AndRecordsHowWhenAndBeforeWhom()
    {
        var pact = DuePact();

        var renewal = pact.Renew(OnPaper with { WitnessAccount = "mbianchi" }, By(CaseManager()));

        pact.EndDate.ShouldBe(new DateOnly(2027, 3, 31));
        pact.Renewals.ShouldBe(1);
        pact.RenewalHistory.ShouldBe([renewal]);
        renewal.ShouldSatisfyAllConditions(
            r => r.Number.ShouldBe(1),
            r => r.RenewedOn.ShouldBe(Today),
            r => (r.From, r.To).ShouldBe((new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31))),
            r => r.Method.ShouldBe(SignatureMethod.Paper),
            r => r.Scan.ShouldBe(OnPaper.Scan),
            r => (r.Witness, r.WitnessAccount).ShouldBe(("Maria Bianchi (mbianchi)", "mbianchi")),
            r => r.PatientConfirmedOn.ShouldBeNull());
        PactSignatures.Describe(renewal).ShouldBe("rinnovo n.1 del 02/03/2026 (dal 01/04/2026 al 31/03/2027): firma su carta (scansione allegata), alla presenza di Maria Bianchi (mbianchi)");
    }

    [Fact]
    public void Renew_AfterThePatientConfirmedFromTheirPage_IsCountersigned_AndTheConfirmationIsUsedOnce()
    {
        var pact = DuePact();
        pact.ConfirmRenewal(By(Patient, on: Today.AddDays(-3)));

        var renewal = pact.Renew(FromPatientPage, By(CaseManager()));

        renewal.ShouldSatisfyAllConditions(
            r => r.Method.ShouldBe(SignatureMethod.PatientPage),
            r => r.PatientConfirmedOn.ShouldBe(Today.AddDays(-3)),
            r => r.Scan.ShouldBeNull());
        PactSignatures.HowSigned(renewal).ShouldBe("confermato dal paziente dalla sua pagina il 27/02/2026, controfirmato da Maria Bianchi (mbianchi)");
        pact.RenewalConfirmedOn.ShouldBeNull();
    }

    [Fact]
    public void TwoRenewals_KeepTheirHistoryInOrder()
    {
        var pact = DuePact();
        pact.Renew(OnPaper, By(CaseManager()));
        pact.ConfirmRenewal(By(Patient, on: new DateOnly(2027, 2, 10)));

        pact.Renew(FromPatientPage, By(CaseManager(), on: new DateOnly(2027, 2, 12)));

        pact.RenewalHistory.Select(r => (r.Number, r.Method, r.To)).ShouldBe(
            [(1, SignatureMethod.Paper, new DateOnly(2027, 3, 31)), (2, SignatureMethod.PatientPage, new DateOnly(2028, 3, 31))]);
        pact.Renewals.ShouldBe(2);
    }

    [Fact]
    public void ConfirmRenewal_OnlyByThePatientThemselves_InTheWindow_AndOnce()
    {
        var early = Pact(start: Today.AddDays(-10));
        var due = DuePact();

        Should.Throw<CareRuleException>(() => early.ConfirmRenewal(By(Patient))).Message.ShouldContain("si può rinnovare solo negli ultimi 60 giorni");
        Should.Throw<CareRuleException>(() => due.ConfirmRenewal(By(new Actor(ActorRole.Patient, "P2")))).Message.ShouldContain("lo conferma solo il paziente stesso");
        Should.Throw<CareRuleException>(() => due.ConfirmRenewal(By(CaseManager())));
        due.ConfirmRenewal(By(Patient));
        Should.Throw<CareRuleException>(() => due.ConfirmRenewal(By(Patient))).Message.ShouldBe("ha già confermato il rinnovo del patto il 02/03/2026: il Gestore completerà il rinnovo");
        due.RenewalConfirmedOn.ShouldBe(Today);
    }

    [Fact]
    public void IsInRenewalWindow_FromSixtyDaysBeforeTheEnd_ToTheLastDay()
    {
        var pact = DuePact();

        pact.IsInRenewalWindowOn(new DateOnly(2026, 1, 29)).ShouldBeFalse();
        pact.IsInRenewalWindowOn(new DateOnly(2026, 1, 30)).ShouldBeTrue();
        pact.IsInRenewalWindowOn(new DateOnly(2026, 3, 31)).ShouldBeTrue();
        pact.IsInRenewalWindowOn(new DateOnly(2026, 4, 1)).ShouldBeFalse();
    }
}
