using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Territorio.Synthetic;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>The rehab runs through the API: upload, summary, verdicts, indicators, downloads, tenancy.</summary>
[Collection(WebAppCollection.Name)]
public sealed class RehabRunApiTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Task<HttpClient> Ats(Territory t) => app.ApiAs(t.UserOf(TerritorioRoles.AtsControllore));

    private Task<HttpClient> Structure(Territory t) => app.ApiAs(t.UserOf(TerritorioRoles.Struttura));

    private static string RunOf(Territory t) => $"/api/riabilitazione/esecuzioni/{RehabSeed.RunIds[t.Key]}";

    public static string GeneratedSdo(int acute, int rehab, int seed)
    {
        using var text = new StringWriter();
        SdoGenerator.Write(text, acute, rehab, seed);
        return text.ToString();
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Upload_GeneratedSdo_IsCheckedAndKeptForTheUploadersAts()
    {
        var client = await Ats(Territory.A);

        using var response = await client.PostAsync("/api/riabilitazione/esecuzioni?nome=flusso.csv", Csv(GeneratedSdo(400, 60, 7)), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var run = (await response.Content.ReadFromJsonAsync<RehabRunDto>(Json, Ct))!;
        response.Headers.Location!.ToString().ShouldBe($"/api/riabilitazione/esecuzioni/{run.Id}");
        run.ShouldSatisfyAllConditions(
            () => run.FileName.ShouldBe("flusso.csv"),
            () => run.RuleSet.Provisional.ShouldBeTrue(),
            () => run.RuleSet.Id.ShouldNotBeNullOrEmpty(),
            () => run.RehabAdmissions.ShouldBeGreaterThan(0),
            () => (run.Appropriate + run.Inappropriate + run.NotAssessable + run.OutOfScope).ShouldBe(run.RehabAdmissions),
            () => (run.AcuteRows + run.RehabAdmissions + run.RejectedRows).ShouldBe(run.DataRows));

        var page = await client.GetFromJsonAsync<RehabPageDto<RehabVerdictDto>>($"/api/riabilitazione/esecuzioni/{run.Id}/giudizi", Json, Ct);
        page!.Total.ShouldBe(run.RehabAdmissions);
        page.Items.Count.ShouldBe(Math.Min(50, run.RehabAdmissions));
        page.Items.ShouldAllBe(v => v.Checks.Count > 0 && v.Reasons.Length > 0 && v.Article.StartsWith("art.", StringComparison.Ordinal));

        using var other = await (await Ats(Territory.B)).GetAsync($"/api/riabilitazione/esecuzioni/{run.Id}", Ct);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Summary_OfTheSeededRun_CountsRowsVerdictsAndRejections()
    {
        var run = (await (await Ats(Territory.A)).GetFromJsonAsync<RehabRunDto>(RunOf(Territory.A), Json, Ct))!;

        run.ShouldSatisfyAllConditions(
            () => run.DataRows.ShouldBe(5),
            () => run.AcuteRows.ShouldBe(1),
            () => run.RehabAdmissions.ShouldBe(3),
            () => run.RejectedRows.ShouldBe(1),
            () => run.Appropriate.ShouldBe(2),
            () => run.OutOfScope.ShouldBe(1),
            () => run.Structure.ShouldBeNull());
    }

    [Fact]
    public async Task Verdicts_ExplainArticleLevelAndPostAcuteLink()
    {
        var page = await (await Ats(Territory.A)).GetFromJsonAsync<RehabPageDto<RehabVerdictDto>>(RunOf(Territory.A) + "/giudizi", Json, Ct);

        var stroke = page!.Items.Single(v => v.RecordId == RehabSeed.Record(Territory.A, 1));
        stroke.ShouldSatisfyAllConditions(
            () => stroke.Verdict.ShouldBe("appropriate"),
            () => stroke.VerdictLabel.ShouldBe("appropriato"),
            () => stroke.Article.ShouldBe("art.3 c.1 lett.b"),
            () => stroke.Level.ShouldBe("56a"),
            () => stroke.PostAcute.ShouldBeTrue(),
            () => stroke.AcuteRecordId.ShouldBe("AA-0001"),
            () => stroke.IntervalDays.ShouldBe(4),
            () => stroke.Discipline.ShouldBe(56),
            () => stroke.DisciplineName.ShouldBe("Recupero e riabilitazione funzionale"),
            () => stroke.AcuteDiscipline.ShouldBe(32),
            () => stroke.AcuteDisciplineName.ShouldBe("Neurologia"),
            () => stroke.Checks.ShouldContain(c => c.Rule == "annex5_interval" && c.Outcome == "passed" && c.Inputs["interval_days"] == "4"));
        var spinal = page.Items.Single(v => v.RecordId == RehabSeed.Record(Territory.A, 2));
        spinal.Article.ShouldBe("art.4 c.3");
        spinal.Level.ShouldBe("28");
        page.Items.Single(v => v.RecordId == RehabSeed.Record(Territory.A, 3)).Verdict.ShouldBe("out_of_scope");
    }

    [Theory]
    [InlineData("esito=out_of_scope", 1)]
    [InlineData("disciplina=28", 1)]
    [InlineData("livello=56a", 1)]
    [InlineData("livello=nessuno", 1)]
    [InlineData("struttura=SA", 2)]
    [InlineData("struttura=SA&esito=appropriate", 1)]
    public async Task Verdicts_Filtered_KeepOnlyMatchingRows(string query, int expected)
    {
        var page = await (await Ats(Territory.A)).GetFromJsonAsync<RehabPageDto<RehabVerdictDto>>(RunOf(Territory.A) + "/giudizi?" + query, Json, Ct);

        page!.Total.ShouldBe(expected);
        page.Items.Count.ShouldBe(expected);
    }

    [Fact]
    public async Task Verdicts_UnknownVerdictFilter_Is400NamingTheField()
    {
        using var response = await (await Ats(Territory.A)).GetAsync(RunOf(Territory.A) + "/giudizi?esito=buono&disciplina=33", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Dati non validi");
        problem.RootElement.GetProperty("errors").GetProperty("esito")[0].GetString()!.ShouldContain("esito \"buono\" sconosciuto");
        problem.RootElement.GetProperty("errors").GetProperty("disciplina")[0].GetString()!.ShouldContain("non di riabilitazione");
    }

    [Fact]
    public async Task RejectedRows_NameLineColumnAndReason()
    {
        var page = await (await Ats(Territory.A)).GetFromJsonAsync<RehabPageDto<RehabErrorDto>>(RunOf(Territory.A) + "/scarti", Json, Ct);

        var error = page!.Items.ShouldHaveSingleItem();
        error.Line.ShouldBe(6);
        error.Column.ShouldBe("admission_date");
        error.Value.ShouldBe("2025-02-30");
        error.Reason.ShouldContain("data non valida");
    }

    [Fact]
    public async Task Indicators_PerStructureDisciplineMdcAndLevel()
    {
        var rows = (await (await Ats(Territory.A)).GetFromJsonAsync<List<RehabIndicatorDto>>(RunOf(Territory.A) + "/indicatori", Json, Ct))!;

        rows.Select(r => r.Dimension).Distinct().ShouldBe(["totale", "struttura", "disciplina", "mdc", "livello"]);
        var sa = rows.Single(r => r.Dimension == "struttura" && r.Value == Territory.A.Structure);
        sa.Total.ShouldBe(2);
        sa.Appropriate.ShouldBe(1);
        sa.OutOfScope.ShouldBe(1);
        sa.ShareAppropriate.ShouldBe(1.0);
        sa.MedianIntervalDays.ShouldBe(4);
    }

    [Fact]
    public async Task Downloads_HaveTheLayoutsOfTheCli()
    {
        var client = await Ats(Territory.A);

        string csv = await client.GetStringAsync(RunOf(Territory.A) + "/giudizi.csv", Ct);
        string jsonl = await client.GetStringAsync(RunOf(Territory.A) + "/giudizi.jsonl", Ct);
        string errors = await client.GetStringAsync(RunOf(Territory.A) + "/scarti.csv", Ct);

        string[] lines = csv.TrimEnd('\n').Split('\n');
        // The CLI's columns, then the contest's (decision 0200), then the discipline with its name (issue 16).
        lines[0].ShouldBe("record_id,verdict,post_acute,acute_record_id,interval_days,article,level,reasons,ruleset,"
            + Territorio.Web.Rehab.RehabRunFiles.ContestColumns + ",discipline,discipline_name");
        lines.Length.ShouldBe(4);
        lines[1].ShouldStartWith($"{RehabSeed.Record(Territory.A, 1)},appropriate,true,AA-0001,4,art.3 c.1 lett.b,56a,");
        lines[1].ShouldContain(" PROVISIONAL,contestato,");
        lines[1].ShouldEndWith(",56,Recupero e riabilitazione funzionale");
        lines[2].ShouldEndWith(" PROVISIONAL,,,,,,,,28,Unità spinale");
        using var first = JsonDocument.Parse(jsonl.Split('\n')[0]);
        first.RootElement.GetProperty("record_id").GetString().ShouldBe(RehabSeed.Record(Territory.A, 1));
        first.RootElement.GetProperty("ruleset").GetProperty("status").GetString().ShouldBe("PROVISIONAL");
        first.RootElement.GetProperty("checks").EnumerateArray().ShouldContain(c => c.GetProperty("rule").GetString() == "annex5_interval");
        errors.ShouldStartWith("file,line,column,value,reason\n");
        errors.ShouldContain($"{RehabSeed.FileName(Territory.A)},6,admission_date,2025-02-30,");
    }

    [Fact]
    public async Task OpenApi_DescribesTheUploadBodyAsCsv()
    {
        using var client = app.Anonymous();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));

        var upload = document.RootElement.GetProperty("paths").GetProperty("/api/riabilitazione/esecuzioni").GetProperty("post");
        upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("text/csv", out _).ShouldBeTrue();
        upload.GetProperty("tags")[0].GetString().ShouldBe("Riabilitazione");
    }

    [Fact]
    public async Task Upload_NotCsv_Is415InItalian()
    {
        using var response = await (await Ats(Territory.A)).PostAsync("/api/riabilitazione/esecuzioni", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Content-Type: text/csv");
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_Is413()
    {
        var body = new ByteArrayContent(new byte[(WebAppFixture.UploadLimitMegabytes * 1024 * 1024) + 1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await (await Ats(Territory.A)).PostAsync("/api/riabilitazione/esecuzioni", body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("supera il limite di 1 MB");
    }

    [Theory]
    [InlineData("utf16.csv", "codifica UTF-16")]
    [InlineData("binario.csv", "byte nullo")]
    public async Task Upload_NotUtf8Text_Is400NamingTheEncoding_UnderItsOwnName(string name, string expected)
    {
        var client = await Ats(Territory.B);
        byte[] bytes = name == "utf16.csv"
            ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("record_id,patient_id\nR1,P1\n")]
            : [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00];
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        using var response = await client.PostAsync($"/api/riabilitazione/esecuzioni?nome={name}", body, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        string text = await response.Content.ReadAsStringAsync(Ct);
        text.ShouldContain($"{name}, riga 1: ");
        text.ShouldContain(expected);
        text.ShouldNotContain("territorio-sdo-");
    }

    [Fact]
    public async Task Upload_HeaderWithoutAColumn_Is400NamingTheColumn_AndKeepsNothing()
    {
        var client = await Ats(Territory.B);
        int before = (await client.GetFromJsonAsync<List<RehabRunDto>>("/api/riabilitazione/esecuzioni", Json, Ct))!.Count;

        using var response = await client.PostAsync("/api/riabilitazione/esecuzioni?nome=corto.csv", Csv("record_id,patient_id\nR1,P1\n"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("corto.csv, riga 1, colonna birth_date: colonna mancante");
        (await client.GetFromJsonAsync<List<RehabRunDto>>("/api/riabilitazione/esecuzioni", Json, Ct))!.Count.ShouldBe(before);
    }

    [Fact]
    public async Task Structure_SeesOnlyItsOwnAdmissions_AndNoFileWideData()
    {
        var client = await Structure(Territory.A);

        var runs = await client.GetFromJsonAsync<List<RehabRunDto>>("/api/riabilitazione/esecuzioni", Json, Ct);
        var run = runs!.ShouldHaveSingleItem();
        var page = await client.GetFromJsonAsync<RehabPageDto<RehabVerdictDto>>(RunOf(Territory.A) + "/giudizi", Json, Ct);
        var indicators = await client.GetFromJsonAsync<List<RehabIndicatorDto>>(RunOf(Territory.A) + "/indicatori", Json, Ct);
        string csv = await client.GetStringAsync(RunOf(Territory.A) + "/giudizi.csv", Ct);
        using var errors = await client.GetAsync(RunOf(Territory.A) + "/scarti", Ct);

        run.ShouldSatisfyAllConditions(
            () => run.Structure.ShouldBe(Territory.A.Structure),
            () => run.RehabAdmissions.ShouldBe(2),
            () => run.DataRows.ShouldBeNull(),
            () => run.RejectedRows.ShouldBeNull());
        page!.Items.Select(v => v.RecordId).ShouldBe([RehabSeed.Record(Territory.A, 1), RehabSeed.Record(Territory.A, 3)]);
        indicators!.Where(i => i.Dimension == "struttura").Select(i => i.Value).ShouldBe([Territory.A.Structure]);
        csv.ShouldNotContain(RehabSeed.Record(Territory.A, 2));
        errors.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Structure_OfAnotherAts_DoesNotFindTheRun()
    {
        var client = await Structure(Territory.B);

        using var summary = await client.GetAsync(RunOf(Territory.A), Ct);
        using var verdicts = await client.GetAsync(RunOf(Territory.A) + "/giudizi.csv", Ct);

        summary.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        verdicts.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Ward_CannotReadRuns()
    {
        using var response = await (await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Reparto))).GetAsync(RunOf(Territory.A), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
