using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Web.Api;
using Territorio.Web.Ats;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Ats;

/// <summary>
/// The ATS Commission through the API and its page. Each decision test decides its own request of
/// territory A (AtsSeed); territory B's requests are never decided, so its board is stable.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class CommissionEndpointTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Reclassification(string patientId) => $"/api/ats/commissione/riclassificazioni/{AtsSeed.ReclassificationOf[patientId]}/decisione";

    private static string Change(string patientId) => $"/api/ats/commissione/cambi-gestore/{AtsSeed.ChangeOf[patientId]}/decisione";

    private Task<HttpClient> OperatorOf(Territory t) => app.ApiAs(t.UserOf(TerritorioRoles.AtsOperatore));

    [Fact]
    public async Task Board_ListsPendingRequests_WithReasonsAndThePatientsEvidence()
    {
        var client = await OperatorOf(Territory.B);

        string body = await client.GetStringAsync("/api/ats/commissione", Ct);
        var board = JsonSerializer.Deserialize<CommissionBoard>(body, JsonSerializerOptions.Web)!;

        board.Ats.ShouldBe(Territory.B.Ats);
        board.PendingReclassifications.Select(r => r.PatientId).ShouldBe([Territory.B.Patient, AtsSeed.PathologyChange(Territory.B), AtsSeed.LevelDown(Territory.B)]);
        var proposal = board.PendingReclassifications[1];
        (proposal.FromLevel, proposal.ToLevel, proposal.ToMainPathology.Code, proposal.ToMainPathology.Name).ShouldBe((2, 2, "29", "CARDIOPATIA ISCHEMICA"));
        proposal.Reason.ShouldBe("la cardiopatia ischemica guida ora il percorso");
        proposal.RequestedBy.ShouldBe($"responsabile clinico seed ({Territory.B.Gestore})");
        var evidence = proposal.Patient!;
        (evidence.Level, evidence.MainPathology!.Code, evidence.MmgId).ShouldBe((2, "56", AtsSeed.ThirdGp(Territory.B)));
        evidence.Evidence.Select(e => (e.Pathology, e.Source, e.Code)).ShouldBe([("56", "esenzione", "0031"), ("29", "ricovero (SDO)", "410.9"), ("29", "farmaco", "C01DA02")]);
        evidence.Evidence[1].Date.ShouldBe(new DateOnly(2026, 1, 10));

        board.PendingChanges.Select(c => c.PatientId).ShouldBe([Territory.B.Patient, AtsSeed.ChangeToApprove(Territory.B), AtsSeed.ChangeToReject(Territory.B)]);
        var change = board.PendingChanges[0];
        (change.FromGestoreId, change.ToGestoreId, change.PactLevel).ShouldBe((Territory.B.Gestore, AtsSeed.SecondGestore(Territory.B), 2));
        change.Patient!.Level.ShouldBe(2);
        foreach (string marker in Territory.A.Markers)
        {
            body.ShouldNotContain(marker);
        }
    }

    [Fact]
    public async Task Board_LogsEveryPatientShown()
    {
        var client = await OperatorOf(Territory.B);

        (await client.GetAsync("/api/ats/commissione", Ct)).EnsureSuccessStatusCode();

        await using var db = app.Database.CreateContext();
        var logged = await db.Set<Data.Security.PatientAccessEntry>()
            .Where(e => e.UserName == Territory.B.UserOf(TerritorioRoles.AtsOperatore) && e.Resource == "GET /api/ats/commissione")
            .Select(e => e.PatientId).Distinct().ToListAsync(Ct);
        logged.ShouldContain(Territory.B.Patient);
        logged.ShouldContain(AtsSeed.ChangeToReject(Territory.B));
    }

    [Fact]
    public async Task ApproveReclassification_PutsTheProposalInForce_AndCannotBeDecidedTwice()
    {
        var client = await OperatorOf(Territory.A);
        string patient = AtsSeed.PathologyChange(Territory.A);

        using var response = await client.PostAsJsonAsync(Reclassification(patient), new CommissionDecisionRequest(true, "evidenze verificate"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var decision = (await response.Content.ReadFromJsonAsync<CommissionDecision>(Ct))!;
        (decision.Status, decision.Reason).ShouldBe(("Approved", "evidenze verificate"));
        await using (var db = app.Database.CreateContext())
        {
            // The message names the person (name and codice fiscale), not the internal id.
            string named = Territorio.CareManagement.Application.Registry.PeopleNames.Patient(await Territorio.CareManagement.Application.Registry.PeopleNames.ResidentsAsync(db, [patient], Ct), patient);
            named.ShouldNotBe(patient);
            decision.Message.ShouldContain($"di {named} approvata");
            var inForce = (await ClassificationQueries.EffectiveAsync(db, patient, Ct))!;
            (inForce.Level, inForce.MainPathology).ShouldBe((2, "29"));
        }

        var board = (await client.GetFromJsonAsync<CommissionBoard>("/api/ats/commissione", Ct))!;
        board.DecidedReclassifications.ShouldContain(r => r.PatientId == patient && r.Status == "Approved" && r.DecidedBy == $"Commissione ATS {Territory.A.UserOf(TerritorioRoles.AtsOperatore)} ({Territory.A.Ats})");
        board.PendingReclassifications.ShouldNotContain(r => r.PatientId == patient);

        using var again = await client.PostAsJsonAsync(Reclassification(patient), new CommissionDecisionRequest(false, "ripensamento"), Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("Operazione rifiutata: la riclassificazione");
    }

    [Fact]
    public async Task RejectReclassification_WithoutReason_IsAValidationProblem_WithReason_KeepsTheLevel()
    {
        var client = await OperatorOf(Territory.A);
        string patient = AtsSeed.LevelDown(Territory.A);

        using var missing = await client.PostAsJsonAsync(Reclassification(patient), new CommissionDecisionRequest(false, " "), Ct);

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync(Ct)))
        {
            problem.RootElement.GetProperty("errors").GetProperty("motivazione")[0].GetString()!.ShouldContain("obbligatoria per respingere");
        }

        using var rejected = await client.PostAsJsonAsync(Reclassification(patient), new CommissionDecisionRequest(false, "coronarografia non allegata"), Ct);
        rejected.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rejected.Content.ReadFromJsonAsync<CommissionDecision>(Ct))!.Status.ShouldBe("Rejected");
        await using var db = app.Database.CreateContext();
        (await ClassificationQueries.EffectiveAsync(db, patient, Ct))!.Level.ShouldBe(2);
    }

    [Fact]
    public async Task ApproveChange_DatedInTheFuture_LeavesTheOldPactActive_AndCreatesNoPactUntilThePatientSigns()
    {
        var client = await OperatorOf(Territory.A);
        string patient = AtsSeed.ChangeToApprove(Territory.A);

        using var response = await client.PostAsJsonAsync(Change(patient), new CommissionDecisionRequest(true, null), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var decision = (await response.Content.ReadFromJsonAsync<CommissionDecision>(Ct))!;
        decision.Status.ShouldBe("Approved");
        decision.NewPactId.ShouldBeNull();
        decision.Message.ShouldContain("quando il paziente firma il nuovo patto");
        await using var db = app.Database.CreateContext();
        var pacts = await db.Set<PattoDiCura>().Where(p => p.PatientId == patient).OrderBy(p => p.Id).ToListAsync(Ct);
        pacts.Select(p => (p.GestoreId, p.Status)).ShouldBe([(Territory.A.Gestore, PactStatus.Active)]);
    }

    [Fact]
    public async Task RejectChange_WithReason_LeavesThePatientWithTheirGestore()
    {
        var client = await OperatorOf(Territory.A);
        string patient = AtsSeed.ChangeToReject(Territory.A);

        using var response = await client.PostAsJsonAsync(Change(patient), new CommissionDecisionRequest(false, "motivazione del cambio non documentata"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<CommissionDecision>(Ct))!.Message.ShouldContain($"resta in carico a Gestore {Territory.A.Gestore} ({Territory.A.Gestore}).");
        await using var db = app.Database.CreateContext();
        (await db.Set<PattoDiCura>().SingleAsync(p => p.PatientId == patient, Ct)).Status.ShouldBe(PactStatus.Active);
    }

    [Fact]
    public async Task Decision_WithoutOutcome_SaysWhatIsMissing()
    {
        var client = await OperatorOf(Territory.B);

        using var response = await client.PostAsync(Change(Territory.B.Patient), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("errors").GetProperty("approva")[0].GetString()!.ShouldContain("indicare se la richiesta è approvata");
    }

    [Fact]
    public async Task Decision_OnAnotherTerritorysRequest_IsNotFound_AndChangesNothing()
    {
        var client = await OperatorOf(Territory.B);

        using var reclassification = await client.PostAsJsonAsync(Reclassification(Territory.A.Patient), new CommissionDecisionRequest(true, "prova"), Ct);
        using var change = await client.PostAsJsonAsync(Change(Territory.A.Patient), new CommissionDecisionRequest(true, "prova"), Ct);

        reclassification.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        change.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await change.Content.ReadAsStringAsync(Ct)).ShouldNotContain(Territory.A.Patient);
        await using var db = app.Database.CreateContext();
        (await db.Set<CareManagement.Reclassification.ReclassificationRequest>().SingleAsync(r => r.Id == AtsSeed.ReclassificationOf[Territory.A.Patient], Ct)).Status.ShouldBe(RequestStatus.Pending);
        (await db.Set<ChangeOfGestoreRequest>().SingleAsync(r => r.Id == AtsSeed.ChangeOf[Territory.A.Patient], Ct)).Status.ShouldBe(RequestStatus.Pending);
    }

    [Fact]
    public async Task Decision_ByAnAtsController_IsForbidden()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        using var response = await client.PostAsJsonAsync(Reclassification(Territory.A.Patient), new CommissionDecisionRequest(true, "prova"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Page_ShowsEvidence_AndExplainsARejectionWithoutReason()
    {
        var client = await app.PagesAs(Territory.B.UserOf(TerritorioRoles.AtsOperatore));
        string id = AtsSeed.ReclassificationOf[Territory.B.Patient].ToString(CultureInfo.InvariantCulture);

        string page = await client.GetStringAsync("/Ats/Commissione", Ct);
        page.ShouldContain($"data-testid=\"riclassificazione-{id}\"");
        page.ShouldContain("Dati che hanno individuato le patologie");

        using var posted = await client.PostAsync("/Ats/Commissione?handler=Riclassificazione", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id,
            ["approve"] = "false",
            ["reason"] = "",
            ["__RequestVerificationToken"] = app.FormTokenOf(client),
        }), Ct);

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string after = WebUtility.HtmlDecode(await client.GetStringAsync(posted.Headers.Location!.ToString(), Ct));
        after.ShouldContain("Operazione rifiutata: Motivazione: obbligatoria per respingere");
        after.ShouldContain($"data-testid=\"riclassificazione-{id}\"");
    }

    [Fact]
    public async Task Page_DecisionOnAnotherTerritorysRequest_IsRefused_InTheUsersTerms()
    {
        var client = await app.PagesAs(Territory.B.UserOf(TerritorioRoles.AtsOperatore));
        string id = AtsSeed.ChangeOf[Territory.A.Patient].ToString(CultureInfo.InvariantCulture);

        using var posted = await client.PostAsync("/Ats/Commissione?handler=Cambio", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = id,
            ["approve"] = "true",
            ["__RequestVerificationToken"] = app.FormTokenOf(client),
        }), Ct);

        string after = WebUtility.HtmlDecode(await client.GetStringAsync(posted.Headers.Location!.ToString(), Ct));
        after.ShouldContain("non risulta tra le richieste della Commissione dell");
        after.ShouldContain($"({Territory.B.Ats})");
        await using var db = app.Database.CreateContext();
        (await db.Set<ChangeOfGestoreRequest>().SingleAsync(r => r.Id == AtsSeed.ChangeOf[Territory.A.Patient], Ct)).Status.ShouldBe(RequestStatus.Pending);
    }
}
