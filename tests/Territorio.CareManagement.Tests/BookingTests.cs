using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class BookingTests
{
    private static AgendaSlot Slot(Erogatore erogatore, string code = "89.7", int capacity = 1, int inDays = 7) =>
        AgendaSlot.Open(erogatore, code, Today.AddDays(inDays), new TimeOnly(9, 0), 20, capacity);

    [Fact]
    public void Book_PaiServiceOnAgreedErogatore_IsBooked()
    {
        var erogatore = Erogatore();
        var booking = Booking.Book(WrittenPai(), "89.7", Slot(erogatore), erogatore, 1, By(CaseManager()));

        booking.ShouldSatisfyAllConditions(
            b => b.Status.ShouldBe(BookingStatus.Booked),
            b => b.Date.ShouldBe(Today.AddDays(7)),
            b => b.Seat.ShouldBe(1));
    }

    [Fact]
    public void Book_ServiceNotInPai_IsRefused()
    {
        var erogatore = Erogatore();
        erogatore.Offer("89.52", By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => Booking.Book(WrittenPai(), "89.52", Slot(erogatore, "89.52"), erogatore, 1, By(CaseManager())))
            .Message.ShouldContain("non è nel PAI");
    }

    [Fact]
    public void Book_WithoutActivePai_IsRefused()
    {
        var erogatore = Erogatore();
        var pai = Territorio.CareManagement.Plans.Pai.For(Pact());
        Should.Throw<CareRuleException>(() => Booking.Book(pai, "89.7", Slot(erogatore), erogatore, 1, By(CaseManager()))).Message.ShouldContain("PAI attivo");
    }

    [Fact]
    public void Book_ErogatoreWithoutAgreement_IsRefused()
    {
        var erogatore = Erogatore(gestore: "G9");
        Should.Throw<CareRuleException>(() => Booking.Book(WrittenPai(), "89.7", Slot(erogatore), erogatore, 1, By(CaseManager())))
            .Message.ShouldContain("non ha un accordo con il Gestore G1");
    }

    [Fact]
    public void Book_SlotForAnotherService_OrInThePast_IsRefused()
    {
        var erogatore = Erogatore();
        Should.Throw<CareRuleException>(() => Booking.Book(WrittenPai(), "89.7", Slot(erogatore, "90.28.1"), erogatore, 1, By(CaseManager())));
        Should.Throw<CareRuleException>(() => Booking.Book(WrittenPai(), "89.7", Slot(erogatore, inDays: -1), erogatore, 1, By(CaseManager())));
    }

    [Fact]
    public void Book_ByAnotherGestoresStaff_IsRefused()
    {
        var erogatore = Erogatore();
        Should.Throw<CareRuleException>(() => Booking.Book(WrittenPai(), "89.7", Slot(erogatore), erogatore, 1, By(CaseManager("G2"))));
    }

    [Fact]
    public void Slot_FirstFreeSeat_SkipsTakenSeats_AndRefusesWhenFull()
    {
        var slot = Slot(Erogatore(), capacity: 3);

        slot.FirstFreeSeat([1, 3]).ShouldBe(2);
        Should.Throw<CareRuleException>(() => slot.FirstFreeSeat([1, 2, 3])).Message.ShouldContain("al completo");
    }

    [Fact]
    public void Slot_ServiceNotOffered_OrBadCapacity_IsRefused()
    {
        var erogatore = Erogatore();
        Should.Throw<CareRuleException>(() => AgendaSlot.Open(erogatore, "89.52", Today, new TimeOnly(9, 0), 20, 1));
        Should.Throw<CareRuleException>(() => AgendaSlot.Open(erogatore, "89.7", Today, new TimeOnly(9, 0), 20, 0));
    }

    [Fact]
    public void Agenda_WorkingDays_SkipsWeekends()
    {
        var slots = AgendaSlot.OpenWorkingDays(Erogatore(), "89.7", new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 9), [new TimeOnly(9, 0), new TimeOnly(10, 0)], 20, 1).ToList();

        slots.Select(s => s.Date).Distinct().ShouldBe([new DateOnly(2026, 3, 6), new DateOnly(2026, 3, 9)]);
        slots.Count.ShouldBe(4);
    }

    [Fact]
    public void Reschedule_MovesToTheNewSlot_AndResetsTheReminder()
    {
        var erogatore = Erogatore();
        var booking = Booking.Book(WrittenPai(), "89.7", Slot(erogatore, inDays: 1), erogatore, 1, By(CaseManager()));
        booking.MarkReminderSent(By(Actor.System));

        booking.Reschedule(Slot(erogatore, inDays: 14), erogatore, 1, By(CaseManager(), "richiesta paziente"));

        booking.Date.ShouldBe(Today.AddDays(14));
        booking.ReminderSentOn.ShouldBeNull();
    }

    [Fact]
    public void Cancel_NeedsAReason_AndCancelledCannotBeDelivered()
    {
        var erogatore = Erogatore();
        var booking = Booking.Book(WrittenPai(), "89.7", Slot(erogatore), erogatore, 1, By(CaseManager()));

        Should.Throw<CareRuleException>(() => booking.Cancel(By(CaseManager())));
        booking.Cancel(By(CaseManager(), "ricovero"));
        booking.HoldsSeat.ShouldBeFalse();
        Should.Throw<CareRuleException>(() => booking.MarkDelivered(Today, By(Actor.System))).Message.ShouldContain("annullata");
    }

    [Fact]
    public void MarkDelivered_FutureDate_IsRefused_PastDateIsKept()
    {
        var erogatore = Erogatore();
        var booking = Booking.Book(WrittenPai(), "89.7", Slot(erogatore), erogatore, 1, By(CaseManager()));

        Should.Throw<CareRuleException>(() => booking.MarkDelivered(Today.AddDays(1), By(Actor.System)));
        booking.MarkDelivered(Today, By(Actor.System));
        booking.Status.ShouldBe(BookingStatus.Delivered);
    }

    [Fact]
    public void MarkMissed_BeforeTheAppointmentPassed_IsRefused()
    {
        var erogatore = Erogatore();
        var booking = Booking.Book(WrittenPai(), "89.7", Slot(erogatore), erogatore, 1, By(CaseManager()));

        Should.Throw<CareRuleException>(() => booking.MarkMissed(By(CaseManager())));
        booking.MarkMissed(By(CaseManager(), on: Today.AddDays(8)));
        booking.Status.ShouldBe(BookingStatus.Missed);
    }

    [Fact]
    public void Reminder_IsDueTwoDaysBefore_AndOnlyOnce()
    {
        var erogatore = Erogatore();
        var booking = Booking.Book(WrittenPai(), "89.7", Slot(erogatore, inDays: 5), erogatore, 1, By(CaseManager()));

        booking.ReminderDueOn(Today.AddDays(2)).ShouldBeFalse();
        booking.ReminderDueOn(Today.AddDays(3)).ShouldBeTrue();
        booking.MarkReminderSent(By(Actor.System, on: Today.AddDays(3)));
        booking.ReminderDueOn(Today.AddDays(4)).ShouldBeFalse();
    }

    [Fact]
    public void Delivery_MatchesNearestOpenBookingOfSameCode_ElseInPlan_ElseOutside()
    {
        var erogatore = Erogatore();
        var booking = Booking.Book(WrittenPai(), "89.7", Slot(erogatore, inDays: 10), erogatore, 1, By(CaseManager()));

        DeliveryMatching.Match("89.7", Today.AddDays(12), [booking], ["89.7", "90.28.1"]).ShouldBe((DeliveryMatch.Booked, booking));
        DeliveryMatching.Match("89.7", Today.AddDays(40), [booking], ["89.7"]).Match.ShouldBe(DeliveryMatch.InPlan);
        DeliveryMatching.Match("88.72.3", Today.AddDays(10), [booking], ["89.7"]).Match.ShouldBe(DeliveryMatch.OutsidePlan);
    }
}
