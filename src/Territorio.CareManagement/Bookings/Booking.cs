using System.Globalization;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;

namespace Territorio.CareManagement.Bookings;

/// <summary>Another appointment of the same patient, as booking needs it to refuse overlaps and over-booking.</summary>
public sealed record PatientAppointment(long BookingId, string ServiceCode, DateOnly Date, TimeOnly Start, int DurationMinutes, BookingStatus Status)
{
    public DateTime StartsAt => Date.ToDateTime(Start);

    public DateTime EndsAt => StartsAt.AddMinutes(DurationMinutes);

    public bool HoldsSeat => Status is BookingStatus.Booked or BookingStatus.Delivered;
}

/// <summary>What a booking is checked against: the patient's pact (its period) and their other appointments.</summary>
public sealed record PatientSchedule(PattoDiCura Pact, IReadOnlyList<PatientAppointment> Appointments);

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

    /// <summary>The last delivery reversed as entered by mistake: who and why (the history keeps every one).</summary>
    public string? ReversedBy { get; private set; }

    public string? ReversalReason { get; private set; }

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    public bool HoldsSeat => Status is BookingStatus.Booked or BookingStatus.Delivered;

    public static Booking Book(Pai pai, string serviceCode, AgendaSlot slot, Erogatore erogatore, int seat, PatientSchedule schedule, Change change)
    {
        RequireCentroServizi(pai.GestoreId, change, "prenotare");
        var active = pai.ActiveVersion ?? throw new CareRuleException($"il paziente {pai.PatientId} non ha un PAI attivo: prima si scrive il PAI");
        var item = active.Services.FirstOrDefault(s => s.Code == serviceCode)
            ?? throw new CareRuleException($"la prestazione {serviceCode} non è nel PAI del paziente {pai.PatientId} (versione {active.Number}): va registrata come prescrizione fuori PAI");
        if (schedule.Pact.Id != pai.PactId)
        {
            throw new ArgumentException("pact of another PAI", nameof(schedule));
        }

        RequireWithinYearlyFrequency(item, pai.StartDate, slot.Date, schedule);
        var booking = new Booking
        {
            PatientId = pai.PatientId,
            PaiId = pai.Id,
            GestoreId = pai.GestoreId,
            ServiceCode = serviceCode,
            BookedBy = change.By.ToString(),
            Status = BookingStatus.Booked,
        };
        booking.Place(slot, erogatore, seat, schedule, change);
        booking.Record("prenotata", change, $"{serviceCode} presso {erogatore.Id} il {slot.Date:yyyy-MM-dd} {slot.Start:HH\\:mm}");
        return booking;
    }

    // DGR X/6164/2017 allegato 1: the PAI sets "a priori" what is done for the patient in the year,
    // and the Gestore books "to respect the planning of the services" of the PAI: no more bookings of
    // an item than its yearly frequency, in the plan year of the appointment (booked or moved there).
    private static void RequireWithinYearlyFrequency(PaiItem item, DateOnly planStart, DateOnly day, PatientSchedule others)
    {
        if (item.PerYear is not { } perYear)
        {
            return;
        }

        var (yearStart, yearEnd) = PlanYearOf(planStart, day);
        int held = others.Appointments.Count(a => a.HoldsSeat && a.ServiceCode == item.Code && a.Date >= yearStart && a.Date <= yearEnd);
        if (held >= perYear)
        {
            throw new CareRuleException($"la prestazione {item.Code} ({item.Description}) è prevista dal PAI {(perYear == 1 ? "una volta" : $"{perYear} volte")} l'anno e ne risultano già {held} prenotate o erogate nell'anno del PAI {yearStart:dd/MM/yyyy}–{yearEnd:dd/MM/yyyy}");
        }
    }

    /// <summary>The plan year (from the PAI's start, one year at a time) that contains a day.</summary>
    public static (DateOnly From, DateOnly To) PlanYearOf(DateOnly planStart, DateOnly day)
    {
        var from = planStart;
        while (PattoDiCura.OneYearFrom(from) < day)
        {
            from = from.AddYears(1);
        }

        return (from, PattoDiCura.OneYearFrom(from));
    }

    public void Reschedule(Pai pai, AgendaSlot slot, Erogatore erogatore, int seat, PatientSchedule schedule, Change change)
    {
        RequireCentroServizi(GestoreId, change, "spostare la prenotazione");
        RequireBooked("spostare");
        if (pai.Id != PaiId)
        {
            throw new ArgumentException("PAI of another booking", nameof(pai));
        }

        if (slot.Id == SlotId && slot.Date == Date && slot.Start == Start && slot.ErogatoreId == ErogatoreId)
        {
            throw new CareRuleException($"la prenotazione {Id} è già sullo slot {slot.Id}");
        }

        var previous = $"{Date:yyyy-MM-dd} {Start:HH\\:mm}";
        var others = schedule with { Appointments = schedule.Appointments.Where(a => a.BookingId != Id).ToList() };
        // Moved into another plan year, it counts there (an item no longer in the PAI is only moved).
        if (pai.ActiveVersion?.Services.FirstOrDefault(s => s.Code == ServiceCode) is { } item)
        {
            RequireWithinYearlyFrequency(item, pai.StartDate, slot.Date, others);
        }

        Place(slot, erogatore, seat, others, change);
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

    /// <summary>
    /// The erogatore (or the outpatient flow) says the service was delivered. Territorio's own rule,
    /// so that adherence, the worklist and payments count only what happened: not before the
    /// appointment's day (an earlier visit is rescheduled first), not in the future, and within the
    /// pact's period (DGR X/6164/2017 allegato 1: the tariff pays the pact's services).
    /// </summary>
    public void MarkDelivered(DateOnly on, PattoDiCura pact, Change change)
    {
        RequireBooked("segnare come erogata");
        if (on > change.Day)
        {
            throw new CareRuleException($"la data di erogazione {on:dd/MM/yyyy} è nel futuro");
        }

        if (on < Date)
        {
            throw new CareRuleException($"la prestazione è prenotata per il {Date:dd/MM/yyyy}: non può risultare erogata il {on:dd/MM/yyyy}; se è stata anticipata, prima si sposta la prenotazione");
        }

        if (!pact.IsInForceOn(on))
        {
            throw new CareRuleException($"il {on:dd/MM/yyyy} è fuori dal periodo del patto di cura n.{pact.Id} ({pact.StartDate:dd/MM/yyyy}–{pact.EndDate:dd/MM/yyyy})");
        }

        Status = BookingStatus.Delivered;
        DeliveredOn = on;
        Record("erogata", change, $"il {on:yyyy-MM-dd}");
    }

    /// <summary>A delivery entered by mistake goes back to booked, with who and why; the history keeps it.</summary>
    public DateOnly ReverseDelivery(Change change)
    {
        string reason = change.RequireReason("stornare un'erogazione");
        if (Status != BookingStatus.Delivered || DeliveredOn is not { } on)
        {
            throw new CareRuleException($"la prenotazione {Id} è {BookingStatuses.Italian(Status)}: si storna solo un'erogazione");
        }

        Status = BookingStatus.Booked;
        DeliveredOn = null;
        ReversedBy = change.By.ToString();
        ReversalReason = reason;
        Record("erogazione stornata", change, $"erogazione del {on:yyyy-MM-dd} stornata");
        return on;
    }

    /// <summary>The patient did not come (recorded by the erogatore or the Centro Servizi once the appointment has passed).</summary>
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

    private void Place(AgendaSlot slot, Erogatore erogatore, int seat, PatientSchedule schedule, Change change)
    {
        if (slot.ErogatoreId != erogatore.Id)
        {
            throw new ArgumentException("slot of another erogatore", nameof(erogatore));
        }

        if (!erogatore.Offers(ServiceCode))
        {
            throw new CareRuleException($"l'erogatore {erogatore.Id} ({erogatore.Name}) non offre la prestazione {ServiceCode}");
        }

        // Territorio's own rule: the calendar holds at booking too — a closure or new hours may
        // have come after the slot was opened, and a slot can be named by its number (API, CLI).
        if (erogatore.WhyNoSlotAt(slot.Date, slot.Start, slot.DurationMinutes) is { } closed)
        {
            throw new CareRuleException($"lo slot n.{slot.Id} del {slot.Date:dd/MM/yyyy} alle {slot.Start:HH\\:mm} non si può prenotare: {closed}");
        }

        // DGR X/6164/2017 allegato 1: services are booked within the pact the PAI belongs to, while it
        // runs (a cancelled or closed pact keeps its past days, but takes no new appointments).
        var pact = schedule.Pact;
        if (pact.Status != PactStatus.Active)
        {
            throw new CareRuleException($"il patto di cura n.{pact.Id} è {PactStatuses.Italian(pact.Status)}: non si prenotano altre prestazioni");
        }

        if (!pact.IsInForceOn(slot.Date))
        {
            throw new CareRuleException($"il {slot.Date:dd/MM/yyyy} è fuori dal periodo di validità del PAI (patto n.{pact.Id}, {pact.StartDate:dd/MM/yyyy}–{pact.EndDate:dd/MM/yyyy})");
        }

        // Territorio's own rule: a patient cannot be at two appointments at once.
        if (schedule.Appointments.FirstOrDefault(a => a.Status == BookingStatus.Booked && a.StartsAt < slot.EndsAt && slot.StartsAt < a.EndsAt) is { } clash)
        {
            throw new CareRuleException($"il paziente {PatientId} ha già un appuntamento il {clash.Date:dd/MM/yyyy} alle {clash.Start:HH\\:mm} (prestazione {clash.ServiceCode}, prenotazione n.{clash.BookingId}) che si sovrappone allo slot delle {slot.Start:HH\\:mm}");
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
