using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>DGR X/6164/2017 allegato 1 through the service: what a pact can be signed on, and the scans kept for paper signatures.</summary>
public class ConsentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly PatientSignature OnPatientPage = new(SignatureMethod.PatientPage, "Carla Neri (cm.bianchi)");

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pact_WithoutLetterOrRequest_IsRefusedAndNothingIsStored(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);

        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).SignPactAsync("P1", "G1", null,
                new PatientSignature(SignatureMethod.Paper, "Carla Neri", "patto-0123456789abcdef0123456789abcdef.pdf"), "cm.bianchi", CaseManager(), Ct))))
            .Message.ShouldBe("il paziente P1 non è stato invitato dall'ATS e non ha chiesto la presa in carico: il patto non si può firmare");
        (await world.UseAsync(db => db.Set<PattoDiCura>().CountAsync(Ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pact_OnTheAtsLetter_SignedOnPaper_KeepsLetterAndScan(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        var letters = await world.UseAsync(db => world.Enrolment(db).IssueLettersAsync(Ats, 1, AtsOperator, Ct));
        var signature = new PatientSignature(SignatureMethod.Paper, "Carla Neri (cm.bianchi)", "patto-0123456789abcdef0123456789abcdef.pdf");

        var signed = await world.UseAsync(db => world.Enrolment(db).SignPactAsync(letters[0].Letter.PatientId, "G1", null, signature, "cm.bianchi", CaseManager(), Ct));

        signed.Pact.ShouldSatisfyAllConditions(
            p => p.ConsentGround.ShouldBe(ConsentGround.Invitation),
            p => p.ConsentReference.ShouldBe(letters[0].Letter.Id),
            p => p.SignatureScan.ShouldBe(signature.Scan),
            p => p.Witness.ShouldBe("Carla Neri (cm.bianchi)"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pact_OnThePatientsRequest_IsSignedWithTheGestoreChosenOnly(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        var request = await world.UseAsync(db => world.Enrolment(db).RequestEnrolmentAsync("P1", "G1", new Actor(ActorRole.Patient, "P1"), Ct));

        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).SignPactAsync("P1", "G2", null, OnPatientPage, "x", CaseManager("G2"), Ct))))
            .Message.ShouldStartWith("il paziente P1 non è stato invitato dall'ATS");
        var signed = await world.UseAsync(db => world.Enrolment(db).SignPactAsync("P1", "G1", null, OnPatientPage, "cm.bianchi", CaseManager(), Ct));

        signed.Pact.ConsentGround.ShouldBe(ConsentGround.PatientRequest);
        signed.Pact.ConsentReference.ShouldBe(request.Id);
        (await world.UseAsync(db => world.Enrolment(db).RequestsOfAsync("P1", Ct))).Single().PactId.ShouldBe(signed.Pact.Id);
        (await world.UseAsync(db => world.Enrolment(db).OpenRequestsToAsync("G1", Ct))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Request_WithAnActivePact_IsRefused(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "Carla Neri", "cm.bianchi", CaseManager(), Ct));

        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).RequestEnrolmentAsync("P1", "G2", new Actor(ActorRole.Patient, "P1"), Ct))))
            .Message.ShouldBe("ha già un Patto di Cura attivo: per cambiare Gestore serve la richiesta di cambio");
    }

    [Fact]
    public async Task Scan_PdfStoredOwnerOnly_OthersRefused()
    {
        string folder = Directory.CreateTempSubdirectory("territorio-scans-").FullName;
        try
        {
            var scans = new SignedPactScans(folder);
            string stored = await scans.StoreAsync(new MemoryStream("%PDF-1.4 patto firmato"u8.ToArray()), Ct);

            stored.ShouldEndWith(".pdf");
            using (var content = scans.Open(stored).ShouldNotBeNull())
            {
                new StreamReader(content).ReadToEnd().ShouldBe("%PDF-1.4 patto firmato");
            }

            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(Path.Combine(folder, "patti-firmati", stored)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            (await Should.ThrowAsync<CareRuleException>(() => scans.StoreAsync(new MemoryStream("GIF89a"u8.ToArray()), Ct)))
                .Message.ShouldBe("la scansione del patto deve essere un PDF o un'immagine PNG o JPEG");
            (await Should.ThrowAsync<CareRuleException>(() => scans.StoreAsync(new MemoryStream(new byte[SignedPactScans.MaxBytes + 1]), Ct)))
                .Message.ShouldBe("la scansione del patto supera 8 MB");
            scans.Open("../territorio.db").ShouldBeNull();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
