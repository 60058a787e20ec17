using System.Net;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

[Collection(WebAppCollection.Name)]
public class HomePageTests(WebAppFixture app)
{
    [Fact]
    public async Task HomePage_Anonymous_IsItalian_AndOffersLogin()
    {
        using var client = app.Anonymous();

        string html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        html.ShouldContain("<html lang=\"it\">");
        html.ShouldContain("href=\"/Account/Login\"");
        html.ShouldContain("Vai al contenuto");
    }

    [Fact]
    public async Task HomePage_SignedInAts_ShowsOnlyItsMenu()
    {
        var client = await app.PagesAs(Territory.A.UserOf(TerritorioRoles.AtsOperatore));

        string html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        html.ShouldContain("href=\"/Ats/Accessi\"");
        html.ShouldNotContain("href=\"/Mmg/Assistiti\"");
    }

    [Fact]
    public async Task Health_IsOpen()
    {
        using var client = app.Anonymous();

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
