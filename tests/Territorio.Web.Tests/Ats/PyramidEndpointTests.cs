using System.Net;
using System.Net.Http.Json;
using Territorio.Web.Ats;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Ats;

/// <summary>
/// The pyramid of each territory and GP as seeded (CareSeed + AtsSeed): territory A has levels
/// 1–5 = 1/8/2/2/4 (GPs 01: 0/2/0/0/0, 02: 0/1/0/0/0, 03: 1/5/1/2/3, 04: 0/0/1/0/1), territory B
/// the same without A's extra patient (1/7/2/2/4). Decisions of the web-app collection never change a level.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PyramidEndpointTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_TerritoryPyramid_CountsSharesReferenceAndGps_OfTheCallersAts()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        var pyramid = (await client.GetFromJsonAsync<TerritoryPyramid>("/api/ats/piramide", Ct))!;

        var view = pyramid.Territory;
        view.Ats.ShouldBe(Territory.A.Ats);
        view.Levels.Select(l => l.Persons).ShouldBe([1L, 8, 2, 2, 4]);
        view.Persons.ShouldBe(17);
        (view.Chronic, view.NotChronic).ShouldBe((11L, 6L));
        view.Levels[1].Share.ShouldBe(8.0 / 17, 1e-9);
        // The seed's shape for Lombardy: 150k / 1.3M / 1.9M / 3.0M / 3.5M persons.
        view.Levels.Select(l => Math.Round(l.ReferenceShare * 100, 1)).ShouldBe([1.5, 13.2, 19.3, 30.5, 35.5]);
        view.Levels.ShouldAllBe(l => l.ReferencePerGp == null);
        view.Levels.Select(l => l.Chronic).ShouldBe([true, true, true, false, false]);
        pyramid.Gps.Select(g => (g.MmgId, g.Persons)).ShouldBe(
            [(Territory.A.Mmg, 2L), (Territory.A.OtherMmg, 1L), (AtsSeed.ThirdGp(Territory.A), 12L), (AtsSeed.FourthGp(Territory.A), 2L)]);
        pyramid.Gps[2].PerLevel.ShouldBe([1L, 5, 1, 2, 3]);
    }

    [Fact]
    public async Task Api_TerritoryPyramid_OfAnotherAts_ShowsOnlyItsOwn()
    {
        var client = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.AtsOperatore));

        string body = await client.GetStringAsync("/api/ats/piramide", Ct);
        var pyramid = System.Text.Json.JsonSerializer.Deserialize<TerritoryPyramid>(body, System.Text.Json.JsonSerializerOptions.Web)!;

        pyramid.Territory.Ats.ShouldBe(Territory.B.Ats);
        pyramid.Territory.Levels.Select(l => l.Persons).ShouldBe([1L, 7, 2, 2, 4]);
        pyramid.Gps.Select(g => g.MmgId).ShouldBe([Territory.B.Mmg, Territory.B.OtherMmg, AtsSeed.ThirdGp(Territory.B), AtsSeed.FourthGp(Territory.B)]);
        foreach (string gp in new[] { Territory.A.Mmg, Territory.A.OtherMmg, AtsSeed.ThirdGp(Territory.A), AtsSeed.FourthGp(Territory.A) })
        {
            body.ShouldNotContain(gp);
        }
    }

    [Fact]
    public async Task Api_GpPyramid_BesideThePerGpReference()
    {
        var client = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        var view = (await client.GetFromJsonAsync<PyramidView>($"/api/ats/piramide/mmg/{AtsSeed.FourthGp(Territory.A)}", Ct))!;

        view.MmgId.ShouldBe(AtsSeed.FourthGp(Territory.A));
        view.Levels.Select(l => l.Persons).ShouldBe([0L, 0, 1, 0, 1]);
        view.Levels.Select(l => l.ReferencePerGp).ShouldBe([20L, 200, 300, 450, 530]);
        view.Levels[2].Share.ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public async Task Api_GpPyramid_OfAnotherTerritory_IsNotFound()
    {
        var client = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.AtsOperatore));

        using var response = await client.GetAsync($"/api/ats/piramide/mmg/{Territory.A.Mmg}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain($"non trovato tra quelli del territorio dell'ATS {Territory.B.Ats}");
    }

    [Fact]
    public async Task Api_Pyramid_IsForAtsRolesOnly()
    {
        var gp = await app.ApiAs(Territory.A.UserOf(TerritorioRoles.Mmg));

        using var response = await gp.GetAsync("/api/ats/piramide", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Page_DrawsTerritoryAndReference_ListsGps_AndShowsOneGp()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsControllore));

        string territory = await client.GetStringAsync("/Ats/Piramide", Ct);
        territory.ShouldContain("<svg");
        territory.ShouldContain("Riferimento DGR X/6164/2017 (Lombardia)");
        territory.ShouldContain("liv. 2 cronicità polipatologica: 47,1%");
        string fourth = AtsSeed.FourthGp(Territory.A);
        territory.ShouldContain($"href=\"/Ats/Piramide/{fourth}\"");

        string gp = await client.GetStringAsync($"/Ats/Piramide/{fourth}", Ct);
        gp.ShouldContain($"MMG {fourth}");
        gp.ShouldContain("Riferimento per MMG (assistiti)");
        gp.ShouldContain("liv. 3 cronicità monopatologica: 50,0%");

        // The GP chosen from the list (a GET form) is the same page.
        (await client.GetStringAsync($"/Ats/Piramide?mmgId={fourth}", Ct)).ShouldContain("liv. 3 cronicità monopatologica: 50,0%");
    }

    [Fact]
    public async Task Page_GpOfAnotherTerritory_IsNotFound()
    {
        var client = await app.PagesAs(Territory.B.UserOf(TerritorioRoles.AtsControllore));

        using var response = await client.GetAsync($"/Ats/Piramide/{AtsSeed.FourthGp(Territory.A)}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain(AtsSeed.FourthGp(Territory.A));
    }
}
