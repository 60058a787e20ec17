using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Territorio.Data.Security;
using Territorio.Web.Ats;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Ats;

/// <summary>
/// Enrolment progress as seeded in territory A: eligible levels 1–3 = 1/8/2, letters 1/2/2, six
/// pacts at level 2 (one expiring in two weeks), in an app no other test writes to.
/// </summary>
[Collection(ReadOnlyWebAppCollection.Name)]
public sealed class EnrolmentProgressEndpointTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_CountsPerLevelAndGestore_OfTheCallersTerritory()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        var progress = (await client.GetFromJsonAsync<EnrolmentProgress>("/api/ats/arruolamento", Ct))!;

        progress.Ats.ShouldBe(Territory.A.Ats);
        progress.Days.ShouldBe(30);
        progress.Levels.Select(l => (l.Level, l.Eligible, l.Invited, l.Enrolled)).ShouldBe([(1, 1L, 1L, 0L), (2, 8L, 2L, 6L), (3, 2L, 2L, 0L)]);
        progress.Gestori.Single(g => g.GestoreId == "GA").Enrolled.ShouldBe(6);
        progress.Gestori.Single(g => g.GestoreId == "GA").Expiring.ShouldBe(1);
        progress.Gestori.ShouldContain(g => g.GestoreId == CareSeed.PendingGestore && g.Enrolled == 0, "a Gestore based in the territory is listed even without pacts");
        progress.ExpiringTotal.ShouldBe(1);
        var expiring = progress.Expiring.ShouldHaveSingleItem();
        expiring.PatientId.ShouldBe(AtsSeed.Expiring(Territory.A));
        expiring.DaysLeft.ShouldBeInRange(AtsSeed.ExpiringInDays - 1, AtsSeed.ExpiringInDays + 1);
    }

    [Fact]
    public async Task Api_ExpiringList_IsLoggedAsARead_OfEachPatientShown()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        using var response = await client.GetAsync("/api/ats/arruolamento?giorni=60", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = app.Database.CreateContext();
        var entry = await db.Set<PatientAccessEntry>()
            .Where(e => e.UserName == Territory.A.UserOf(TerritorioRoles.AtsControllore) && e.Resource == "GET /api/ats/arruolamento")
            .OrderByDescending(e => e.Id).FirstAsync(Ct);
        entry.PatientId.ShouldBe(AtsSeed.Expiring(Territory.A));
        entry.PatientAts.ShouldBe(Territory.A.Ats);
        entry.Granted.ShouldBeTrue();
    }

    [Fact]
    public async Task Api_ShorterWindow_HasNothingExpiring()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        var progress = (await client.GetFromJsonAsync<EnrolmentProgress>("/api/ats/arruolamento?giorni=5", Ct))!;

        progress.ExpiringTotal.ShouldBe(0);
        progress.Expiring.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("400")]
    public async Task Api_WindowOutOfRange_IsAValidationProblemInItalian(string days)
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        using var response = await client.GetAsync($"/api/ats/arruolamento?giorni={days}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        problem.RootElement.GetProperty("title").GetString().ShouldBe("Dati non validi");
        problem.RootElement.GetProperty("errors").GetProperty("giorni")[0].GetString()!.ShouldContain("da 1 a 365 giorni");
    }

    [Fact]
    public async Task Api_AnotherTerritory_SeesOnlyItsOwnPatients()
    {
        var client = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.AtsOperatore));

        string body = await client.GetStringAsync("/api/ats/arruolamento", Ct);

        body.ShouldContain(AtsSeed.Expiring(Territory.B));
        body.ShouldNotContain(AtsSeed.Expiring(Territory.A));
        JsonSerializer.Deserialize<EnrolmentProgress>(body, JsonSerializerOptions.Web)!.Levels.Sum(l => l.Eligible).ShouldBe(10);
    }

    [Fact]
    public async Task Page_ShowsTotalsPerLevelPerGestore_AndTheExpiringPacts()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        string page = await client.GetStringAsync("/Ats/Arruolamento", Ct);

        page.ShouldContain("data-testid=\"idonei\">11<");
        page.ShouldContain("data-testid=\"invitati\">5<");
        page.ShouldContain("data-testid=\"arruolati\">6 (54,5% degli idonei)<");
        page.ShouldContain($"data-testid=\"scadenza-{AtsSeed.Expiring(Territory.A)}\"");
        page.ShouldContain("data-testid=\"gestore-GA\"");
    }

    [Fact]
    public async Task Page_WindowNotANumber_SaysSo_AndKeepsTheDefault()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        string page = await client.GetStringAsync("/Ats/Arruolamento?giorni=trenta", Ct);

        page.ShouldContain("indicare un numero di giorni da 1 a 365");
        page.ShouldContain("Patti in scadenza entro 30 giorni");
    }
}
