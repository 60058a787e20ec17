using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Network;
using Territorio.Web.Api;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using static Territorio.Web.Tests.Care.CareApi;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests.Care;

/// <summary>
/// Issue 16's faults tried through the REST API rather than the screens: every booking and delivery
/// refusal of the care rules is a 409 problem with the Italian reason, and nothing is written.
/// Territory B's patient: their PAI plans the visit (89.01) once a year, booked already.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class CareRulesApiTests(WebAppFixture app)
{
    private static readonly string Bookings = $"/api/gestore/pazienti/{Territory.B.Patient}/prenotazioni";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delivery_BeforeTheAppointmentsDay_OrInTheFuture_AndANoShowBeforeIt_AreRefused_AndNothingIsRecorded()
    {
        var erogatore = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.Erogatore));
        long booking = long.Parse(CareSeed.BookingIds["b"], System.Globalization.CultureInfo.InvariantCulture);
        var (day, _) = CareSeed.BookingTimes["b"];
        string url = $"/api/erogatore/prenotazioni/{booking}/erogazione";
        int delivered = await DeliveriesOfThePatientAsync();

        var early = await ProblemAsync(erogatore, url, new DeliveryRequest(ItalianFormat.Date(app.SeedDay)), HttpStatusCode.Conflict);
        var future = await ProblemAsync(erogatore, url, new DeliveryRequest(ItalianFormat.Date(day)), HttpStatusCode.Conflict);
        var malformed = await ProblemAsync(erogatore, url, new DeliveryRequest("31/02/2026"), HttpStatusCode.BadRequest);
        var noShow = await ProblemAsync(erogatore, $"/api/erogatore/prenotazioni/{booking}/mancata", new { }, HttpStatusCode.Conflict);

        early.GetProperty("title").GetString().ShouldBe("Operazione rifiutata");
        early.GetProperty("detail").GetString()!.ShouldContain($"è prenotata per il {day:dd/MM/yyyy}: non può risultare erogata il {app.SeedDay:dd/MM/yyyy}");
        ErrorsOf(early, "date").ShouldBe(early.GetProperty("detail").GetString());
        ErrorsOf(future, "date").ShouldContain($"la data di erogazione {day:dd/MM/yyyy} è nel futuro");
        ErrorsOf(malformed, "date").ShouldContain("gg/mm/aaaa");
        noShow.GetProperty("detail").GetString()!.ShouldContain($"l'appuntamento del {day:dd/MM/yyyy} non è ancora passato");
        await using var db = app.Database.CreateContext();
        (await db.Set<Booking>().SingleAsync(b => b.Id == booking, Ct)).Status.ShouldBe(BookingStatus.Booked);
        (await DeliveriesOfThePatientAsync()).ShouldBe(delivered);
    }

    [Fact]
    public async Task Delivery_CannotBeDeleted_OnlyReversedWithAReason()
    {
        var erogatore = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.Erogatore));
        string booking = CareSeed.BookingIds["b"];

        using var deleted = await erogatore.DeleteAsync($"/api/erogatore/prenotazioni/{booking}/erogazione", Ct);
        var reversal = await ProblemAsync(erogatore, $"/api/erogatore/prenotazioni/{booking}/storno", new CancelRequest(null), HttpStatusCode.BadRequest);

        ((int)deleted.StatusCode).ShouldBeInRange(400, 499);
        deleted.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ErrorsOf(reversal, "reason").ShouldBe("Motivo dello storno: campo obbligatorio");
    }

    [Fact]
    public async Task Booking_OnADayTheErogatoreClosedAfterOpeningIt_IsRefused_AndNothingIsBooked()
    {
        var (slot, day) = await FreeDayOfAsync(CareSeed.Services[2]);
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CareServices>().Network.CloseAsync(Territory.B.Erogatore, day, day, "disinfestazione dei locali", Ats, Ct);
        }

        try
        {
            var refusal = await RefusedAsync(slot);

            refusal.ShouldContain($"non si può prenotare: l'erogatore Poliambulatorio B ({Territory.B.Erogatore}) è chiuso dal {day:dd/MM/yyyy} al {day:dd/MM/yyyy} (disinfestazione dei locali)");
        }
        finally
        {
            await using var scope = app.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CareServices>().Network.ReopenAsync(Territory.B.Erogatore, day, Ats, Ct);
        }
    }

    [Fact]
    public async Task Booking_OverlappingThePatientsAppointment_OrBeyondTheYearlyFrequency_IsRefused()
    {
        var (day, start) = CareSeed.BookingTimes["b"];
        long sameTime = await SlotAsync(s => s.ServiceCode == CareSeed.Services[2] && s.Date == day && s.Start == start);
        long secondVisit = await SlotAsync(s => s.ServiceCode == CareSeed.Services[0] && s.Date > day);

        (await RefusedAsync(sameTime)).ShouldContain($"ha già un appuntamento il {day:dd/MM/yyyy} alle {start:HH\\:mm}");
        (await RefusedAsync(secondVisit)).ShouldContain("prevista dal PAI una volta l'anno e ne risultano già 1 prenotate o erogate");
    }

    [Fact]
    public async Task Booking_AServiceTheErogatoreNoLongerOffers_IsRefused()
    {
        string service = CareSeed.Services[1];
        var (slot, _) = await FreeDayOfAsync(service);
        int minutes;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CareServices>().Db;
            var offered = await db.Set<OfferedService>().SingleAsync(o => EF.Property<string>(o, "erogatore_id") == Territory.B.Erogatore && o.Code == service, Ct);
            minutes = offered.SlotMinutes;
            db.Remove(offered);
            await db.SaveChangesAsync(Ct);
        }

        try
        {
            (await RefusedAsync(slot)).ShouldContain($"non offre la prestazione {service}");
        }
        finally
        {
            await using var scope = app.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CareServices>().Network.OfferAsync(Territory.B.Erogatore, service, minutes, Ats, Ct);
        }
    }

    [Fact]
    public async Task Booking_AfterThePaisValidity_IsRefused()
    {
        string service = CareSeed.Services[2];
        var end = await CareSeed.OpenAgendaAfterThePactOfBAsync(app.App.Services, service, Ct);

        long slot = await SlotAsync(s => s.ServiceCode == service && s.Date > end);

        (await RefusedAsync(slot)).ShouldContain("fuori dal periodo di validità del PAI");
    }

    private static CareActor Ats => new CareActor.Factory("test").Ats(Territory.B.Ats);

    /// <summary>Books as the case manager, expects a 409 with the reason, and checks that the patient's bookings did not change.</summary>
    private async Task<string> RefusedAsync(long slot)
    {
        var cm = await app.ApiAs(Territory.B.UserOf(TerritorioRoles.GestoreCaseManager));
        int before = await BookingsOfThePatientAsync();

        JsonElement problem = await ProblemAsync(cm, Bookings, new BookRequest(slot), HttpStatusCode.Conflict);

        problem.GetProperty("title").GetString().ShouldBe("Operazione rifiutata");
        string reason = problem.GetProperty("detail").GetString()!;
        ErrorsOf(problem, "slotId").ShouldBe(reason);
        (await BookingsOfThePatientAsync()).ShouldBe(before);
        return reason;
    }

    private async Task<int> BookingsOfThePatientAsync()
    {
        await using var db = app.Database.CreateContext();
        return await db.Set<Booking>().CountAsync(b => b.PatientId == Territory.B.Patient, Ct);
    }

    private async Task<int> DeliveriesOfThePatientAsync()
    {
        await using var db = app.Database.CreateContext();
        return await db.Set<DeliveredService>().CountAsync(d => d.PatientId == Territory.B.Patient, Ct);
    }

    private async Task<long> SlotAsync(System.Linq.Expressions.Expression<Func<AgendaSlot, bool>> which)
    {
        await using var db = app.Database.CreateContext();
        return await db.Set<AgendaSlot>().Where(s => s.ErogatoreId == Territory.B.Erogatore).Where(which).OrderBy(s => s.Date).ThenBy(s => s.Start).Select(s => s.Id).FirstAsync(Ct);
    }

    /// <summary>A slot of the service on a day, weeks ahead, when the erogatore has no appointment.</summary>
    private async Task<(long Slot, DateOnly Day)> FreeDayOfAsync(string service)
    {
        await using var db = app.Database.CreateContext();
        var busy = await db.Set<Booking>().Where(b => b.ErogatoreId == Territory.B.Erogatore).Select(b => b.Date).ToListAsync(Ct);
        var slots = await db.Set<AgendaSlot>().Where(s => s.ErogatoreId == Territory.B.Erogatore && s.ServiceCode == service && s.Date > app.SeedDay.AddDays(14))
            .OrderBy(s => s.Date).ThenBy(s => s.Start).Select(s => new { s.Id, s.Date }).ToListAsync(Ct);
        var free = slots.First(s => !busy.Contains(s.Date));
        return (free.Id, free.Date);
    }
}
