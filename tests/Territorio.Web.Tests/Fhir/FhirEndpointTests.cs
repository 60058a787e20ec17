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

        (await client.GetAsync("/fhir/Patient/NESSUNO", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/fhir/Condition", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reads_WithoutToken_AreRefused_MetadataIsPublic()
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
    }
}
