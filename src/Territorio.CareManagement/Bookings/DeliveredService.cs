using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Bookings;

/// <summary>How a delivered service relates to the patient's plan.</summary>
public enum DeliveryMatch
{
    /// <summary>It fulfilled a booking.</summary>
    Booked,

    /// <summary>A PAI service done without a booking.</summary>
    InPlan,

    /// <summary>Not in the PAI: the case manager should look at it.</summary>
    OutsidePlan,
}

/// <summary>A service the outpatient flow says the patient received.</summary>
public sealed class DeliveredService
{
    private DeliveredService()
    {
        PatientId = Code = Source = "";
    }

    public DeliveredService(string patientId, DateOnly date, string code, DeliveryMatch match, long? bookingId, string source)
    {
        PatientId = patientId;
        Date = date;
        Code = code;
        Match = match;
        BookingId = bookingId;
        Source = source;
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public DateOnly Date { get; private set; }

    public string Code { get; private set; }

    public DeliveryMatch Match { get; private set; }

    public long? BookingId { get; private set; }

    /// <summary>File and line it came from.</summary>
    public string Source { get; private set; }

    /// <summary>Set when the delivery was entered by mistake: it no longer counts, but stays on record.</summary>
    public DateOnly? ReversedOn { get; private set; }

    public string? ReversedBy { get; private set; }

    public string? ReversalReason { get; private set; }

    public bool Counts => ReversedOn is null;

    public void Reverse(Change change)
    {
        if (ReversedOn is not null)
        {
            throw new CareRuleException($"l'erogazione {Code} del {Date:dd/MM/yyyy} è già stata stornata");
        }

        ReversalReason = change.RequireReason("stornare un'erogazione");
        ReversedOn = change.Day;
        ReversedBy = change.By.ToString();
    }
}

/// <summary>Matches a delivered service to the patient's bookings and plan.</summary>
public static class DeliveryMatching
{
    /// <summary>A booking is fulfilled by a delivery of its service on its date or within this many days after.</summary>
    public const int ToleranceDays = 15;

    // Territorio's own rule: a service cannot fulfil a booking before the appointment's day.
    public static (DeliveryMatch Match, Booking? Booking) Match(string code, DateOnly date, IEnumerable<Booking> openBookings, IEnumerable<string> planServiceCodes)
    {
        var booking = openBookings
            .Where(b => b.Status == BookingStatus.Booked && b.ServiceCode == code && b.Date <= date && date.DayNumber - b.Date.DayNumber <= ToleranceDays)
            .OrderByDescending(b => b.Date)
            .FirstOrDefault();
        if (booking is not null)
        {
            return (DeliveryMatch.Booked, booking);
        }

        return (planServiceCodes.Contains(code) ? DeliveryMatch.InPlan : DeliveryMatch.OutsidePlan, null);
    }

}
