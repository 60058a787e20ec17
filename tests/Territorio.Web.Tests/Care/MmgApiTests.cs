using System.Net;
using System.Net.Http.Json;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Care.CareApi;

namespace Territorio.Web.Tests.Care;

/// <summary>The GP drafts and proposes, the Gestore decides, the GP sees the outcome; erogatore and patient views.</summary>
[Collection(WebAppCollection.Name)]
public sealed class MmgApiTests(WebAppFixture app)
{
    private const string Patient = CareSeed.NewPatient;
    private const string MmgPai = $"/api/mmg/pazienti/{Patient}/pai";
    private const string GestorePai = $"/api/gestore/pazienti/{Patient}/pai";

    [Fact]
    public async Task MmgDraft_GestoreValidates_MmgProposal_GestoreRejectsWithReason_MmgSeesIt()
    {
        var cm = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));
        var clinician = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreResponsabileClinico));
        var mmg = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Mmg));
        await PostAsync<PactDto>(cm, "/api/gestore/patti", new PactRequest(Patient, null, null, "carta", SignedScans.PdfBase64), HttpStatusCode.Created);

        var listed = (await GetAsync<List<MmgAssistitoDto>>(mmg, "/api/mmg/assistiti")).Single(a => a.Patient.Id == Patient);
        listed.ShouldSatisfyAllConditions(a => a.GestoreId.ShouldBe(Territory.A.Gestore), a => a.Level.ShouldBe(2), a => a.PaiVersion.ShouldBeNull());

        // The GP drafts from the template (a reason is required), the Gestore's clinical manager validates.
        ErrorsOf(await ProblemAsync(mmg, MmgPai + "/bozza", new PaiDraftRequest(" "), HttpStatusCode.BadRequest), "reason").ShouldContain("campo obbligatorio");
        var draft = await PostAsync<PaiVersionDto>(mmg, MmgPai + "/bozza", new PaiDraftRequest("prima stesura dal modello"), HttpStatusCode.Created);
        draft.ShouldSatisfyAllConditions(d => d.Status.ShouldBe("Proposed"), d => d.AuthorRole.ShouldBe("Mmg"));
        (await GetAsync<List<PendingProposalDto>>(clinician, "/api/gestore/proposte")).ShouldContain(p => p.PatientId == Patient && p.IsDraft);
        (await cm.PostAsJsonAsync(GestorePai + "/decisione", new ProposalDecisionRequest(true, null), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var validated = await PostAsync<PaiDto>(clinician, GestorePai + "/decisione", new ProposalDecisionRequest(true, null));
        validated.Versions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(v => v.Status.ShouldBe("Active"), v => v.DecidedBy!.ShouldContain(Territory.A.Gestore));
        await ProblemAsync(mmg, MmgPai + "/bozza", new PaiDraftRequest("di nuovo"), HttpStatusCode.Conflict);

        // The GP proposes one more control visit; the Gestore must give a reason to reject it.
        var items = validated.Versions[0].Items.Select(i => new PaiItemInput(i.Kind, i.Code, i.Description,
            i.Code == CareSeed.Services[0] ? i.PerYear + 1 : i.PerYear, i.FromMonth, i.ToMonth, i.Dosage)).ToList();
        ErrorsOf(await ProblemAsync(mmg, MmgPai + "/proposta", new PaiProposalRequest([new PaiItemInput("cerotto", "x", null, 1, 1, 12, null)], null), HttpStatusCode.BadRequest), "items[0].kind")
            .ShouldContain("tipo di voce non valido");
        await PostAsync<PaiVersionDto>(mmg, MmgPai + "/proposta", new PaiProposalRequest(items, "pressione instabile: un controllo in più"), HttpStatusCode.Created);
        var pending = await GetAsync<PaiDto>(clinician, GestorePai);
        pending.PendingProposalChanges.ShouldHaveSingleItem().ShouldSatisfyAllConditions(c => c.Change.ShouldBe("Changed"), c => c.Code.ShouldBe(CareSeed.Services[0]));
        ErrorsOf(await ProblemAsync(clinician, GestorePai + "/decisione", new ProposalDecisionRequest(false, null), HttpStatusCode.BadRequest), "reason")
            .ShouldBe("Motivazione del rifiuto: campo obbligatorio");
        await PostAsync<PaiDto>(clinician, GestorePai + "/decisione", new ProposalDecisionRequest(false, "controlli già adeguati al livello 2"));

        var seen = await GetAsync<PaiDto>(mmg, MmgPai);
        seen.Versions.Select(v => (v.Number, v.Status)).ShouldBe([(2, "Rejected"), (1, "Active")]);
        seen.Versions[0].DecisionReason.ShouldBe("controlli già adeguati al livello 2");
        var file = await GetAsync<PatientFileDto>(mmg, $"/api/mmg/pazienti/{Patient}");
        file.ShouldSatisfyAllConditions(f => f.FreeSlots.ShouldBeEmpty(), f => f.Contacts.ShouldNotBeNull(), f => f.Pathologies.ShouldContain(p => p.Code == CareSeed.Pathology && p.IsMain));

        var pages = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.Mmg));
        string html = WebUtility.HtmlDecode(await pages.GetStringAsync($"/Mmg/Paziente/{Patient}", TestContext.Current.CancellationToken));
        html.ShouldContain("controlli già adeguati al livello 2");
        (await pages.GetStringAsync("/Mmg/Assistiti", TestContext.Current.CancellationToken)).ShouldContain("versione 1 in vigore");
    }

    [Fact]
    public async Task Mmg_SeesOnlyItsOwnAssistiti_NotAnotherGpsNorAnotherTerritorys()
    {
        var mmg = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Mmg));
        var otherTerritory = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.Mmg));

        (await StatusOfGetAsync(mmg, $"/api/mmg/pazienti/{Territory.A.Patient}")).ShouldBe(HttpStatusCode.OK);
        (await StatusOfGetAsync(mmg, $"/api/mmg/pazienti/{Territory.A.OtherMmgPatient}")).ShouldBe(HttpStatusCode.NotFound);
        (await StatusOfGetAsync(otherTerritory, $"/api/mmg/pazienti/{Territory.A.Patient}")).ShouldBe(HttpStatusCode.NotFound);
        await ProblemAsync(otherTerritory, $"/api/mmg/pazienti/{Territory.A.Patient}/pai/proposta", new PaiProposalRequest(null, null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Erogatore_AgendaListsItsBookings_DeliveryNeedsAValidPastDate_AnotherErogatoreGets404()
    {
        var erogatore = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Erogatore));
        string booking = CareSeed.BookingIds[Territory.A.Key];

        var agenda = await GetAsync<List<BookingDto>>(erogatore, "/api/erogatore/agenda");
        agenda.ShouldContain(b => b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == booking && b.PatientId == Territory.A.Patient);
        ErrorsOf(await ProblemAsync(erogatore, $"/api/erogatore/prenotazioni/{booking}/erogazione", new DeliveryRequest("31/02/2026"), HttpStatusCode.BadRequest), "date")
            .ShouldContain("data non valida");
        var tomorrow = ItalianTime.Today(TimeProvider.System).AddDays(1);
        (await ProblemAsync(erogatore, $"/api/erogatore/prenotazioni/{booking}/erogazione", new DeliveryRequest(ItalianFormat.Date(tomorrow)), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("nel futuro");
        var validation = await erogatore.GetAsync("/api/erogatore/agenda?dal=01/03/2026&al=01/01/2026", TestContext.Current.CancellationToken);
        validation.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var other = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.Erogatore));
        await ProblemAsync(other, $"/api/erogatore/prenotazioni/{booking}/erogazione", new DeliveryRequest(null), HttpStatusCode.NotFound);
        (await GetAsync<List<BookingDto>>(other, "/api/erogatore/agenda")).ShouldNotContain(b => b.PatientId == Territory.A.Patient);
    }

    [Fact]
    public async Task Patient_ReadsOnlyTheirOwnPath_WithoutTheCaseManagersNotes()
    {
        var patient = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Paziente));

        var path = await GetAsync<PatientFileDto>(patient, "/api/paziente/percorso");

        path.ShouldSatisfyAllConditions(
            p => p.Patient.Id.ShouldBe(Territory.A.Patient),
            p => p.Contacts.ShouldBeNull(),
            p => p.FreeSlots.ShouldBeEmpty(),
            p => p.PaiVersions.ShouldNotBeEmpty(),
            p => p.Bookings.ShouldContain(b => b.ServiceCode == CareSeed.Services[0]));
    }
}
