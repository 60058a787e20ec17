using Microsoft.AspNetCore.Builder;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Testing;
using Territorio.Web;

namespace Territorio.Web.Tests;

public class HomePageTests
{
    [Fact]
    public async Task HomePage_IsItalian_AndCountsResidents()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        await using (var db = database.CreateContext())
        {
            db.Residents.Add(new Resident("P1", new DateOnly(1950, 1, 1), Sex.Male, "321", "MMG1"));
            db.Residents.Add(new Resident("P2", new DateOnly(1960, 1, 1), Sex.Female, "321", "MMG1"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var app = WebApp.Build([], database.Options, "http://127.0.0.1:0");
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        string html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        html.ShouldContain("<html lang=\"it\">");
        html.ShouldContain("data-testid=\"residenti\">2<");
    }
}
