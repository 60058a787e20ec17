using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Care.CareApi;

namespace Territorio.Web.Tests.Care;

/// <summary>
/// POST /api/gestore/patti keeps its path and fields, extended with how the patient signed: the
/// free-text signatory, a missing or unknown method, a missing or wrong scan are problems naming the
/// field; a patient neither invited nor asking is refused; the access log names the pact.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ConsentApiTests(WebAppFixture app)
{
    private const string Pacts = "/api/gestore/patti";
    private const string NotInvited = "PA310001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pact_WithFreeTextSignatory_IsRefusedNamingTheField()
    {
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

        var problem = await ProblemAsync(cm, Pacts, new PactRequest(Territory.A.OtherMmgPatient, "firma inventata", null), HttpStatusCode.BadRequest);

        ErrorsOf(problem, "patientSignatory").ShouldStartWith("Firma del paziente come testo libero: non più accettata");
        ErrorsOf(problem, "signatureMethod").ShouldContain("campo obbligatorio");
    }

    [Fact]
    public async Task Pact_WithUnknownMethodOrWithoutScanOrWithAWrongScan_IsRefusedNamingTheField()
    {
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        string patient = Territory.A.OtherMmgPatient;

        ErrorsOf(await ProblemAsync(cm, Pacts, new PactRequest(patient, null, null, "telefono"), HttpStatusCode.BadRequest), "signatureMethod")
            .ShouldBe("Modo della firma: \"telefono\" non previsto (\"carta\" o \"pagina-paziente\")");
        ErrorsOf(await ProblemAsync(cm, Pacts, new PactRequest(patient, null, null, "carta"), HttpStatusCode.BadRequest), "signatureScan")
            .ShouldBe("Scansione del patto firmato: obbligatoria per la firma su carta (PDF o immagine PNG/JPEG)");
        ErrorsOf(await ProblemAsync(cm, Pacts, new PactRequest(patient, null, null, "carta", "non è base64!"), HttpStatusCode.BadRequest), "signatureScan")
            .ShouldBe("Scansione del patto firmato: non è un contenuto base64 valido");
        ErrorsOf(await ProblemAsync(cm, Pacts, new PactRequest(patient, null, null, "carta", Convert.ToBase64String("firma inventata"u8.ToArray())), HttpStatusCode.BadRequest), "signatureScan")
            .ShouldBe("Scansione del patto firmato: la scansione del patto deve essere un PDF o un'immagine PNG o JPEG");
    }

    [Fact]
    public async Task Pact_ForPatientNeitherInvitedNorAsking_IsRefused_AndTheRecordStaysClosed()
    {
        await AddUninvitedPatientAsync();
        try
        {
            var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

            var refusal = await ProblemAsync(cm, Pacts, new PactRequest(NotInvited, null, null, "carta", SignedScans.PdfBase64), HttpStatusCode.Conflict);

            // The same answer as for nobody: neither the person's name nor that they exist.
            refusal.GetProperty("detail").GetString().ShouldBe(CareDesk.NotEnrollable(NotInvited));
            ErrorsOf(refusal, "patientId").ShouldContain("ha chiesto la presa in carico a questo Gestore");
            var nobody = await ProblemAsync(cm, Pacts, new PactRequest("PA999999", null, null, "carta", SignedScans.PdfBase64), HttpStatusCode.Conflict);
            nobody.GetProperty("detail").GetString().ShouldBe(CareDesk.NotEnrollable("PA999999"));
            (await cm.GetAsync($"/api/gestore/pazienti/{NotInvited}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        finally
        {
            await RemoveUninvitedPatientFromTheRunAsync();
        }
    }

    [Fact]
    public async Task Pact_StartingBeforeItsSignature_IsRefusedNamingTheFieldStart_AndNoPactIsWritten()
    {
        string patient = await InvitedWithoutPactAsync();
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        var yesterday = app.SeedDay.AddDays(-1);

        var refusal = await ProblemAsync(cm, Pacts, new PactRequest(patient, null, ItalianFormat.Date(yesterday), "carta", SignedScans.PdfBase64), HttpStatusCode.Conflict);

        ErrorsOf(refusal, "start").ShouldBe($"il patto non può iniziare il {yesterday:dd/MM/yyyy}, prima della firma del {app.SeedDay:dd/MM/yyyy}");
        (await cm.GetAsync($"/api/gestore/pazienti/{patient}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AccessLog_GestoreRead_NamesThePact()
    {
        var cm = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));
        (await cm.GetAsync($"/api/gestore/pazienti/{Territory.B.Patient}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ats = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.AtsControllore));
        var log = await ats.GetFromJsonAsync<AccessLogResponse>($"/api/ats/accessi?paziente={Territory.B.Patient}&utente={Territory.B.UserOf(TerritorioRoles.GestoreCaseManager)}", Ct);

        log!.Entries.ShouldNotBeEmpty();
        log.Entries.ShouldAllBe(e => e.PactId != null);
        // People, not codes: the reader by the account's name beside the user name.
        log.Entries.ShouldAllBe(e => e.UserDisplayName == $"Case manager del Gestore B ({Territory.B.UserOf(TerritorioRoles.GestoreCaseManager)})");
        log.Entries.ShouldAllBe(e => e.PatientName != null);
    }

    /// <summary>A patient of territory A the ATS invited and nobody has taken in charge.</summary>
    private async Task<string> InvitedWithoutPactAsync()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        return await db.Set<EnrolmentLetter>().Where(l => l.Ats == Territory.A.Ats && l.DeclinedOn == null && l.Level >= 2
                && !db.Set<CareManagement.Pacts.PattoDiCura>().Any(p => p.PatientId == l.PatientId))
            .OrderByDescending(l => l.PatientId).Select(l => l.PatientId).FirstAsync(Ct);
    }

    private async Task AddUninvitedPatientAsync()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        long run = await db.Set<StratificationRun>().MaxAsync(r => r.Id, Ct);
        if (!await db.Residents.AnyAsync(r => r.Id == NotInvited, Ct))
        {
            db.Residents.Add(new Resident(NotInvited, new DateOnly(1951, 2, 3), Sex.Male, Territory.A.Ats, "MMGA09"));
        }

        db.Add(new StratifiedPerson(run, NotInvited, 2, "56", ["56"], "56=drugs:C09AA02:2026-02-01") { Ats = Territory.A.Ats, MmgId = "MMGA09" });
        await db.SaveChangesAsync(Ct);
    }

    // The fixture's database is shared with the pyramid's tests, which count the latest run's persons.
    private async Task RemoveUninvitedPatientFromTheRunAsync()
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        await db.Set<StratifiedPerson>().Where(p => p.PersonId == NotInvited).ExecuteDeleteAsync(Ct);
    }
}
