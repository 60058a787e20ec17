using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Security;

[Collection(WebAppCollection.Name)]
public sealed class ApiSecurityTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_FiveWrongPasswords_ThrottleTheGuessersAddress_NotTheOwnerElsewhere()
    {
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec("bloccato.a", "Da bloccare", TerritorioRoles.AtsOperatore, Territory.A.Ats), Territory.Password);
        }

        using var stranger = app.AnonymousFrom("127.0.0.7");
        for (int i = 0; i < SignInThrottle.PairFailures; i++)
        {
            using var wrong = await stranger.PostAsJsonAsync("/api/token", new TokenRequest("bloccato.a", "non-è-questa-1"), Ct);
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var guessAgain = await stranger.PostAsJsonAsync("/api/token", new TokenRequest("bloccato.a", Territory.Password), Ct);
        guessAgain.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        guessAgain.Headers.RetryAfter.ShouldNotBeNull();
        (await guessAgain.Content.ReadAsStringAsync(Ct)).ShouldContain("Troppi tentativi non riusciti da questo indirizzo");

        using var owner = app.AnonymousFrom("127.0.0.8");
        using var right = await owner.PostAsJsonAsync("/api/token", new TokenRequest("bloccato.a", Territory.Password), Ct);
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Token_UnknownAndKnownUser_TakeTheSameWork()
    {
        using var client = app.AnonymousFrom("127.0.0.9");
        string known = Territory.A.UserOf(TerritorioRoles.AtsControllore);
        // Warm up both paths, then time them interleaved; the hash dominates both (tens of ms).
        var times = new Dictionary<string, List<double>> { [known] = [], ["nessuno.mai.visto"] = [] };
        for (int round = 0; round < 4; round++)
        {
            foreach (string user in times.Keys)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                using var response = await client.PostAsJsonAsync("/api/token", new TokenRequest(user, "non-è-questa-" + round), Ct);
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
                times[user].Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        double knownMedian = times[known].Skip(1).Order().ElementAt(1);
        double unknownMedian = times["nessuno.mai.visto"].Skip(1).Order().ElementAt(1);
        unknownMedian.ShouldBeGreaterThan(knownMedian / 3, $"unknown {unknownMedian:0.0} ms, known {knownMedian:0.0} ms");
    }

    [Fact]
    public async Task Api_WithSessionCookieOnly_IsUnauthorized()
    {
        // The API ignores cookies: a page on another site cannot make the browser call it (no CSRF).
        var browser = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        using var response = await browser.GetAsync($"/api/assistiti/{Territory.A.Patient}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = app.Anonymous();
        await client.GetStringAsync("/Account/Login", Ct);

        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = Territory.A.UserOf(TerritorioRoles.AtsOperatore),
            ["Password"] = Territory.Password,
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Token_ForgedWithAnotherKey_IsUnauthorized()
    {
        var other = new BearerTokens(new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[64]), new SecurityOptions(), TimeProvider.System);
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Role, TerritorioRoles.AtsOperatore), new(TenancyClaims.Ats, Territory.A.Ats)], "test"));
        using var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", other.Issue(principal).Token);

        using var response = await client.GetAsync($"/api/assistiti/{Territory.A.Patient}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/me")]
    [InlineData("/Account/Login")]
    public async Task EveryResponse_CarriesSecurityHeaders(string path)
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync(path, Ct);

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
    }

    [Fact]
    public async Task ValidationErrors_AreItalianProblemDetails()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        using var response = await client.GetAsync("/api/ats/accessi?dal=31/02/2026", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Dati non validi");
        problem.RootElement.GetProperty("errors").GetProperty("dal")[0].GetString().ShouldBe("data non valida: \"31/02/2026\" (usare gg/mm/aaaa, dal 1900 al 2199)");
    }

    [Fact]
    public async Task Forbidden_IsAnItalianProblem()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Paziente));

        using var response = await client.GetAsync("/api/ats/accessi", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Accesso non consentito");
    }

    [Fact]
    public async Task RoleWithoutItsTenancy_IsRefused()
    {
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            await Accounts.CreateAsync(scope.ServiceProvider, new AccountSpec("mmg-senza-codice.a", "MMG senza codice", TerritorioRoles.Mmg, Territory.A.Ats), Territory.Password);
        }

        using var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await WebAppFixture.RequestTokenAsync(client, "mmg-senza-codice.a", Territory.Password));

        using var list = await client.GetAsync("/api/mmg/assistiti", Ct);
        using var patient = await client.GetAsync($"/api/assistiti/{Territory.A.Patient}", Ct);

        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        patient.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AccessLog_RecordsEveryRead_AndOnlyThePatientsAtsSeesIt()
    {
        var patient = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.Paziente));
        var intruder = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Paziente));
        (await patient.GetAsync($"/api/assistiti/{Territory.B.Patient}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await intruder.GetAsync($"/api/assistiti/{Territory.B.Patient}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var atsB = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.AtsControllore));
        var atsA = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));
        var logB = await atsB.GetFromJsonAsync<AccessLogResponse>($"/api/ats/accessi?paziente={Territory.B.Patient}", Ct);
        var logA = await atsA.GetFromJsonAsync<AccessLogResponse>($"/api/ats/accessi?paziente={Territory.B.Patient}", Ct);

        logB!.Entries.ShouldContain(e => e.UserName == Territory.B.UserOf(TerritorioRoles.Paziente) && e.Granted && e.Resource == "GET /api/assistiti/{patientId}");
        logB.Entries.ShouldContain(e => e.UserName == Territory.A.UserOf(TerritorioRoles.Paziente) && !e.Granted);
        logA!.Total.ShouldBe(0);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryApiEndpoint_WithBearerScheme()
    {
        using var client = app.Anonymous();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        var apiEndpoints = (await EndpointCatalogue.EnumerateAsync(app.App.Services)).Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal));
        foreach (var endpoint in apiEndpoints)
        {
            // OpenAPI paths carry parameter names without their route constraints ({runId:long} → {runId}).
            string path = System.Text.RegularExpressions.Regex.Replace(endpoint.Pattern, @"\{(\w+):[^}]+\}", "{$1}");
            paths.ShouldContain(path, endpoint.ToString());
        }

        document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
    }
}
