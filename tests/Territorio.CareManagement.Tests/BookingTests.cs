using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class BookingTests
{
    private static AgendaSlot Slot(Erogatore erogatore, string code = "89.7", int capacity = 1, int inDays = 7, int hour = 9) =>
        AgendaSlot.Open(erogatore, code, WorkingDay(inDays), new TimeOnly(hour, 0), 20, capacity);

    /// <summary>The first working day (no weekend, no national holiday) on or after Today + days.</summary>
    private static DateOnly WorkingDay(int inDays)
    {
        var day = Today.AddDays(inDays);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || ItalianHolidays.IsHoliday(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static Booking Book(Pai pai, AgendaSlot slot, Erogatore erogatore, string code = "89.7", Actor? by = null, params PatientAppointment[] others) =>
        Booking.Book(pai, code, slot, erogatore, 1, new PatientSchedule(PactOf(pai), others), By(by ?? CaseManager()));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Pai, PattoDiCura> Pacts = [];

    private static Pai PlannedPai(DateOnly? start = null)
    {
        var pact = Given.Pact(start: start);
        var pai = WrittenPai(pact);
        Pacts.Add(pai, pact);
        return pai;
    }

    private static PattoDiCura PactOf(Pai pai) => Pacts.TryGetValue(pai, out var pact) ? pact : throw new InvalidOperationException("PAI built without PlannedPai");

    [Fact]
    public void Book_PaiServiceOnAgreedErogatore_IsBooked()
    {
        var erogatore = Erogatore();
        var booking = Book(PlannedPai(), Slot(erogatore), erogatore, "89.7");

        booking.ShouldSatisfyAllConditions(
            b => b.Status.ShouldBe(BookingStatus.Booked),
            b => b.Date.ShouldBe(Today.AddDays(7)),
            b => b.Seat.ShouldBe(1));
    }

    [Fact]
    public void Book_ServiceNotInPai_IsRefused()
    {
        var erogatore = Erogatore();
        erogatore.Offer("89.52", Branche, By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => Book(PlannedPai(), Slot(erogatore, "89.52"), erogatore, "89.52"))
            .Message.ShouldContain("non è nel PAI");
    }

    [Fact]
    public void Book_WithoutActivePai_IsRefused()
    {
        var erogatore = Erogatore();
        var pact = Pact();
        var pai = Pai.For(pact);
        Pacts.Add(pai, pact);
        Should.Throw<CareRuleException>(() => Book(pai, Slot(erogatore), erogatore, "89.7")).Message.ShouldContain("PAI attivo");
    }

    [Fact]
    public void Book_ErogatoreWithoutAgreement_IsRefused()
    {
        var erogatore = Erogatore(gestore: "G9");
        Should.Throw<CareRuleException>(() => Book(PlannedPai(), Slot(erogatore), erogatore, "89.7"))
            .Message.ShouldContain("non ha un accordo con il Gestore G1");
    }

    [Fact]
    public void Book_SlotForAnotherService_OrInThePast_IsRefused()
    {
        var erogatore = Erogatore();
        Should.Throw<CareRuleException>(() => Book(PlannedPai(), Slot(erogatore, "90.28.1"), erogatore, "89.7"));
        Should.Throw<CareRuleException>(() => Book(PlannedPai(), Slot(erogatore, inDays: -3), erogatore, "89.7"));
    }

    [Fact]
    public void Book_ByAnotherGestoresStaff_IsRefused()
    {
        var erogatore = Erogatore();
        Should.Throw<CareRuleException>(() => Book(PlannedPai(), Slot(erogatore), erogatore, "89.7", CaseManager("G2")));
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
        var pai = PlannedPai();
        var booking = Book(pai, Slot(erogatore, inDays: 1), erogatore, "89.7");
        booking.MarkReminderSent(By(Actor.System));

        booking.Reschedule(pai, Slot(erogatore, inDays: 14), erogatore, 1, new PatientSchedule(PactOf(pai), []), By(CaseManager(), "richiesta paziente"));

        booking.Date.ShouldBe(Today.AddDays(14));
        booking.ReminderSentOn.ShouldBeNull();
    }

    [Fact]
    public void Cancel_NeedsAReason_AndCancelledCannotBeDelivered()
    {
        var erogatore = Erogatore();
        var booking = Book(PlannedPai(), Slot(erogatore), erogatore, "89.7");

        Should.Throw<CareRuleException>(() => booking.Cancel(By(CaseManager())));
        booking.Cancel(By(CaseManager(), "ricovero"));
        booking.HoldsSeat.ShouldBeFalse();
        Should.Throw<CareRuleException>(() => booking.MarkDelivered(booking.Date, Pact(), By(Actor.System, on: booking.Date))).Message.ShouldContain("annullata");
    }

    [Fact]
    public void MarkDelivered_OnTheAppointmentsDay_IsDelivered()
    {
        var erogatore = Erogatore();
        var pai = PlannedPai();
        var booking = Book(pai, Slot(erogatore), erogatore);

        booking.MarkDelivered(booking.Date, PactOf(pai), By(Actor.System, on: booking.Date));

        booking.ShouldSatisfyAllConditions(b => b.Status.ShouldBe(BookingStatus.Delivered), b => b.DeliveredOn.ShouldBe(b.Date));
    }

    [Fact]
    public void MarkDelivered_InTheFuture_IsRefused()
    {
        var erogatore = Erogatore();
        var pai = PlannedPai();
        var booking = Book(pai, Slot(erogatore), erogatore);

        Should.Throw<CareRuleException>(() => booking.MarkDelivered(booking.Date.AddDays(1), PactOf(pai), By(Actor.System, on: booking.Date)))
            .Message.ShouldContain("nel futuro");
    }

    [Fact]
    public void MarkDelivered_BeforeTheAppointmentsDay_IsRefused_RescheduleFirst()
    {
        var erogatore = Erogatore();
        var pai = PlannedPai();
        var booking = Book(pai, Slot(erogatore), erogatore);

        Should.Throw<CareRuleException>(() => booking.MarkDelivered(booking.Date.AddDays(-1), PactOf(pai), By(Actor.System, on: booking.Date.AddDays(-1))))
            .Message.ShouldContain("prima si sposta la prenotazione");
        booking.Status.ShouldBe(BookingStatus.Booked);
    }

    [Fact]
    public void MarkDelivered_OutsideThePactsPeriod_IsRefused()
    {
        var erogatore = Erogatore();
        var pai = PlannedPai();
        var booking = Book(pai, Slot(erogatore), erogatore);
        var pact = PactOf(pai);
        pact.Cancel(By(CaseManager(), "trasferito fuori regione", booking.Date.AddDays(-2)));

        Should.Throw<CareRuleException>(() => booking.MarkDelivered(booking.Date, pact, By(Actor.System, on: booking.Date)))
            .Message.ShouldContain("fuori dal periodo del patto");
    }

    [Fact]
    public void MarkDelivered_AfterTheDeath_WithinThePactsPeriod_IsAccepted_TheErogatoreRecordsLate()
    {
        var erogatore = Erogatore();
        var pai = PlannedPai();
        var booking = Book(pai, Slot(erogatore), erogatore);
        var pact = PactOf(pai);
        pact.CancelAtDeath(booking.Date.AddDays(2), By(AtsOperator, "decesso dell'assistito", booking.Date.AddDays(5)));

        booking.MarkDelivered(booking.Date, pact, By(Actor.System, on: booking.Date.AddDays(6)));

        booking.Status.ShouldBe(BookingStatus.Delivered);
    }

    [Fact]
    public void MarkDelivered_AfterTheDeathDay_IsRefused()
    {
        var erogatore = Erogatore();
        var pai = PlannedPai();
        var booking = Book(pai, Slot(erogatore), erogatore);
        var pact = PactOf(pai);
        pact.CancelAtDeath(booking.Date.AddDays(-1), By(AtsOperator, "decesso dell'assistito", booking.Date));

        Should.Throw<CareRuleException>(() => booking.MarkDelivered(booking.Date, pact, By(Actor.System, on: booking.Date.AddDays(1))))
            .Message.ShouldContain("fuori dal periodo del patto");
    }

    [Fact]
    public void ReverseDelivery_NeedsAReason_ReopensTheBooking_AndKeepsWhoAndWhy()
    {
        var erogatore = Erogatore();
        var pai = PlannedPai();
        var booking = Book(pai, Slot(erogatore), erogatore);
        booking.MarkDelivered(booking.Date, PactOf(pai), By(Actor.System, on: booking.Date));
        var clerk = new Actor(ActorRole.Erogatore, "acc.verdi", "E1");

        Should.Throw<CareRuleException>(() => booking.ReverseDelivery(By(clerk, on: booking.Date))).Message.ShouldContain("serve una motivazione");
        booking.ReverseDelivery(By(clerk, "paziente non presentato, segnato per errore", booking.Date));

        booking.ShouldSatisfyAllConditions(
            b => b.Status.ShouldBe(BookingStatus.Booked),
            b => b.DeliveredOn.ShouldBeNull(),
            b => b.ReversedBy.ShouldBe(clerk.ToString()),
            b => b.ReversalReason.ShouldBe("paziente non presentato, segnato per errore"));
        Should.Throw<CareRuleException>(() => booking.ReverseDelivery(By(clerk, "di nuovo", booking.Date))).Message.ShouldContain("si storna solo un'erogazione");
    }

    [Fact]
    public void Book_ServiceTheErogatoreDoesNotOffer_IsRefused()
    {
        var lab = Erogatore();
        var slot = Slot(lab);
        var pai = PlannedPai();
        // The same erogatore after it stopped offering visits: its old slot cannot be booked.
        var laterWithoutVisits = Network.Erogatore.Register("E1", "Laboratorio", Ats, By(AtsOperator));
        laterWithoutVisits.SignAgreement("G1", Today.AddYears(-1), null, By(ClinicalManager()));

        Should.Throw<CareRuleException>(() => Book(pai, slot, laterWithoutVisits)).Message.ShouldContain("non offre la prestazione 89.7");
    }

    [Fact]
    public void Book_SlotOnADayTheErogatoreClosedAfterOpeningIt_IsRefused_AndReopenedItIsBooked()
    {
        var erogatore = Erogatore();
        var slot = Slot(erogatore);
        // The closure comes after the slot was opened: the slot is still there, named by its number (API, CLI).
        erogatore.Close(slot.Date, slot.Date, "lavori all'impianto elettrico", By(AtsOperator));

        Should.Throw<CareRuleException>(() => Book(PlannedPai(), slot, erogatore))
            .Message.ShouldContain($"non si può prenotare: l'erogatore E1 è chiuso dal {slot.Date:dd/MM/yyyy}");

        erogatore.Reopen(slot.Date, By(AtsOperator));
        Book(PlannedPai(), slot, erogatore).Status.ShouldBe(BookingStatus.Booked);
    }

    [Fact]
    public void Book_SlotOutsideTheHoursPublishedAfterOpeningIt_IsRefused()
    {
        var erogatore = Erogatore();
        var slot = Slot(erogatore, hour: 9);
        erogatore.SetOpeningHours(slot.Date.DayOfWeek, new TimeOnly(14, 0), new TimeOnly(18, 0), By(AtsOperator));

        Should.Throw<CareRuleException>(() => Book(PlannedPai(), slot, erogatore)).Message.ShouldContain("fuori dall'orario");
    }

    [Fact]
    public void Reschedule_OntoASlotOfAClosedDay_IsRefused_AndTheBookingStays()
    {
        var erogatore = Erogatore();
        var pai = PlannedPai();
        var booking = Book(pai, Slot(erogatore, inDays: 7), erogatore);
        var later = Slot(erogatore, inDays: 14);
        erogatore.Close(later.Date, later.Date, "santo patrono", By(AtsOperator));

        Should.Throw<CareRuleException>(() => booking.Reschedule(pai, later, erogatore, 1, new PatientSchedule(PactOf(pai), []), By(CaseManager())))
            .Message.ShouldContain("santo patrono");
        booking.Date.ShouldBe(WorkingDay(7));
    }

    [Fact]
    public void Book_OverlappingAnotherAppointmentOfThePatient_IsRefused()
    {
        var erogatore = Erogatore();
        var slot = Slot(erogatore);
        var elsewhere = new PatientAppointment(41, "90.28.1", slot.Date, slot.Start.AddMinutes(10), 20, BookingStatus.Booked);

        Should.Throw<CareRuleException>(() => Book(PlannedPai(), slot, erogatore, others: elsewhere))
            .Message.ShouldContain("si sovrappone");
    }

    [Fact]
    public void Book_RightAfterAnotherAppointment_IsBooked()
    {
        var erogatore = Erogatore();
        var slot = Slot(erogatore, hour: 10);
        var before = new PatientAppointment(41, "90.28.1", slot.Date, new TimeOnly(9, 40), 20, BookingStatus.Booked);

        Book(PlannedPai(), slot, erogatore, others: before).Status.ShouldBe(BookingStatus.Booked);
    }

    [Fact]
    public void Book_MoreThanTheItemsYearlyFrequency_IsRefused()
    {
        var erogatore = Erogatore();
        var slot = Slot(erogatore, inDays: 60);
        PatientAppointment Visit(long id, int inDays) => new(id, "89.7", WorkingDay(inDays), new TimeOnly(9, 0), 20, id == 1 ? BookingStatus.Delivered : BookingStatus.Booked);

        // The PAI plans 89.7 twice a year: one delivered and one booked already.
        Should.Throw<CareRuleException>(() => Book(PlannedPai(), slot, erogatore, others: [Visit(1, 7), Visit(2, 30)]))
            .Message.ShouldContain("prevista dal PAI 2 volte l'anno");
    }

    [Fact]
    public void Reschedule_IntoAPlanYearWhoseVisitsAreAllBooked_IsRefused_AndTheBookingStays()
    {
        var erogatore = Erogatore();
        // A renewed pact: the plan's first year ends in 44 days, the second is planned already.
        var pai = PlannedPai(start: Today.AddDays(-320));
        PactOf(pai).Renew(OnPaper, By(CaseManager()));
        var booking = Book(pai, Slot(erogatore, inDays: 7), erogatore);
        PatientAppointment Visit(long id, int inDays) => new(id, "89.7", WorkingDay(inDays), new TimeOnly(9, 0), 20, BookingStatus.Booked);
        var schedule = new PatientSchedule(PactOf(pai), [Visit(0, 7), Visit(41, 100), Visit(42, 130)]);

        // The PAI plans 89.7 twice a year: moved into the second year, it would be the third there.
        Should.Throw<CareRuleException>(() => booking.Reschedule(pai, Slot(erogatore, inDays: 160), erogatore, 1, schedule, By(CaseManager(), "ferie del paziente")))
            .Message.ShouldContain("prevista dal PAI 2 volte l'anno e ne risultano già 2 prenotate o erogate");
        booking.Date.ShouldBe(WorkingDay(7));
        booking.Reschedule(pai, Slot(erogatore, inDays: 21), erogatore, 1, schedule, By(CaseManager(), "ferie del paziente"));
        booking.Date.ShouldBe(WorkingDay(21));
    }

    [Fact]
    public void Book_CancelledBookingsAndNextPlanYear_DoNotCountTowardsTheFrequency()
    {
        var erogatore = Erogatore();
        var cancelled = new PatientAppointment(1, "89.7", WorkingDay(7), new TimeOnly(9, 0), 20, BookingStatus.Cancelled);
        var held = new PatientAppointment(2, "89.7", WorkingDay(30), new TimeOnly(9, 0), 20, BookingStatus.Booked);

        Book(PlannedPai(), Slot(erogatore, inDays: 60), erogatore, others: [cancelled, held]).Status.ShouldBe(BookingStatus.Booked);
        Booking.PlanYearOf(Today, Today.AddYears(1)).ShouldBe((Today.AddYears(1), Today.AddYears(2).AddDays(-1)));
    }

    [Fact]
    public void Book_DateOutsideThePaisValidity_IsRefused()
    {
        var erogatore = Erogatore();
        var pai = PlannedPai(start: Today.AddDays(20));

        Should.Throw<CareRuleException>(() => Book(pai, Slot(erogatore, inDays: 7), erogatore))
            .Message.ShouldContain("fuori dal periodo di validità del PAI");
    }

    [Fact]
    public void MarkMissed_BeforeTheAppointmentPassed_IsRefused()
    {
        var erogatore = Erogatore();
        var booking = Book(PlannedPai(), Slot(erogatore), erogatore, "89.7");

        Should.Throw<CareRuleException>(() => booking.MarkMissed(By(CaseManager())));
        booking.MarkMissed(By(CaseManager(), on: Today.AddDays(8)));
        booking.Status.ShouldBe(BookingStatus.Missed);
    }

    [Fact]
    public void Reminder_IsDueTwoDaysBefore_AndOnlyOnce()
    {
        var erogatore = Erogatore();
        var booking = Book(PlannedPai(), Slot(erogatore, inDays: 4), erogatore, "89.7");

        booking.ReminderDueOn(Today.AddDays(1)).ShouldBeFalse();
        booking.ReminderDueOn(Today.AddDays(2)).ShouldBeTrue();
        booking.MarkReminderSent(By(Actor.System, on: Today.AddDays(2)));
        booking.ReminderDueOn(Today.AddDays(3)).ShouldBeFalse();
    }

    [Fact]
    public void Delivery_MatchesNearestOpenBookingOfSameCode_ElseInPlan_ElseOutside()
    {
        var erogatore = Erogatore();
        var booking = Book(PlannedPai(), Slot(erogatore, inDays: 10), erogatore, "89.7");

        DeliveryMatching.Match("89.7", Today.AddDays(12), [booking], ["89.7", "90.28.1"]).ShouldBe((DeliveryMatch.Booked, booking));
        DeliveryMatching.Match("89.7", Today.AddDays(8), [booking], ["89.7"]).Match.ShouldBe(DeliveryMatch.InPlan);
        DeliveryMatching.Match("89.7", Today.AddDays(40), [booking], ["89.7"]).Match.ShouldBe(DeliveryMatch.InPlan);
        DeliveryMatching.Match("88.72.3", Today.AddDays(10), [booking], ["89.7"]).Match.ShouldBe(DeliveryMatch.OutsidePlan);
    }
}
