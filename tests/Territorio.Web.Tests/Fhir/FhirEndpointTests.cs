using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Testing;
using Territorio.Web.Security;
using WebAppFixture = Territorio.Web.Tests.Infrastructure.WebAppFixture;

namespace Territorio.Web.Tests.Fhir;

public class FhirEndpointTests
{
    private const string FhirJson = "application/fhir+json";
    private const string Password = "Fhir-prova-2026!";

    /// <summary>The app on a free port and a client with the bearer token of GP MMG00042 (ATS 321).</summary>
    private static async Task<(WebApplication App, HttpClient Client)> StartAsGpAsync(TestDatabase database, params string[] args)
    {
        var app = WebApp.Build(args, database.Options, "http://127.0.0.1:0");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec("mmg.fhir", "MMG FHIR", TerritorioRoles.Mmg, "321", MmgId: "MMG00042"), Password);
        }

        await app.StartAsync(TestContext.Current.CancellationToken);
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await WebAppFixture.RequestTokenAsync(client, "mmg.fhir", Password));
        return (app, client);
    }

    /// <summary>The app with the demo cooperative, the official message processed; the GP's client and the plan's URL.</summary>
    private static async Task<(WebApplication App, HttpClient Client, string PlanUrl)> EnrolledAsync(TestDatabase database, params AccountSpec[] others)
    {
        await using (var db = database.CreateContext())
        {
            await CareSeed.CooperativeWithOnePatientAsync(db, "COOP1", "MMG00042", "321", [1, 2, 3], TestContext.Current.CancellationToken);
        }

        var (app, client) = await StartAsGpAsync(database);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            foreach (var other in others)
            {
                await Accounts.CreateAsync(scope.ServiceProvider, other, Password);
            }
        }

        string message = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "lombardia-fhir", "examples", "Example_Bundle_MMG_pic.json"), TestContext.Current.CancellationToken);
        using var posted = await client.PostAsync("/fhir/$process-message", new StringContent(message, Encoding.UTF8, FhirJson), TestContext.Current.CancellationToken);
        using var answer = JsonDocument.Parse(await posted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (app, client, answer.RootElement.GetProperty("entry")[1].GetProperty("resource").GetProperty("issue")[0].GetProperty("details").GetProperty("text").GetString()!);
    }

    private static async Task<HttpClient> ClientAsync(WebApplication app, string user)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await WebAppFixture.RequestTokenAsync(client, user, Password));
        return client;
    }

    private static async Task<JsonElement> OutcomeAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType!.MediaType.ShouldBe(FhirJson);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.GetProperty("resourceType").GetString().ShouldBe("OperationOutcome");
        return body.RootElement.GetProperty("issue")[0].Clone();
    }

    [Fact]
    public async Task CarePlanFromTheEnrolmentAnswer_EveryReferenceItMakes_IsReadableWithTheToken()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var (app, client, planUrl) = await EnrolledAsync(database);
        await using var running = app;
        using var gp = client;
        var ct = TestContext.Current.CancellationToken;

        using var plan = JsonDocument.Parse(await client.GetStringAsync(planUrl, ct));
        var root = plan.RootElement;
        root.TryGetProperty("contained", out _).ShouldBeFalse();
        var references = new List<string>
        {
            root.GetProperty("subject").GetProperty("reference").GetString()!,
            root.GetProperty("author").GetProperty("reference").GetString()!,
            root.GetProperty("contributor")[0].GetProperty("reference").GetString()!,
        };
        references.AddRange(root.GetProperty("addresses").EnumerateArray().Select(a => a.GetProperty("reference").GetString()!));
        references.AddRange(root.GetProperty("activity").EnumerateArray().Select(a => a.GetProperty("reference").GetProperty("reference").GetString()!));
        references.ShouldContain(r => r.StartsWith("ServiceRequest/", StringComparison.Ordinal));
        references.ShouldContain("Organization/COOP1");
        references.ShouldContain("PractitionerRole/mmg-MMG00042");

        foreach (string reference in references)
        {
            using var response = await client.GetAsync("/fhir/" + reference, ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, reference);
            using var resource = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            $"{resource.RootElement.GetProperty("resourceType").GetString()}/{resource.RootElement.GetProperty("id").GetString()}".ShouldBe(reference);
        }

        string activity = references.First(r => r.StartsWith("ServiceRequest/", StringComparison.Ordinal));
        using var request = JsonDocument.Parse(await client.GetStringAsync("/fhir/" + activity, ct));
        request.RootElement.GetProperty("meta").GetProperty("versionId").GetString().ShouldBe("1");
        request.RootElement.GetProperty("basedOn")[0].GetProperty("reference").GetString().ShouldBe("CarePlan/" + root.GetProperty("id").GetString());
        // The same id under the other activity type is no resource.
        (await client.GetAsync("/fhir/MedicationRequest/" + activity["ServiceRequest/".Length..], ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Refusals_AreOperationOutcomes_401WithoutToken_403ForARoleWithoutPatientData_404ForUnknown_NeverARedirect()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var (app, client, _) = await EnrolledAsync(database, new AccountSpec("struttura.fhir", "Struttura", TerritorioRoles.Struttura, "321", StructureId: "030001"));
        await using var running = app;
        using var gp = client;
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = client.BaseAddress };
        using var structure = await ClientAsync(app, "struttura.fhir");
        var ct = TestContext.Current.CancellationToken;

        foreach (string path in (string[])["/fhir/Organization/COOP1", "/fhir/PractitionerRole/mmg-MMG00042", "/fhir/Patient/QTTGGN24H04F205B", "/fhir/Sconosciuta/1"])
        {
            (await OutcomeAsync(await anonymous.GetAsync(path, ct), HttpStatusCode.Unauthorized)).GetProperty("code").GetString().ShouldBe("login", path);
            (await OutcomeAsync(await structure.GetAsync(path, ct), HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("forbidden", path);
        }

        (await OutcomeAsync(await client.GetAsync("/fhir/Organization/NESSUNO", ct), HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("not-found");
        (await OutcomeAsync(await client.GetAsync("/fhir/ServiceRequest/999-sr-89.52", ct), HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("not-found");
        (await OutcomeAsync(await client.GetAsync("/fhir/Sconosciuta/1", ct), HttpStatusCode.NotFound)).GetProperty("diagnostics").GetString()!.ShouldContain("non supportata");
    }

    [Fact]
    public async Task OutsideTheCallersTenancy_SearchIsAnEmptySearchset_ReadIs404()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var (app, client, planUrl) = await EnrolledAsync(database, new AccountSpec("mmg.altro", "Altro MMG", TerritorioRoles.Mmg, "322", MmgId: "MMG00999"));
        await using var running = app;
        using var gp = client;
        using var stranger = await ClientAsync(app, "mmg.altro");
        var ct = TestContext.Current.CancellationToken;

        foreach (string search in (string[])["Condition", "CarePlan", "EpisodeOfCare", "Consent", "RiskAssessment", "Appointment"])
        {
            using var response = await stranger.GetAsync($"/fhir/{search}?patient=Patient/QTTGGN24H04F205B", ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, search);
            using var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            (bundle.RootElement.GetProperty("type").GetString(), bundle.RootElement.GetProperty("total").GetInt32()).ShouldBe(("searchset", 0), search);
            bundle.RootElement.TryGetProperty("entry", out _).ShouldBeFalse(search);
        }

        await OutcomeAsync(await stranger.GetAsync(planUrl, ct), HttpStatusCode.NotFound);
        await OutcomeAsync(await stranger.GetAsync("/fhir/Organization/COOP1", ct), HttpStatusCode.NotFound);
        await OutcomeAsync(await stranger.GetAsync("/fhir/PractitionerRole/mmg-MMG00042", ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metadata_NamesTheSoftwareTheBearerSchemeAndTheRegionsProfiles()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var (app, client) = await StartAsGpAsync(database);
        await using var running = app;
        using var gp = client;
        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };

        using var statement = JsonDocument.Parse(await anonymous.GetStringAsync("/fhir/metadata", TestContext.Current.CancellationToken));
        var root = statement.RootElement;
        root.GetProperty("software").GetProperty("name").GetString().ShouldBe("Territorio");
        root.GetProperty("software").GetProperty("version").GetString().ShouldNotBeNullOrWhiteSpace();
        root.GetProperty("format").EnumerateArray().Select(f => f.GetString()).ShouldContain("application/fhir+xml");
        var rest = root.GetProperty("rest")[0];
        rest.GetProperty("security").GetProperty("service")[0].GetProperty("text").GetString()!.ShouldContain("Bearer");
        rest.GetProperty("security").GetProperty("description").GetString()!.ShouldContain("POST /api/token");
        var profiles = rest.GetProperty("resource").EnumerateArray()
            .SelectMany(r => r.TryGetProperty("supportedProfile", out var p) ? p.EnumerateArray().Select(x => x.GetString()) : []).ToList();
        profiles.ShouldContain("https://fhir.siss.regione.lombardia.it/StructureDefinition/RLCarePlanProgettoIndividuale");
        profiles.ShouldContain("https://fhir.siss.regione.lombardia.it/StructureDefinition/RLServiceRequestPrestazioniSpecialistiche");
        rest.GetProperty("resource").EnumerateArray().Select(r => r.GetProperty("type").GetString()).ShouldContain("ServiceRequest");
    }

    [Theory]
    [InlineData("/fhir/metadata?_format=xml", null, "application/fhir+xml")]
    [InlineData("/fhir/metadata?_format=application/fhir%2Bxml", null, "application/fhir+xml")]
    [InlineData("/fhir/metadata", "application/fhir+xml", "application/fhir+xml")]
    [InlineData("/fhir/metadata", "application/xml;q=0.9, application/fhir+json;q=0.5", "application/fhir+xml")]
    [InlineData("/fhir/metadata?_format=json", "application/fhir+xml", FhirJson)]
    [InlineData("/fhir/metadata", "text/html,*/*;q=0.8", FhirJson)]
    [InlineData("/fhir/Patient/QTTGGN24H04F205B", "application/fhir+xml", "application/fhir+xml")]
    public async Task Format_FromFormatParameterThenAccept_XmlOrJson(string path, string? accept, string mediaType)
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var (app, client, _) = await EnrolledAsync(database);
        await using var running = app;
        using var gp = client;
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (mediaType.EndsWith("xml", StringComparison.Ordinal))
        {
            var xml = System.Xml.Linq.XDocument.Parse(body).Root!;
            xml.Name.NamespaceName.ShouldBe("http://hl7.org/fhir");
            xml.Name.LocalName.ShouldBe(path.Contains("Patient", StringComparison.Ordinal) ? "Patient" : "CapabilityStatement");
        }
        else
        {
            JsonDocument.Parse(body).RootElement.GetProperty("resourceType").GetString().ShouldBe("CapabilityStatement");
        }
    }

    [Fact]
    public async Task ProcessMessage_ThenReads_ServeThePatientsPlanAsFhirJson()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await using (var db = database.CreateContext())
        {
            await CareSeed.CooperativeWithOnePatientAsync(db, "COOP1", "MMG00042", "321", [1, 2, 3], TestContext.Current.CancellationToken);
        }

        var (app, client) = await StartAsGpAsync(database);
        await using var running = app;
        using var gp = client;
        var ct = TestContext.Current.CancellationToken;

        string message = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "lombardia-fhir", "examples", "Example_Bundle_MMG_pic.json"), ct);
        using var posted = await client.PostAsync("/fhir/$process-message", new StringContent(message, Encoding.UTF8, FhirJson), ct);
        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        posted.Content.Headers.ContentType!.MediaType.ShouldBe(FhirJson);
        using var answer = JsonDocument.Parse(await posted.Content.ReadAsStringAsync(ct));
        var entries = answer.RootElement.GetProperty("entry");
        entries[0].GetProperty("resource").GetProperty("response").GetProperty("code").GetString().ShouldBe("ok");
        string planUrl = entries[1].GetProperty("resource").GetProperty("issue")[0].GetProperty("details").GetProperty("text").GetString()!;
        planUrl.ShouldStartWith(client.BaseAddress!.ToString().TrimEnd('/') + "/fhir/CarePlan/");

        using var plan = JsonDocument.Parse(await client.GetStringAsync(planUrl, ct));
        plan.RootElement.GetProperty("resourceType").GetString().ShouldBe("CarePlan");
        plan.RootElement.GetProperty("intent").GetString().ShouldBe("order");

        foreach (string search in (string[])["Condition", "CarePlan", "EpisodeOfCare", "Consent", "RiskAssessment", "Appointment"])
        {
            using var response = await client.GetAsync($"/fhir/{search}?patient=Patient/QTTGGN24H04F205B", ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            bundle.RootElement.GetProperty("type").GetString().ShouldBe("searchset");
            bundle.RootElement.GetProperty("total").GetInt32().ShouldBe(search == "Appointment" ? 0 : 1, search);
        }

        (await client.GetStringAsync("/fhir/Patient/QTTGGN24H04F205B", ct)).ShouldContain("\"birthDate\":\"2024-06-04\"");
        (await client.GetStringAsync("/fhir/metadata", ct)).ShouldContain("\"resourceType\":\"CapabilityStatement\"");
    }

    [Theory]
    [InlineData("non è JSON", "T.1")]
    [InlineData("{\"resourceType\":\"Patient\"}", "T.3")]
    public async Task ProcessMessage_BadInput_IsANegativeAnswerNotA500(string body, string code)
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var (app, client) = await StartAsGpAsync(database);
        await using var running = app;
        using var gp = client;

        using var posted = await client.PostAsync("/fhir/$process-message", new StringContent(body, Encoding.UTF8, FhirJson), TestContext.Current.CancellationToken);

        posted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await posted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain($"\"code\":\"{code}\"");
    }

    [Fact]
    public async Task Reads_UnknownResourceIs404_SearchWithoutPatientIs400()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var (app, client) = await StartAsGpAsync(database);
        await using var running = app;
        using var gp = client;

        await OutcomeAsync(await client.GetAsync("/fhir/Patient/NESSUNO", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await OutcomeAsync(await client.GetAsync("/fhir/Condition", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reads_WithoutToken_AreRefusedInTheAskedFormat_MetadataIsPublic_AnUnknownFormatIs406()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var (app, client) = await StartAsGpAsync(database);
        await using var running = app;
        using var gp = client;
        using var anonymous = new HttpClient { BaseAddress = client.BaseAddress };
        var ct = TestContext.Current.CancellationToken;

        (await anonymous.GetAsync("/fhir/Patient/QTTGGN24H04F205B", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync("/fhir/$process-message", new StringContent("{}", Encoding.UTF8, FhirJson), ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/fhir/metadata", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await OutcomeAsync(await anonymous.GetAsync("/fhir/metadata?_format=html", ct), HttpStatusCode.NotAcceptable);
        using var unauthorised = await anonymous.GetAsync("/fhir/Patient/QTTGGN24H04F205B?_format=xml", ct);
        unauthorised.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unauthorised.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+xml");
        System.Xml.Linq.XDocument.Parse(await unauthorised.Content.ReadAsStringAsync(ct)).Root!.Name.LocalName.ShouldBe("OperationOutcome");
    }
}
