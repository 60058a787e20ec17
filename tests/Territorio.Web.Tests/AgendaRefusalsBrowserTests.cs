using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Network;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests;

/// <summary>
/// The agenda refusals the other browser tests do not reach (issue 16 parts 2–3), each shown in Italian
/// on the screen: a service the erogatore no longer offers, a slot after the pact's year, a delivery
/// posted before the appointment's day. Overlap, yearly frequency and a reversal without a reason are in
/// <see cref="DeliveryBrowserTests"/>. Territory B's patient; none of these changes the record.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgendaRefusalsBrowserTests(BrowserFixture web)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Booking_AServiceTheErogatoreStoppedOffering_IsRefused()
    {
        string service = CareSeed.Services[1];
        var page = await CaseManagerSearchingAsync(service, web.SeedDay, web.SeedDay.AddDays(30));
        var offered = await WithdrawAsync(service);
        try
        {
            await page.Locator("tbody tr").First.GetByRole(AriaRole.Button, new() { Name = "Prenota" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync($"non offre la prestazione {service}");
        }
        finally
        {
            await RestoreAsync(offered);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Booking_AfterThePactsYear_IsRefused()
    {
        string service = CareSeed.Services[1];
        var end = await CareSeed.OpenAgendaAfterThePactOfBAsync(web.App.Services, service, Ct);

        var page = await CaseManagerSearchingAsync(service, end.AddDays(1), end.AddDays(10));
        await page.Locator("tbody tr").First.GetByRole(AriaRole.Button, new() { Name = "Prenota" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("fuori dal periodo di validità del PAI");
        await BrowserFixture.ScreenshotAsync(page, "31-gestore-slot-fuori-dal-patto");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Delivery_PostedBeforeTheAppointmentsDay_IsRefused_AndTheBookingStaysBooked()
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.B.UserOf(TerritorioRoles.Erogatore));
        await page.GotoAsync("/Erogatore/Agenda");
        string bookingId = CareSeed.BookingIds["b"];
        var row = page.GetByTestId($"prenotazione-{bookingId}");
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Segna come erogata" })).ToHaveCountAsync(0);

        // A page left open from another day, or a hand-made request: the form is posted anyway.
        await page.EvaluateAsync(
            """
            id => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/Erogatore/Agenda?handler=Delivered';
                form.innerHTML = `<input name="bookingId" value="${id}">`;
                form.appendChild(document.querySelector('input[name=__RequestVerificationToken]').cloneNode());
                document.body.appendChild(form);
                form.submit();
            }
            """,
            bookingId);

        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("non può risultare erogata il");
        await Assertions.Expect(page.GetByTestId("errore")).ToContainTextAsync("prima si sposta la prenotazione");
        await Assertions.Expect(row).ToContainTextAsync("prenotata");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> CaseManagerSearchingAsync(string service, DateOnly from, DateOnly to)
    {
        var page = await web.NewPageAsync();
        await web.SignInAsync(page, Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));
        await page.GotoAsync(string.Create(CultureInfo.InvariantCulture, $"/Gestore/Slot/{Territory.B.Patient}?prestazione={service}&dal={from:yyyy-MM-dd}&al={to:yyyy-MM-dd}"));
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync(Territory.B.Erogatore);
        return page;
    }

    /// <summary>The erogatore stops offering the service after the case manager's list was shown.</summary>
    private async Task<(string Code, int Minutes)> WithdrawAsync(string service)
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CareServices>().Db;
        var offered = await db.Set<OfferedService>().SingleAsync(o => EF.Property<string>(o, "erogatore_id") == Territory.B.Erogatore && o.Code == service, Ct);
        db.Remove(offered);
        await db.SaveChangesAsync(Ct);
        return (offered.Code, offered.SlotMinutes);
    }

    private async Task RestoreAsync((string Code, int Minutes) offered)
    {
        await using var scope = web.App.Services.CreateAsyncScope();
        var care = scope.ServiceProvider.GetRequiredService<CareServices>();
        await care.Network.OfferAsync(Territory.B.Erogatore, offered.Code, offered.Minutes, new CareManagement.Common.Actor.Factory("test").Ats(Territory.B.Ats), Ct);
    }
}
