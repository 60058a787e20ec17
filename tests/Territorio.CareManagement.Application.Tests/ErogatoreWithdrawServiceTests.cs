using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.Data;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>An erogatore stops offering a service (decision 0268), on SQLite and PostgreSQL.</summary>
public class ErogatoreWithdrawServiceTests
{
    private static readonly Actor Erogatore = new(ActorRole.Erogatore, "acc.centro", "E1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Withdraw_WithAnAppointmentBookedAhead_IsRefusedListingIt_AndTheAgendaIsUntouched(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");
        var booking = await world.UseAsync(async db => await world.Bookings(db).BookAsync("P1", await world.FirstSlotAsync(), CaseManager(), Ct));
        int slotsBefore = await SlotsAsync(world, "89.01");

        var refusal = await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Network(db).WithdrawAsync("E1", "89.01", Erogatore, Ct)));

        refusal.Message.ShouldContain($"ha un appuntamento prenotato da oggi in poi presso l'erogatore Poliambulatorio Centro (E1): {booking.Date:dd/MM/yyyy} {booking.Start:HH\\:mm} P1. Prima va spostato o annullato");
        (await world.UseAsync(db => world.Network(db).ServicesOfAsync("E1", Ct))).Services.ShouldContain(s => s.Code == "89.01");
        (await SlotsAsync(world, "89.01")).ShouldBe(slotsBefore);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Withdraw_AfterTheBookingIsCancelled_RemovesTheOfferAndTheFreeSlots_KeepingTheSlotOfTheCancelledBooking(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");
        var booking = await world.UseAsync(async db => await world.Bookings(db).BookAsync("P1", await world.FirstSlotAsync(), CaseManager(), Ct));
        await world.UseAsync(db => world.Bookings(db).CancelAsync(booking.Id, CaseManager(), "il paziente rinuncia", Ct));
        int slotsBefore = await SlotsAsync(world, "89.01");

        int removed = await world.UseAsync(db => world.Network(db).WithdrawAsync("E1", "89.01", Erogatore, Ct));

        removed.ShouldBe(slotsBefore - 1);
        (await SlotsAsync(world, "89.01")).ShouldBe(1);
        (await world.UseAsync(db => world.Network(db).ServicesOfAsync("E1", Ct))).Services.ShouldNotContain(s => s.Code == "89.01");
        (await world.UseAsync(db => world.Network(db).FreeSlotsAsync("89.01", "G1", Today, Today.AddDays(60), 5, Ct))).ShouldBeEmpty();
        (await SlotsAsync(world, "89.52")).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task ErogatoriOfAts_ListsOnlyThatAtsErogatori_ByName_WithTheirBranche(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Network(db).RegisterAsync("E9", "Ambulatorio Altrove", "322", ["90.16.3"], new Actor(ActorRole.Ats, "op", "322"), Ct));

        var erogatori = await world.UseAsync(db => world.Network(db).ErogatoriOfAtsAsync(Ats, Ct));

        erogatori.Select(e => e.Id).ShouldBe(["E1"]);
        erogatori[0].Branche.ShouldNotBeEmpty();
    }

    private static Task<int> SlotsAsync(CareWorld world, string service) =>
        world.UseAsync(db => db.Set<AgendaSlot>().CountAsync(s => s.ErogatoreId == "E1" && s.ServiceCode == service, Ct));
}
