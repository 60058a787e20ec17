using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Bookings;

/// <summary>A reminder to send: to whom, for what, and on which day it is due.</summary>
public sealed record Reminder(long BookingId, string PatientId, string ServiceCode, string ErogatoreId, DateOnly AppointmentDate, TimeOnly Start, DateOnly SendOn, string Message);

/// <summary>The Centro Servizi: book, reschedule, cancel, reminders, and services marked delivered.</summary>
public sealed class BookingService(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    public async Task<Booking> BookAsync(string patientId, long slotId, Actor by, CancellationToken ct)
    {
        var pai = await ActivePaiAsync(patientId, ct);
        var schedule = await ScheduleAsync(pai.PactId, patientId, ct);
        return await PlaceAsync(slotId, patientId, async (slot, erogatore, seat) =>
        {
            var booking = Booking.Book(pai, slot.ServiceCode, slot, erogatore, seat, schedule, Now(by));
            Db.Add(booking);
            await CommitAsync(ct);
            return booking;
        }, ct);
    }

    public async Task<Booking> RescheduleAsync(long bookingId, long slotId, Actor by, string? reason, CancellationToken ct)
    {
        var booking = await BookingAsync(bookingId, ct);
        var pai = await Db.Set<Territorio.CareManagement.Plans.Pai>().AsNoTracking().SingleAsync(p => p.Id == booking.PaiId, ct);
        var schedule = await ScheduleAsync(pai.PactId, booking.PatientId, ct);
        return await PlaceAsync(slotId, booking.PatientId, async (slot, erogatore, seat) =>
        {
            booking.Reschedule(pai, slot, erogatore, seat, schedule, Now(by, reason));
            await CommitAsync(ct);
            return booking;
        }, ct);
    }

    public async Task<Booking> CancelAsync(long bookingId, Actor by, string? reason, CancellationToken ct)
    {
        var booking = await BookingAsync(bookingId, ct);
        booking.Cancel(Now(by, reason));
        await CommitAsync(ct);
        return booking;
    }

    /// <summary>The erogatore marks a booked service delivered; adherence counts it at once.</summary>
    public async Task<Booking> MarkDeliveredAsync(long bookingId, DateOnly on, Actor by, CancellationToken ct)
    {
        var booking = await OwnBookingAsync(bookingId, by, ct);
        booking.MarkDelivered(on, await PactOfAsync(booking, ct), Now(by));
        bool known = await Db.Set<DeliveredService>().AnyAsync(d => d.PatientId == booking.PatientId && d.Date == on && d.Code == booking.ServiceCode && d.ReversedOn == null, ct);
        if (!known)
        {
            Db.Add(new DeliveredService(booking.PatientId, on, booking.ServiceCode, DeliveryMatch.Booked, booking.Id, $"erogatore {booking.ErogatoreId}"));
        }

        await CommitAsync(ct);
        return booking;
    }

    /// <summary>A delivery entered by mistake: the booking is open again, the delivery stays on record as reversed.</summary>
    public async Task<Booking> ReverseDeliveryAsync(long bookingId, Actor by, string? reason, CancellationToken ct)
    {
        var booking = await OwnBookingAsync(bookingId, by, ct);
        var change = Now(by, reason);
        var on = booking.ReverseDelivery(change);
        var delivered = await Db.Set<DeliveredService>()
            .Where(d => d.PatientId == booking.PatientId && d.Date == on && d.Code == booking.ServiceCode && d.ReversedOn == null).ToListAsync(ct);
        foreach (var row in delivered)
        {
            row.Reverse(change);
        }

        await CommitAsync(ct);
        return booking;
    }

    public async Task<Booking> MarkMissedAsync(long bookingId, Actor by, CancellationToken ct)
    {
        var booking = await OwnBookingAsync(bookingId, by, ct);
        booking.MarkMissed(Now(by));
        await CommitAsync(ct);
        return booking;
    }

    /// <summary>Reminders due on a day (appointments in the next days not yet reminded).</summary>
    public async Task<IReadOnlyList<Reminder>> RemindersDueAsync(DateOnly on, string? gestoreId, CancellationToken ct)
    {
        var until = on.AddDays(Booking.ReminderDaysBefore);
        var bookings = await Db.Set<Booking>()
            .Where(b => b.Status == BookingStatus.Booked && b.ReminderSentOn == null && b.Date >= on && b.Date <= until && (gestoreId == null || b.GestoreId == gestoreId))
            .OrderBy(b => b.Date).ThenBy(b => b.Start).ThenBy(b => b.Id)
            .ToListAsync(ct);
        return bookings.Select(b => new Reminder(b.Id, b.PatientId, b.ServiceCode, b.ErogatoreId, b.Date, b.Start, b.Date.AddDays(-Booking.ReminderDaysBefore) > on ? b.Date.AddDays(-Booking.ReminderDaysBefore) : on,
            $"Promemoria: prestazione {b.ServiceCode} il {b.Date:dd/MM/yyyy} alle {b.Start:HH\\:mm} presso {b.ErogatoreId}.")).ToList();
    }

    public async Task<int> MarkRemindersSentAsync(IEnumerable<long> bookingIds, Actor by, CancellationToken ct)
    {
        var ids = bookingIds.ToList();
        var bookings = await Db.Set<Booking>().Where(b => ids.Contains(b.Id)).ToListAsync(ct);
        foreach (var booking in bookings)
        {
            booking.MarkReminderSent(Now(by));
        }

        await CommitAsync(ct);
        return bookings.Count;
    }

    public async Task<IReadOnlyList<Booking>> OfPatientAsync(string patientId, CancellationToken ct) =>
        await Db.Set<Booking>().Where(b => b.PatientId == patientId).OrderBy(b => b.Date).ThenBy(b => b.Start).ToListAsync(ct);

    public async Task<IReadOnlyList<Booking>> OfErogatoreAsync(string erogatoreId, DateOnly from, DateOnly to, CancellationToken ct) =>
        await Db.Set<Booking>().Where(b => b.ErogatoreId == erogatoreId && b.Date >= from && b.Date <= to)
            .OrderBy(b => b.Date).ThenBy(b => b.Start).ThenBy(b => b.Id).ToListAsync(ct);

    /// <summary>
    /// Takes the first free seat of a slot. Two operators may pick the same seat at once: the
    /// database's unique index lets one win; the other retries with the seats taken now, and is
    /// refused when the slot is full.
    /// </summary>
    private async Task<Booking> PlaceAsync(long slotId, string patientId, Func<AgendaSlot, Erogatore, int, Task<Booking>> place, CancellationToken ct)
    {
        var slot = await Db.Set<AgendaSlot>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == slotId, ct)
            ?? throw new CareRuleException($"slot {slotId} non trovato");
        var erogatore = await ErogatoreAsync(slot.ErogatoreId, ct);
        for (int attempt = 0; ; attempt++)
        {
            var holders = await Db.Set<Booking>().AsNoTracking()
                .Where(b => b.SlotId == slotId && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.Delivered))
                .Select(b => new { b.Seat, b.PatientId }).ToListAsync(ct);
            if (holders.Any(h => h.PatientId == patientId))
            {
                throw new CareRuleException($"il paziente {patientId} è già prenotato sullo slot {slotId}");
            }

            int seat = slot.FirstFreeSeat(holders.Select(h => h.Seat).ToList());
            try
            {
                return await place(slot, erogatore, seat);
            }
            catch (CareRuleException ex) when (CareUnitOfWork.IsUniqueConflict(ex) && attempt < slot.Capacity + 2)
            {
                RevertPending();
            }
        }
    }

    private void RevertPending()
    {
        foreach (var entry in Db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
        {
            if (entry.Entity is AggregateRoot aggregate)
            {
                aggregate.ClearPendingHistory();
            }

            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
            else
            {
                entry.CurrentValues.SetValues(entry.OriginalValues);
                entry.State = EntityState.Unchanged;
            }
        }
    }

    /// <summary>An erogatore acts only on the bookings at its own agenda; the Gestore's staff only on its patients'.</summary>
    private async Task<Booking> OwnBookingAsync(long bookingId, Actor by, CancellationToken ct)
    {
        var booking = await BookingAsync(bookingId, ct);
        if (by.Role == ActorRole.Erogatore && !by.ActsFor(booking.ErogatoreId))
        {
            throw new CareRuleException($"la prenotazione {bookingId} è presso l'erogatore {booking.ErogatoreId}");
        }

        if (by.Role is ActorRole.CaseManager or ActorRole.ClinicalManager && !by.ActsFor(booking.GestoreId))
        {
            throw new CareRuleException($"la prenotazione {bookingId} è del Gestore {booking.GestoreId}");
        }

        return booking;
    }

    private async Task<PattoDiCura> PactOfAsync(Booking booking, CancellationToken ct) =>
        await Db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => Db.Set<Territorio.CareManagement.Plans.Pai>().Any(pai => pai.Id == booking.PaiId && pai.PactId == p.Id), ct);

    /// <summary>The pact and the patient's other appointments with their lengths (for overlaps and yearly counts).</summary>
    private async Task<PatientSchedule> ScheduleAsync(long pactId, string patientId, CancellationToken ct)
    {
        var pact = await Db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.Id == pactId, ct);
        var appointments = await Db.Set<Booking>().AsNoTracking()
            .Where(b => b.PatientId == patientId && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.Delivered))
            .Join(Db.Set<AgendaSlot>(), b => b.SlotId, s => s.Id, (b, s) => new { b.Id, b.ServiceCode, b.Date, b.Start, s.DurationMinutes, b.Status })
            .ToListAsync(ct);
        return new PatientSchedule(pact, appointments.Select(a => new PatientAppointment(a.Id, a.ServiceCode, a.Date, a.Start, a.DurationMinutes, a.Status)).ToList());
    }

    private async Task<Booking> BookingAsync(long bookingId, CancellationToken ct) =>
        await Db.Set<Booking>().SingleOrDefaultAsync(b => b.Id == bookingId, ct)
            ?? throw new CareRuleException($"prenotazione {bookingId} non trovata");
}
