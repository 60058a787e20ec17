using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Tests;

/// <summary>Territorio's rules for a death the ATS records by hand (<see cref="DeathRecording"/>).</summary>
public class DeathRecordingTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly Actor AtsMilano = new(ActorRole.Ats, "op.ats", "321");

    private static Resident Patient(DateOnly? died = null) => new("P1", new DateOnly(1940, 3, 2), Sex.Female, "321", "MMG1", died);

    [Fact]
    public void Death_TodayOrBefore_ByTheAtsOfResidence_IsAccepted()
    {
        DeathRecording.Refusal(Patient(), new DeathNotice(Today, DeathSource.CertificatoDiMorte), AtsMilano, Today).ShouldBeNull();
        DeathRecording.Refusal(Patient(), new DeathNotice(Today.AddDays(-30), DeathSource.Altro, "comunicazione del comune"), AtsMilano, Today).ShouldBeNull();
    }

    [Fact]
    public void Death_InTheFuture_IsRefused_NamingTheDate()
    {
        var refusal = DeathRecording.Refusal(Patient(), new DeathNotice(Today.AddDays(1), DeathSource.ComunicazioneMmg), AtsMilano, Today).ShouldNotBeNull();
        refusal.ShouldSatisfyAllConditions(r => r.Message.ShouldBe("la data di decesso 08/12/2026 è nel futuro"), r => r.Field.ShouldBe("dataDecesso"));
    }

    [Fact]
    public void Death_BeforeBirth_IsRefused()
    {
        DeathRecording.Refusal(Patient(), new DeathNotice(new DateOnly(1940, 3, 1), DeathSource.ComunicazioneMmg), AtsMilano, Today)
            .ShouldNotBeNull().Message.ShouldContain("precede la nascita dell'assistito (02/03/1940)");
    }

    [Fact]
    public void Death_OfAPatientAlreadyDeceased_IsRefused()
    {
        DeathRecording.Refusal(Patient(died: new DateOnly(2026, 11, 1)), new DeathNotice(Today, DeathSource.ComunicazioneMmg), AtsMilano, Today)
            .ShouldNotBeNull().Message.ShouldContain("risulta già deceduto/a il 01/11/2026");
    }

    [Fact]
    public void Death_OfAPatientOfAnotherAts_IsRefused()
    {
        var bergamo = new Actor(ActorRole.Ats, "op.ats", "325");
        DeathRecording.Refusal(Patient(), new DeathNotice(Today, DeathSource.ComunicazioneMmg), bergamo, Today)
            .ShouldNotBeNull().Message.ShouldContain("un'altra ATS (321)");
    }

    [Fact]
    public void Death_RecordedByACaseManager_IsRefused()
    {
        var caseManager = new Actor(ActorRole.CaseManager, "cm1", "G1");
        DeathRecording.Refusal(Patient(), new DeathNotice(Today, DeathSource.ComunicazioneFamiliari), caseManager, Today)
            .ShouldNotBeNull().Message.ShouldBe("solo l'ATS registra il decesso di un assistito");
    }

    [Fact]
    public void Death_FromAnotherSource_WithoutANote_IsRefused()
    {
        DeathRecording.Refusal(Patient(), new DeathNotice(Today, DeathSource.Altro, "  "), AtsMilano, Today)
            .ShouldNotBeNull().Field.ShouldBe("nota");
    }

    [Fact]
    public void DeathNotice_Reason_NamesTheSourceAndTheNote()
    {
        new DeathNotice(Today, DeathSource.ComunicazioneMmg, " telefonata ").Reason.ShouldBe("comunicazione del MMG: telefonata");
        new DeathNotice(Today, DeathSource.CertificatoDiMorte).Reason.ShouldBe("certificato di morte");
    }
}
