using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>Contests through the API: the structure opens, the ATS decides, refusals name the field or the conflict, the export carries it all.</summary>
[Collection(WebAppCollection.Name)]
public sealed class VerdictContestApiTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Task<HttpClient> Controller => app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Json, Ct));

    [Fact]
    public async Task Structure_Contests_AtsAnnuls_ThenExportAndListCarryTheHistory()
    {
        var run = await ContestSeed.CreateAsync(app, Ct);
        var structure = await app.ApiAs(run.StructureUser);
        var ats = await Controller;

        using var opened = await structure.PostAsJsonAsync(run.ContestApi(ContestSeed.OutOfScopeLine), new ContestRequest("l'MDC corretto è 8: la SDO è stata rettificata"), Ct);
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync(Ct));
        var contest = (await opened.Content.ReadFromJsonAsync<ContestDto>(Json, Ct))!;
        contest.ShouldSatisfyAllConditions(
            () => contest.State.ShouldBe("contestato"),
            () => contest.StructureLabel.ShouldBe(run.Label),
            () => contest.OpenedBy.ShouldContain(run.StructureUser));

        using var decided = await ats.PostAsJsonAsync(run.ContestApi(ContestSeed.OutOfScopeLine) + "/decisione", new ContestDecisionRequest("annullato", "MDC 8 confermato dalla SDO rettificata del 10/07"), Ct);
        decided.StatusCode.ShouldBe(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync(Ct));
        var seenByStructure = (await structure.GetFromJsonAsync<ContestDto>(run.ContestApi(ContestSeed.OutOfScopeLine), Json, Ct))!;
        seenByStructure.ShouldSatisfyAllConditions(
            () => seenByStructure.State.ShouldBe("annullato"),
            () => seenByStructure.DecidedBy.ShouldNotBeNull().ShouldContain(Territory.A.UserOf(TerritorioRoles.AtsControllore)),
            () => seenByStructure.DecisionReason.ShouldBe("MDC 8 confermato dalla SDO rettificata del 10/07"),
            () => seenByStructure.DecidedAtUtc.ShouldNotBeNull());

        string csv = await ats.GetStringAsync($"/api/riabilitazione/esecuzioni/{run.RunId}/giudizi.csv", Ct);
        string[] lines = csv.TrimEnd('\n').Split('\n');
        lines[0].ShouldContain(",ruleset," + Territorio.Web.Rehab.RehabRunFiles.ContestColumns + ",discipline,");
        lines[0].ShouldStartWith(Territorio.Web.Rehab.RehabPipelineAdapter.VerdictCsvHeader);
        string annulledRow = lines.Single(l => l.StartsWith(RehabSeed.Record(Territory.A, 3) + ",", StringComparison.Ordinal));
        annulledRow.ShouldContain(",annullato,");
        annulledRow.ShouldContain("l'MDC corretto è 8: la SDO è stata rettificata");
        annulledRow.ShouldContain("MDC 8 confermato dalla SDO rettificata del 10/07");
        lines.Single(l => l.StartsWith(RehabSeed.Record(Territory.A, 1) + ",", StringComparison.Ordinal)).ShouldContain("PROVISIONAL,,,,,,,,", Case.Sensitive); // no contest: its columns are empty, the disciplines follow

        string jsonl = await structure.GetStringAsync($"/api/riabilitazione/esecuzioni/{run.RunId}/giudizi.jsonl", Ct);
        var annulled = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("record_id").GetString() == RehabSeed.Record(Territory.A, 3));
        annulled.GetProperty("contest").GetProperty("state").GetString().ShouldBe("annullato");

        var summary = (await ats.GetFromJsonAsync<RehabRunDto>($"/api/riabilitazione/esecuzioni/{run.RunId}", Json, Ct))!;
        summary.Contests.ShouldBe(new Territorio.Web.Rehab.ContestCounts(0, 0, 1));
        var list = (await ats.GetFromJsonAsync<RehabPageDto<ContestDto>>($"/api/riabilitazione/contestazioni?struttura={run.Structure}&stato=annullato", Json, Ct))!;
        list.Items.ShouldHaveSingleItem().RecordId.ShouldBe(RehabSeed.Record(Territory.A, 3));
    }

    [Fact]
    public async Task Refusals_NameTheFieldOrTheConflict_InItalian()
    {
        var run = await ContestSeed.CreateAsync(app, Ct);
        var structure = await app.ApiAs(run.StructureUser);
        var ats = await Controller;
        string api = run.ContestApi(ContestSeed.StrokeLine);

        using var noNote = await structure.PostAsJsonAsync(api, new ContestRequest("  "), Ct);
        noNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(noNote)).GetProperty("errors").GetProperty("nota")[0].GetString().ShouldBe("la nota è obbligatoria: scrivere perché il giudizio non è corretto");

        using var nothingToDecide = await ats.PostAsJsonAsync(api + "/decisione", new ContestDecisionRequest("confermato", null), Ct);
        nothingToDecide.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAsync(nothingToDecide)).GetProperty("detail").GetString().ShouldBe("Operazione rifiutata: il giudizio non è contestato: non c'è nulla da decidere.");

        using var first = await structure.PostAsJsonAsync(api, new ContestRequest("il ricovero per acuti è collegato"), Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var second = await structure.PostAsJsonAsync(api, new ContestRequest("ancora"), Ct);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAsync(second)).GetProperty("detail").GetString()!.ShouldContain("è già contestato");

        using var noOutcome = await ats.PostAsJsonAsync(api + "/decisione", new ContestDecisionRequest("respinto", null), Ct);
        noOutcome.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(noOutcome)).GetProperty("errors").GetProperty("esito")[0].GetString()!.ShouldStartWith("esito della decisione obbligatorio");

        using var shortReason = await ats.PostAsJsonAsync(api + "/decisione", new ContestDecisionRequest("annullato", "no"), Ct);
        shortReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemAsync(shortReason)).GetProperty("errors").GetProperty("motivazione")[0].GetString()!.ShouldContain("almeno 20 caratteri");

        using var confirmed = await ats.PostAsJsonAsync(api + "/decisione", new ContestDecisionRequest("confermato", null), Ct);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var again = await ats.PostAsJsonAsync(api + "/decisione", new ContestDecisionRequest("annullato", "cambio idea dopo la conferma data"), Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemAsync(again)).GetProperty("detail").GetString()!.ShouldContain("la decisione è definitiva");
    }

    [Fact]
    public async Task OtherStructuresAdmission_OrAnotherAts_IsNotFound_WhateverTheBody()
    {
        var run = await ContestSeed.CreateAsync(app, Ct);
        var structure = await app.ApiAs(run.StructureUser);
        var otherAts = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.AtsControllore));

        // Line 4 is the other structure's spinal stay.
        using var other = await structure.PostAsJsonAsync(run.ContestApi(4), new ContestRequest("non è nostro"), Ct);
        using var foreign = await otherAts.GetAsync(run.ContestApi(ContestSeed.StrokeLine), Ct);
        using var ward = await (await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Reparto))).PostAsJsonAsync(run.ContestApi(ContestSeed.StrokeLine), new ContestRequest("nota"), Ct);
        using var atsOpens = await (await Controller).PostAsJsonAsync(run.ContestApi(ContestSeed.StrokeLine), new ContestRequest("nota"), Ct);

        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ward.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        atsOpens.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
