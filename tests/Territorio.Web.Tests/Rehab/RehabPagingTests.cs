using System.Net.Http.Json;
using System.Text.Json;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>Page numbers of the rehab verdicts and rejected rows: out of range, the first or last page, never echoed.</summary>
[Collection(WebAppCollection.Name)]
public sealed class RehabPagingTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string RunOf(Territory t) => $"/api/riabilitazione/esecuzioni/{RehabSeed.RunIds[t.Key]}";

    [Theory]
    [InlineData("/giudizi")]
    [InlineData("/scarti")]
    public async Task PagePastTheEnd_GivesTheLastPage_WithItsRows(string list)
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        var last = await client.GetFromJsonAsync<JsonElement>(RunOf(Territory.A) + list + "?pagina=999", Json, Ct);

        int total = last.GetProperty("total").GetInt32();
        int pageSize = last.GetProperty("pageSize").GetInt32();
        last.GetProperty("page").GetInt32().ShouldBe(Math.Max(1, (total + pageSize - 1) / pageSize));
        (total == 0 || last.GetProperty("items").GetArrayLength() > 0).ShouldBeTrue();
    }

    [Fact]
    public async Task VerdictsPage_PastTheEnd_ShowsTheLastPageNumber_NotTheOneAsked()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        string html = await client.GetStringAsync($"/Riabilitazione/Esecuzione/{RehabSeed.RunIds[Territory.A.Key]}?pagina=999", Ct);

        html.ShouldNotContain("pagina 999");
        html.ShouldContain(" giudizi");
    }
}
