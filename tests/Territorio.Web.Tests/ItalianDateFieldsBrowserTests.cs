using System.Globalization;
using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The erogatore's agenda and the Centro Servizi's slot search take days as gg/mm/aaaa in a real
/// Chromium (a native date picker follows the browser's locale and shows mm/dd/yyyy), and a bad day
/// gets an Italian error naming the field, not a 500.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ItalianDateFieldsBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task ErogatoreAgenda_TakesAnItalianDay_AndRefusesABadOneNamingTheField()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.Erogatore));
        await page.GotoAsync("/Erogatore/Agenda");
        var field = page.GetByLabel("Dal giorno");
        await Assertions.Expect(field).Not.ToHaveAttributeAsync("type", "date");
        await Assertions.Expect(field).ToHaveAttributeAsync("placeholder", "gg/mm/aaaa");

        string day = ItalianFormat.Date(CareSeed.PastBookingDay.AddDays(-1));
        await field.FillAsync(day);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mostra" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Prenotazioni dal {day}");
        await Assertions.Expect(page.GetByLabel("Dal giorno")).ToHaveValueAsync(day);
        await Assertions.Expect(page.GetByTestId($"prenotazione-{CareSeed.PastBookingId}")).ToBeVisibleAsync();

        await page.GetByLabel("Dal giorno").FillAsync("31/02/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mostra" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("agenda-dal")).ToContainTextAsync("Dal giorno: data non valida: \"31/02/2026\" (usare gg/mm/aaaa, dal 1900 al 2199)");
        await Assertions.Expect(page.GetByLabel("Dal giorno")).ToHaveAttributeAsync("aria-invalid", "true");
        await BrowserFixture.ScreenshotAsync(page, "date-01-agenda-data-non-valida");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SlotSearch_TakesItalianDays_AndRefusesABadOrReversedRangeNamingTheField()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));
        string service = CareSeed.Services[2];
        await page.GotoAsync($"/Gestore/Slot/{Territory.B.Patient}?prestazione={service}");
        var (from, to) = (web.SeedDay.AddDays(8), web.SeedDay.AddDays(40));

        await page.GetByLabel("Dal", new() { Exact = true }).FillAsync(ItalianFormat.Date(from));
        await page.GetByLabel("Al", new() { Exact = true }).FillAsync(ItalianFormat.Date(to));
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerca", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main h2")).ToContainTextAsync($"slot liberi dal {ItalianFormat.Date(from)} al {ItalianFormat.Date(to)}");
        var days = await page.Locator("tbody tr td:first-child").AllInnerTextsAsync();
        days.ShouldNotBeEmpty();
        days.Select(d => DateOnly.ParseExact(d, "dd/MM/yyyy", CultureInfo.InvariantCulture)).ShouldAllBe(d => d >= from && d <= to);
        await BrowserFixture.ScreenshotAsync(page, "date-02-cerca-slot-date-italiane");

        await page.GetByLabel("Al", new() { Exact = true }).FillAsync("32/13/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerca", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cerca-slot")).ToContainTextAsync("Al: data non valida: \"32/13/2026\" (usare gg/mm/aaaa, dal 1900 al 2199)");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "date-03-cerca-slot-data-non-valida");

        await page.GetByLabel("Al", new() { Exact = true }).FillAsync(ItalianFormat.Date(from.AddDays(-1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Cerca", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cerca-slot"))
            .ToContainTextAsync($"Al: il giorno finale ({ItalianFormat.Date(from.AddDays(-1))}) precede quello iniziale ({ItalianFormat.Date(from)})");
        await page.Context.CloseAsync();
    }
}
