using System.Net;
using System.Text.Json;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Care.CareApi;

namespace Territorio.Web.Tests.Care;

/// <summary>The worklist's REST route with the screen's filters and paging as query parameters; bad values name the parameter.</summary>
[Collection(ReadOnlyWebAppCollection.Name)]
public sealed class WorklistApiFilterTests(WebAppFixture app)
{
    private const string Url = "/api/gestore/worklist";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> CaseManagerAsync() => app.ApiAs(Territory.A.UserOf(TerritorioRoles.GestoreCaseManager));

    private static async Task<(List<WorklistEntryDto> Entries, int Total)> PageAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(Url + query, Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var entries = JsonSerializer.Deserialize<List<WorklistEntryDto>>(body, JsonSerializerOptions.Web)!;
        return (entries, int.Parse(response.Headers.GetValues(GestoreEndpoints.TotalCountHeader).Single(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<JsonElement> BadRequestAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(Url + query, Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task WithoutParameters_TheWholeListAsBefore_WithItsCount()
    {
        var client = await CaseManagerAsync();

        var (entries, total) = await PageAsync(client, "");

        entries.Count.ShouldBeGreaterThan(1);
        total.ShouldBe(entries.Count);
        entries.ShouldAllBe(e => e.Level >= 1 && e.Level <= 3 && e.MostUrgent.Length > 0);
    }

    [Fact]
    public async Task LevelFilter_KeepsOnlyThatLevel_AsTheWholeListCountsIt()
    {
        var client = await CaseManagerAsync();
        var (all, _) = await PageAsync(client, "");

        var (level2, total2) = await PageAsync(client, "?livello=2");
        var (level1, total1) = await PageAsync(client, "?livello=1");

        level2.ShouldAllBe(e => e.Level == 2);
        total2.ShouldBe(all.Count(e => e.Level == 2));
        total1.ShouldBe(all.Count(e => e.Level == 1));
        level1.Count.ShouldBe(total1);
    }

    [Fact]
    public async Task PathologyAndPactFilters_NarrowTheListWithinTheWhole()
    {
        var client = await CaseManagerAsync();
        var (all, _) = await PageAsync(client, "");

        var (hypertension, _) = await PageAsync(client, "?patologia=56&case-manager=tutti&ordine=livello");
        var (withoutPai, _) = await PageAsync(client, "?patto=senza-pai");
        var (withPai, _) = await PageAsync(client, "?patto=con-pai");

        hypertension.Select(e => e.PatientId).ShouldBeSubsetOf(all.Select(e => e.PatientId));
        hypertension.ShouldNotBeEmpty();
        (withoutPai.Count + withPai.Count).ShouldBe(all.Count);
        withoutPai.Select(e => e.PatientId).Intersect(withPai.Select(e => e.PatientId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Pages_SplitTheFilteredListInOrder()
    {
        var client = await CaseManagerAsync();

        var (first, total) = await PageAsync(client, "?per-pagina=1");
        var (second, _) = await PageAsync(client, "?per-pagina=1&pagina=2");
        var (both, _) = await PageAsync(client, "?per-pagina=2&pagina=1");

        first.Count.ShouldBe(1);
        total.ShouldBeGreaterThan(1);
        first.Concat(second).Select(e => e.PatientId).ShouldBe(both.Select(e => e.PatientId));
    }

    [Theory]
    [InlineData("?livello=7", "livello", "Livello «7» non valido")]
    [InlineData("?patologia=999", "patologia", "non è nel catalogo regionale")]
    [InlineData("?patto=chiuso", "patto", "in-scadenza, senza-pai, con-pai")]
    [InlineData("?aderenza-sotto=0", "aderenza-sotto", "un numero da 1 a 100")]
    [InlineData("?case-manager=sconosciuto", "case-manager", "non è un case manager del Gestore")]
    [InlineData("?ordine=nome", "ordine", "urgenza, livello, aderenza, scadenza")]
    [InlineData("?pagina=0", "pagina", "da 1 a 100.000")]
    [InlineData("?per-pagina=5000", "per-pagina", "da 1 a 1.000")]
    [InlineData("?pagina=999", "pagina", "oltre l'ultima (1)")]
    public async Task BadValue_IsAProblemNamingTheParameter(string query, string parameter, string reason)
    {
        var client = await CaseManagerAsync();

        var problem = await BadRequestAsync(client, query);

        ErrorsOf(problem, parameter).ShouldContain(reason);
    }

    [Fact]
    public async Task AnotherGestoresPatients_NeverAppear()
    {
        var a = await CaseManagerAsync();
        var b = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));

        var (ofA, _) = await PageAsync(a, "?livello=2");
        var (ofB, _) = await PageAsync(b, "?livello=2");

        ofA.Select(e => e.PatientId).Intersect(ofB.Select(e => e.PatientId)).ShouldBeEmpty();
    }
}
