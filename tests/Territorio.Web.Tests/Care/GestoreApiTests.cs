using System.Net;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Care.CareApi;

namespace Territorio.Web.Tests.Care;

/// <summary>The Gestore's API end to end: bookings, contacts and the worklist, tenancy and problem details.</summary>
[Collection(WebAppCollection.Name)]
public sealed class GestoreApiTests(WebAppFixture app)
{
    private static readonly DateOnly Today = ItalianTime.Today(TimeProvider.System);

    private static string PatientUrl(string patient) => $"/api/gestore/pazienti/{patient}";

    [Fact]
    public async Task Gestore_BooksReschedulesAndCancels_WithReasonRequired_AndNoTwice()
    {
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        var file = await GetAsync<PatientFileDto>(cm, PatientUrl(Territory.A.Patient));
        // Adherence measures the active pact's own period (issue 16).
        var pact = file.Pacts.Single(p => p.Status == "Active");
        file.Adherence.ShouldNotBeNull().ShouldSatisfyAllConditions(a => a.PeriodFrom.ShouldBe(pact.StartDate), a => a.PeriodTo.ShouldBe(pact.EndDate));
        // A laboratory test planned several times a year (the visit 89.01 is booked already, at its yearly frequency).
        IReadOnlyList<FreeSlotDto> slots = file.FreeSlots[CareSeed.Services[2]];
        slots.Count.ShouldBeGreaterThan(2);

        var booked = await PostAsync<BookingDto>(cm, PatientUrl(Territory.A.Patient) + "/prenotazioni", new BookRequest(slots[^1].SlotId), HttpStatusCode.Created);
        booked.ShouldSatisfyAllConditions(b => b.Status.ShouldBe("Booked"), b => b.Date.ShouldBe(slots[^1].Date),
            b => b.ErogatoreName.ShouldBe("Poliambulatorio A"), b => b.ServiceDescription.ShouldBe("CREATININA. Non associabile a 90.16.4"));
        string booking = $"{PatientUrl(Territory.A.Patient)}/prenotazioni/{booked.Id}";

        var moved = await PostAsync<BookingDto>(cm, booking + "/spostamento", new RescheduleRequest(slots[^2].SlotId, "richiesta del paziente"));
        (moved.Date, moved.Start).ShouldBe((slots[^2].Date, slots[^2].Start));

        var noReason = await ProblemAsync(cm, booking + "/disdetta", new CancelRequest(null), HttpStatusCode.BadRequest);
        noReason.GetProperty("title").GetString().ShouldBe("Dati non validi");
        ErrorsOf(noReason, "reason").ShouldBe("Motivo della disdetta: campo obbligatorio");

        (await PostAsync<BookingDto>(cm, booking + "/disdetta", new CancelRequest("ricovero programmato"))).ShouldSatisfyAllConditions(
            b => b.Status.ShouldBe("Cancelled"), b => b.CancelReason.ShouldBe("ricovero programmato"));
        var twice = await ProblemAsync(cm, booking + "/disdetta", new CancelRequest("ancora"), HttpStatusCode.Conflict);
        twice.GetProperty("title").GetString().ShouldBe("Operazione rifiutata");
        twice.GetProperty("detail").GetString()!.ShouldContain("annullata");
    }

    [Fact]
    public async Task SlotSearch_AnswersTheErogatoreAndServiceByName_BesideTheirCodes()
    {
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

        var page = await GetAsync<SlotSearchDto>(cm, $"/api/gestore/slot?prestazione=90.16.3&dal={ItalianFormat.Date(Today.AddDays(1))}&al={ItalianFormat.Date(Today.AddDays(40))}");

        page.Slots.ShouldNotBeEmpty();
        page.Slots.ShouldAllBe(s => s.ServiceDescription == "CREATININA. Non associabile a 90.16.4");
        page.Slots.Where(s => s.ErogatoreId == Territory.A.Erogatore).ShouldNotBeEmpty();
        page.Slots.Where(s => s.ErogatoreId == Territory.A.Erogatore).ShouldAllBe(s => s.ErogatoreName == "Poliambulatorio A");
    }

    [Fact]
    public async Task Gestore_OfAnotherTerritory_CannotReadOrBookOrContactThePatient()
    {
        var other = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.GestoreResponsabileClinico));

        (await StatusOfGetAsync(other, PatientUrl(Territory.A.Patient))).ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(other, PatientUrl(Territory.A.Patient) + "/prenotazioni", new BookRequest(1), HttpStatusCode.NotFound))
            .GetProperty("detail").GetString()!.ShouldNotContain(Territory.A.Patient);
        await ProblemAsync(other, PatientUrl(Territory.A.Patient) + "/contatti", new ContactRequest("telefonata", null, "raggiunto", "x"), HttpStatusCode.NotFound);
        await ProblemAsync(other, PatientUrl(Territory.A.Patient) + "/pai", new PaiWriteRequest(true, null, null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Gestore_SignsPactToday_ThePatientIsOnTheWorklistAtOnce_WithThePaiDeadline_AndRecordsContact()
    {
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        string patient = Territory.A.OtherMmgPatient;
        var pact = await PostAsync<PactDto>(cm, "/api/gestore/patti", new PactRequest(patient, null, ItalianFormat.Date(Today), "carta", SignedScans.PdfBase64), HttpStatusCode.Created);
        pact.ShouldSatisfyAllConditions(p => p.GestoreId.ShouldBe(Territory.A.Gestore), p => p.Status.ShouldBe("Active"));

        // Signed today (a pact never starts before its signature): listed at once, its PAI to be written within 30 days;
        // how a contact lowers the worklist is FollowUpTests' (CareManagement.Application.Tests).
        pact.StartDate.ShouldBe(Today);
        var entry = (await GetAsync<List<WorklistEntryDto>>(cm, "/api/gestore/worklist")).Single(e => e.PatientId == patient);
        entry.ShouldSatisfyAllConditions(e => e.MostUrgent.ShouldBe("PaiToWrite"),
            e => e.Findings.ShouldHaveSingleItem().Detail.ShouldBe($"PAI da redigere entro il {ItalianFormat.Date(Today.AddDays(29))}"));

        var bad = await ProblemAsync(cm, PatientUrl(patient) + "/contatti", new ContactRequest("fax", "32/01/2026", "forse", null), HttpStatusCode.BadRequest);
        ErrorsOf(bad, "kind").ShouldContain("telefonata, visita, messaggio");
        ErrorsOf(bad, "outcome").ShouldContain("raggiunto");
        ErrorsOf(bad, "date").ShouldContain("gg/mm/aaaa");
        var future = await ProblemAsync(cm, PatientUrl(patient) + "/contatti", new ContactRequest("telefonata", ItalianFormat.Date(Today.AddDays(1)), "raggiunto", null), HttpStatusCode.Conflict);
        future.GetProperty("detail").GetString()!.ShouldContain("nel futuro");

        var contact = await PostAsync<ContactDto>(cm, PatientUrl(patient) + "/contatti", new ContactRequest("telefonata", null, "raggiunto", "concordata la prima visita"), HttpStatusCode.Created);
        contact.ShouldSatisfyAllConditions(c => c.Date.ShouldBe(Today), c => c.Kind.ShouldBe("PhoneCall"), c => c.Author.ShouldContain(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager)));

        (await GetAsync<List<ContactDto>>(cm, PatientUrl(patient) + "/contatti")).ShouldHaveSingleItem().Note.ShouldBe("concordata la prima visita");

        var page = await (await app.PagesAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager))).GetStringAsync($"/Gestore/Paziente/{patient}", TestContext.Current.CancellationToken);
        page.ShouldContain("concordata la prima visita");
        page.ShouldContain("Nessun PAI in vigore");
    }

    [Fact]
    public async Task Candidature_SubmittedByGestore_ListedForItsAts_DecisionNeedsAReason_OtherAtsCannotReachIt()
    {
        var gestore = await app.ApiAs(CareSeed.PendingGestoreClinicalManager);
        (await ProblemAsync(gestore, "/api/gestore/candidature", new CandidatureRequest(null), HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("level");
        var applied = await PostAsync<CandidatureDto>(gestore, "/api/gestore/candidature", new CandidatureRequest(3), HttpStatusCode.Created);
        applied.ShouldSatisfyAllConditions(c => c.Ats.ShouldBe(Territory.A.Ats), c => c.Status.ShouldBe("Pending"));
        await ProblemAsync(gestore, "/api/gestore/candidature", new CandidatureRequest(3), HttpStatusCode.Conflict);

        var ats = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));
        (await GetAsync<List<CandidatureDto>>(ats, "/api/ats/candidature")).ShouldContain(c => c.GestoreId == CareSeed.PendingGestore && c.Level == 3);
        var noReason = await ProblemAsync(ats, $"/api/ats/candidature/{CareSeed.PendingGestore}/decisione", new CandidatureDecisionRequest(3, false, null), HttpStatusCode.BadRequest);
        ErrorsOf(noReason, "reason").ShouldBe("Motivazione del rifiuto: campo obbligatorio");
        var rejected = await PostAsync<CandidatureDto>(ats, $"/api/ats/candidature/{CareSeed.PendingGestore}/decisione", new CandidatureDecisionRequest(3, false, "requisiti del livello 3 non dimostrati"));
        rejected.ShouldSatisfyAllConditions(c => c.Status.ShouldBe("Rejected"), c => c.DecisionReason.ShouldBe("requisiti del livello 3 non dimostrati"));

        var otherAts = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.AtsOperatore));
        await ProblemAsync(otherAts, $"/api/ats/candidature/{CareSeed.PendingGestore}/decisione", new CandidatureDecisionRequest(2, true, null), HttpStatusCode.NotFound);
        (await GetAsync<List<CandidatureDto>>(otherAts, "/api/ats/candidature")).ShouldNotContain(c => c.GestoreId == CareSeed.PendingGestore);
    }

    [Fact]
    public async Task OpenApi_DescribesTheCareEndpoints()
    {
        using var anonymous = app.Anonymous();
        string document = await anonymous.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        foreach (string path in new[]
        {
            "/api/gestore/worklist", "/api/gestore/pazienti/{patientId}/pai/decisione", "/api/gestore/pazienti/{patientId}/contatti",
            "/api/gestore/pazienti/{patientId}/prenotazioni/{bookingId}/spostamento", "/api/mmg/pazienti/{patientId}/pai/proposta",
            "/api/erogatore/prenotazioni/{bookingId}/erogazione", "/api/paziente/percorso", "/api/ats/candidature/{gestoreId}/decisione",
        })
        {
            document.ShouldContain($"\"{path}\"");
        }
    }
}
