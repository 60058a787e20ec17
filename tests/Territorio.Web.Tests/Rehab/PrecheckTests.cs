using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Territorio.Flows.Reference;
using Territorio.Web.Rehab;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>The ward's pre-admission check (DM 5/8/2021 art.3 c.5) on the pure engine, with the shipped rule set.</summary>
public sealed class PrecheckTests
{
    private static readonly Lazy<RehabPrecheck> Engine = new(() =>
    {
        var data = ReferenceData.Default();
        return new RehabPrecheck(RehabPipelineAdapter.Load(data, null).Rules, data.Icd9Cm);
    });

    /// <summary>A stroke discharged from neurology on 1 March, planned for 56 four days later, with four Annex-3 codes.</summary>
    public static PrecheckRequest Stroke => new(
        BirthDate: "10/05/1950", Age: null, Sex: "F", Mdc: 1, Discipline: 56, Regime: 1, AdmissionDate: "05/03/2026",
        PrincipalDiagnosis: "43811", SecondaryDiagnoses: ["342.90", "428.0", "427.31"], Procedures: ["93.11"],
        AcuteDischargeDate: "01/03/2026", AcuteDiscipline: 32, Scales: null);

    private static PrecheckResponse Valid(PrecheckRequest request)
    {
        var (result, validation) = Engine.Value.Judge(request);
        validation.Errors.ShouldBeEmpty();
        return result!;
    }

    private static IReadOnlyDictionary<string, string[]> Invalid(PrecheckRequest request)
    {
        var (result, validation) = Engine.Value.Judge(request);
        result.ShouldBeNull();
        return validation.Errors;
    }

    [Fact]
    public void Art3c1_StrokeWithFourAnnex3Codes_Gives56a_PostAcute()
    {
        var result = Valid(Stroke);

        result.ShouldSatisfyAllConditions(
            () => result.Verdict.ShouldBe("appropriate"),
            () => result.VerdictLabel.ShouldBe("appropriato"),
            () => result.Article.ShouldBe("art.3 c.1 lett.b"),
            () => result.Level.ShouldBe("56a"),
            () => result.PostAcute.ShouldBeTrue(),
            () => result.IntervalDays.ShouldBe(4),
            () => result.RuleSet.Provisional.ShouldBeTrue(),
            () => result.Reasons.ShouldContain("438.11"),
            () => result.Notice.ShouldContain("non sono salvati"));
    }

    [Fact]
    public void Art3c3_SpinalCordInjuryAfterAcuteStay_Gives28()
    {
        var result = Valid(Stroke with { Discipline = 28, PrincipalDiagnosis = "806.00", SecondaryDiagnoses = ["344.1"], AcuteDiscipline = 36 });

        result.Verdict.ShouldBe("appropriate");
        result.Article.ShouldBe("art.3 c.3");
        result.Level.ShouldBe("28");
    }

    [Fact]
    public void Art1_Mdc3_IsOutOfScope()
    {
        var result = Valid(Stroke with { Mdc = 3, PrincipalDiagnosis = "386.11", SecondaryDiagnoses = [] });

        result.Verdict.ShouldBe("out_of_scope");
        result.Article.ShouldBe("art.1 c.1");
        result.Checks.ShouldContain(c => c.Rule == "scope" && c.Outcome == "failed" && c.Detail.Contains("MDC 3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(17, "out_of_scope")]
    [InlineData(18, "appropriate")]
    public void Art1_AgeGivenInsteadOfBirthDate_CountsOnTheAdmissionDay(int age, string verdict) =>
        Valid(Stroke with { BirthDate = null, Age = age }).Verdict.ShouldBe(verdict);

    [Fact]
    public void Art2c3_AcuteDischargeMoreThanTwelveMonthsBefore_IsJudgedByArt4()
    {
        var result = Valid(Stroke with { AcuteDischargeDate = "04/03/2025" });

        result.PostAcute.ShouldBeFalse();
        result.Article.ShouldBe("art.4 c.1 lett.a");
        result.Level.ShouldBe("56a");
    }

    [Fact]
    public void Art3c6_IntervalBeyondAnnex5_IsJudgedByArt4()
    {
        var result = Valid(Stroke with { AcuteDischargeDate = "01/11/2025" });

        result.PostAcute.ShouldBeTrue();
        result.Checks.ShouldContain(c => c.Article == "art.3 c.6");
        result.Article.ShouldStartWith("art.4");
    }

    [Fact]
    public void UnknownCode_NamesTheFieldAndTheCode()
    {
        var errors = Invalid(Stroke with { SecondaryDiagnoses = ["428.0", "999.99"], Procedures = ["XYZ"] });

        errors["secondaryDiagnoses"].ShouldHaveSingleItem().ShouldBe("diagnosi secondarie: il codice 999.99 non esiste nell'ICD-9-CM 2007 italiano");
        errors["procedures"].ShouldHaveSingleItem().ShouldBe("procedure: \"XYZ\" non è un codice ICD-9-CM di procedura");
    }

    [Fact]
    public void MissingFields_AreEachNamed()
    {
        var errors = Invalid(new PrecheckRequest(null, null, null, null, null, null, null, null, null, null, "01/03/2026", null, null));

        errors.Keys.ShouldBe(["admissionDate", "birthDate", "sex", "mdc", "discipline", "principalDiagnosis", "acuteDiscipline"], ignoreOrder: true);
        errors["birthDate"][0].ShouldBe("indicare la data di nascita o l'età");
    }

    [Fact]
    public void AcuteDischargeAfterAdmission_IsRefused() =>
        Invalid(Stroke with { AcuteDischargeDate = "06/03/2026" })["acuteDischargeDate"][0].ShouldContain("segue l'ammissione");

    [Fact]
    public void TooManySecondaryDiagnoses_AreRefused() =>
        Invalid(Stroke with { SecondaryDiagnoses = ["401.9", "428.0", "427.31", "250.00", "599.0", "272.4"] })["secondaryDiagnoses"][0].ShouldContain("al massimo 5");
}

/// <summary>The pre-check over HTTP: the API for ward accounts, the page with its form.</summary>
[Collection(WebAppCollection.Name)]
public sealed class PrecheckHttpTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_Ward_GetsTheVerdict()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Reparto));

        using var response = await client.PostAsJsonAsync("/api/riabilitazione/precheck", PrecheckTests.Stroke, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        body.RootElement.GetProperty("verdict").GetString().ShouldBe("appropriate");
        body.RootElement.GetProperty("article").GetString().ShouldBe("art.3 c.1 lett.b");
        body.RootElement.GetProperty("level").GetString().ShouldBe("56a");
    }

    [Fact]
    public async Task Api_BadCode_Is400ProblemNamingTheField()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Reparto));

        using var response = await client.PostAsJsonAsync("/api/riabilitazione/precheck", PrecheckTests.Stroke with { PrincipalDiagnosis = "123.456" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Dati non validi");
        problem.RootElement.GetProperty("errors").GetProperty("principalDiagnosis")[0].GetString()
            .ShouldBe("diagnosi principale: \"123.456\" non è un codice ICD-9-CM di diagnosi");
    }

    [Fact]
    public async Task Api_AtsAccount_IsRefused()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        using var response = await client.PostAsJsonAsync("/api/riabilitazione/precheck", PrecheckTests.Stroke, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Page_FormPost_ShowsVerdictAndSaysNothingIsStored()
    {
        var client = await app.PagesAs(Territory.B.UserOf(TerritorioRoles.Reparto));
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = app.FormTokenOf(client),
            ["age"] = "75",
            ["sex"] = "M",
            ["mdc"] = "1",
            ["discipline"] = "28",
            ["regime"] = "1",
            ["admissionDate"] = "05/03/2026",
            ["principalDiagnosis"] = "80600",
            ["secondaryDiagnoses"] = "344.1",
            ["procedures"] = "",
            ["acuteDischargeDate"] = "20/02/2026",
            ["acuteDiscipline"] = "36",
        };

        using var response = await client.PostAsync("/Reparto/PreRicovero", new FormUrlEncodedContent(form), Ct);
        string html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("data-testid=\"esito\">appropriato<");
        html.ShouldContain("data-testid=\"articolo\">art.3 c.3<");
        html.ShouldContain("Nessun dato viene salvato.");
    }

    [Fact]
    public async Task Page_NotANumber_IsNamedBesideTheField()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.Reparto));
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = app.FormTokenOf(client),
            ["age"] = "75",
            ["sex"] = "F",
            ["mdc"] = "uno",
            ["discipline"] = "56",
            ["admissionDate"] = "05/03/2026",
            ["principalDiagnosis"] = "438.11",
        };

        using var response = await client.PostAsync("/Reparto/PreRicovero", new FormUrlEncodedContent(form), Ct);
        string html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("id=\"mdc-errore\" class=\"error\">\"uno\" non è un numero intero<");
        html.ShouldNotContain("campo obbligatorio");
    }
}
