using System.Globalization;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Plans;

namespace Territorio.CareManagement.Bookings;

public enum BookingStatus
{
    Booked,
    Delivered,
    Missed,
    Cancelled,
}

/// <summary>
/// A PAI service booked by the Gestore's Centro Servizi on an erogatore's agenda
/// (DGR X/6164/2017 allegato 1: the Gestore books the services and keeps the PAI's schedule).
/// Booked → delivered / missed / cancelled; rescheduling moves it to another slot.
/// </summary>
public sealed class Booking : AggregateRoot
{
    /// <summary>Reminders go out this many days before the appointment.</summary>
    public const int ReminderDaysBefore = 2;

    private Booking()
    {
        PatientId = ServiceCode = ErogatoreId = BookedBy = "";
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public long PaiId { get; private set; }

    public string GestoreId { get; private set; } = "";

    public string ServiceCode { get; private set; }

    public long SlotId { get; private set; }

    public int Seat { get; private set; }

    public string ErogatoreId { get; private set; }

    public DateOnly Date { get; private set; }

    public TimeOnly Start { get; private set; }

    public BookingStatus Status { get; private set; }

    public string BookedBy { get; private set; }

    public DateOnly? DeliveredOn { get; private set; }

    public DateOnly? ReminderSentOn { get; private set; }

    public string? CancelReason { get; private set; }

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    public bool HoldsSeat => Status is BookingStatus.Booked or BookingStatus.Delivered;

    public static Booking Book(Pai pai, string serviceCode, AgendaSlot slot, Erogatore erogatore, int seat, Change change)
    {
        RequireCentroServizi(pai.GestoreId, change, "prenotare");
        var active = pai.ActiveVersion ?? throw new CareRuleException($"il paziente {pai.PatientId} non ha un PAI attivo: prima si scrive il PAI");
        if (!active.Services.Any(s => s.Code == serviceCode))
        {
            throw new CareRuleException($"la prestazione {serviceCode} non è nel PAI del paziente {pai.PatientId} (versione {active.Number}): va registrata come prescrizione fuori PAI");
        }

        var booking = new Booking
        {
            PatientId = pai.PatientId,
            PaiId = pai.Id,
            GestoreId = pai.GestoreId,
            ServiceCode = serviceCode,
            BookedBy = change.By.ToString(),
            Status = BookingStatus.Booked,
        };
        booking.Place(slot, erogatore, seat, change);
        booking.Record("prenotata", change, $"{serviceCode} presso {erogatore.Id} il {slot.Date:yyyy-MM-dd} {slot.Start:HH\\:mm}");
        return booking;
    }

    public void Reschedule(AgendaSlot slot, Erogatore erogatore, int seat, Change change)
    {
        RequireCentroServizi(GestoreId, change, "spostare la prenotazione");
        RequireBooked("spostare");
        if (slot.Id == SlotId && slot.Date == Date && slot.Start == Start && slot.ErogatoreId == ErogatoreId)
        {
            throw new CareRuleException($"la prenotazione {Id} è già sullo slot {slot.Id}");
        }

        var previous = $"{Date:yyyy-MM-dd} {Start:HH\\:mm}";
        Place(slot, erogatore, seat, change);
        ReminderSentOn = null;
        Record("spostata", change, $"da {previous} a {slot.Date:yyyy-MM-dd} {slot.Start:HH\\:mm}");
    }

    public void Cancel(Change change)
    {
        change.RequireReason("annullare una prenotazione");
        RequireBooked("annullare");
        Status = BookingStatus.Cancelled;
        CancelReason = change.Reason;
        Record("annullata", change);
    }

    /// <summary>The erogatore (or the outpatient flow) says the service was delivered.</summary>
    public void MarkDelivered(DateOnly on, Change change)
    {
        RequireBooked("segnare come erogata");
        if (on > change.Day)
        {
            throw new CareRuleException($"la data di erogazione {on:dd/MM/yyyy} è nel futuro");
        }

        Status = BookingStatus.Delivered;
        DeliveredOn = on;
        Record("erogata", change, $"il {on:yyyy-MM-dd}");
    }

    public void MarkMissed(Change change)
    {
        RequireBooked("segnare come mancata");
        if (change.Day <= Date)
        {
            throw new CareRuleException($"l'appuntamento del {Date:dd/MM/yyyy} non è ancora passato");
        }

        Status = BookingStatus.Missed;
        Record("mancata", change);
    }

    public bool ReminderDueOn(DateOnly day) =>
        Status == BookingStatus.Booked && ReminderSentOn is null && day >= Date.AddDays(-ReminderDaysBefore) && day <= Date;

    public void MarkReminderSent(Change change)
    {
        if (!ReminderDueOn(change.Day))
        {
            throw new CareRuleException($"nessun promemoria da inviare per la prenotazione {Id}");
        }

        ReminderSentOn = change.Day;
        Record("promemoria inviato", change);
    }

    private void Place(AgendaSlot slot, Erogatore erogatore, int seat, Change change)
    {
        if (slot.ErogatoreId != erogatore.Id)
        {
            throw new ArgumentException("slot of another erogatore", nameof(erogatore));
        }

        if (slot.ServiceCode != ServiceCode)
        {
            throw new CareRuleException($"lo slot {slot.Id} è per la prestazione {slot.ServiceCode}, non {ServiceCode}");
        }

        if (slot.Date < change.Day)
        {
            throw new CareRuleException($"lo slot {slot.Id} del {slot.Date:dd/MM/yyyy} è passato");
        }

        if (!erogatore.HasAgreementWith(GestoreId, slot.Date))
        {
            throw new CareRuleException($"l'erogatore {erogatore.Id} non ha un accordo con il Gestore {GestoreId} valido il {slot.Date:dd/MM/yyyy}");
        }

        if (seat < 1 || seat > slot.Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(seat));
        }

        SlotId = slot.Id;
        Seat = seat;
        ErogatoreId = erogatore.Id;
        Date = slot.Date;
        Start = slot.Start;
    }

    private void RequireBooked(string verb)
    {
        if (Status != BookingStatus.Booked)
        {
            throw new CareRuleException($"la prenotazione {Id} è {BookingStatuses.Italian(Status)}: non si può {verb}");
        }
    }

    private static void RequireCentroServizi(string gestoreId, Change change, string what)
    {
        if (!change.By.IsStaffOf(gestoreId) && change.By.Role != ActorRole.System)
        {
            throw new CareRuleException($"solo il Centro Servizi del Gestore {gestoreId} può {what}");
        }
    }
}

public static class BookingStatuses
{
    public static string Italian(BookingStatus status) => status switch
    {
        BookingStatus.Booked => "prenotata",
        BookingStatus.Delivered => "erogata",
        BookingStatus.Missed => "mancata",
        _ => "annullata",
    };
}
