using Microsoft.Playwright;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// Services that happen before they count, in a real Chromium: the erogatore delivers a booking of
/// a past day, reverses it (only with a reason), records a no-show; the case manager books from the
/// slot search and is refused an overlapping appointment and more than the PAI's yearly frequency.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DeliveryBrowserTests(BrowserFixture web)
{
    [Fact]
    public async Task Erogatore_DeliversPastBooking_ReversesItOnlyWithAReason_ThenRecordsANoShow()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.Erogatore));
        await page.GotoAsync($"/Erogatore/Agenda?dal={CareSeed.PastBookingDay.AddDays(-1):yyyy-MM-dd}");
        var row = page.GetByTestId($"prenotazione-{CareSeed.PastBookingId}");

        await row.GetByRole(AriaRole.Button, new() { Name = "Segna come erogata" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("segnata come erogata");
        await Assertions.Expect(row).ToContainTextAsync("erogata");

        await row.GetByRole(AriaRole.Button, new() { Name = "Storna l'erogazione" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("serve una motivazione per stornare un'erogazione");

        await row.GetByLabel("Motivo dello storno").FillAsync("segnata per errore: il paziente non è venuto");
        await row.GetByRole(AriaRole.Button, new() { Name = "Storna l'erogazione" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("stornata");
        await Assertions.Expect(row).ToContainTextAsync("prenotata");

        await row.GetByRole(AriaRole.Button, new() { Name = "Non presentato" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync("non si è presentata all'appuntamento");
        await Assertions.Expect(row).ToContainTextAsync("mancata");
        await BrowserFixture.ScreenshotAsync(page, "10-erogatore-storno-e-mancata");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Erogatore_AgendaMovesByWeeks()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.A.UserOf(TerritorioRoles.Erogatore));
        await page.GotoAsync("/Erogatore/Agenda?dal=2026-03-02");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Prenotazioni dal 02/03/2026");

        await page.GetByRole(AriaRole.Link, new() { Name = "settimana successiva" }).ClickAsync();

        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Prenotazioni dal 09/03/2026");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CaseManager_SearchesSlots_IsRefusedAnOverlap_BooksAnotherDay_AndIsRefusedASecondOfAYearlyTest()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));
        await page.GotoAsync($"/Gestore/Slot/{Territory.B.Patient}?prestazione={CareSeed.Services[2]}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{CareSeed.Services[2]}" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "11-gestore-cerca-slot");

        // The seeded booking of 89.01 is at the first slot time of its day: the same time for another service overlaps.
        var (day, start) = CareSeed.BookingTimes["b"];
        string seededDay = day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var clash = page.Locator("tbody tr").Filter(new() { HasText = seededDay })
            .Filter(new() { HasText = start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) }).First;
        await clash.GetByRole(AriaRole.Button, new() { Name = "Prenota" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("si sovrappone");

        var other = page.Locator("tbody tr").Filter(new() { HasNotText = seededDay }).First;
        await other.GetByRole(AriaRole.Button, new() { Name = "Prenota" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("esito")).ToContainTextAsync($"Prenotata la prestazione {CareSeed.Services[2]}");

        // The PAI plans this test once a year (provisional template, pathology 56 level 2): a second booking is refused.
        var second = page.Locator("tbody tr").Filter(new() { HasNotText = seededDay }).Nth(2);
        await second.GetByRole(AriaRole.Button, new() { Name = "Prenota" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("prevista dal PAI una volta l'anno");
        await page.Context.CloseAsync();
    }
}
