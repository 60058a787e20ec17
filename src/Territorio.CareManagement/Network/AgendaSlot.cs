using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Network;

/// <summary>
/// A time on an erogatore's agenda for one service, with a capacity (patients seen together).
/// Each booking takes a seat 1..capacity; the database keeps one active booking per seat.
/// </summary>
public sealed class AgendaSlot
{
    private AgendaSlot()
    {
        ErogatoreId = ServiceCode = "";
    }

    public long Id { get; private set; }

    public string ErogatoreId { get; private set; }

    public string ServiceCode { get; private set; }

    /// <summary>Calendar day and local time in Europe/Rome.</summary>
    public DateOnly Date { get; private set; }

    public TimeOnly Start { get; private set; }

    public int DurationMinutes { get; private set; }

    public int Capacity { get; private set; }

    public static AgendaSlot Open(Erogatore erogatore, string serviceCode, DateOnly date, TimeOnly start, int durationMinutes, int capacity)
    {
        if (!erogatore.Offers(serviceCode))
        {
            throw new CareRuleException($"l'erogatore {erogatore.Id} non offre la prestazione {serviceCode}");
        }

        if (capacity is < 1 or > 100)
        {
            throw new CareRuleException($"capienza dello slot {capacity} non valida (da 1 a 100)");
        }

        if (durationMinutes is < 5 or > 480)
        {
            throw new CareRuleException($"durata dello slot {durationMinutes} minuti non valida (da 5 a 480)");
        }

        // Territorio's own rule: an agenda follows the real calendar, so a booking can be kept.
        if (erogatore.WhyNoSlotAt(date, start, durationMinutes) is { } refused)
        {
            throw new CareRuleException($"nessuno slot il {date:dd/MM/yyyy} alle {start:HH\\:mm}: {refused}");
        }

        return new AgendaSlot
        {
            ErogatoreId = erogatore.Id,
            ServiceCode = serviceCode,
            Date = date,
            Start = start,
            DurationMinutes = durationMinutes,
            Capacity = capacity,
        };
    }

    public DateTime StartsAt => Date.ToDateTime(Start);

    public DateTime EndsAt => StartsAt.AddMinutes(DurationMinutes);

    /// <summary>
    /// Slots on the erogatore's open days (no national holidays, closures or weekly closing days)
    /// at the given times, those inside its opening hours.
    /// </summary>
    public static IEnumerable<AgendaSlot> OpenWorkingDays(Erogatore erogatore, string serviceCode, DateOnly from, DateOnly to, IReadOnlyList<TimeOnly> times, int durationMinutes, int capacity)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (erogatore.ClosedBecause(day) is not null)
            {
                continue;
            }

            var hours = erogatore.HoursOn(day.DayOfWeek);
            foreach (var time in times.Where(t => hours is null || (t >= hours.Opens && t.AddMinutes(durationMinutes) <= hours.Closes && t.AddMinutes(durationMinutes) > t)))
            {
                yield return Open(erogatore, serviceCode, day, time, durationMinutes, capacity);
            }
        }
    }

    /// <summary>Slots filling the opening hours of each open day, one after another, each the service's slot length.</summary>
    public static IEnumerable<AgendaSlot> OpenFromHours(Erogatore erogatore, string serviceCode, DateOnly from, DateOnly to, int capacity)
    {
        int minutes = erogatore.SlotMinutesOf(serviceCode);
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (erogatore.ClosedBecause(day) is not null || erogatore.HoursOn(day.DayOfWeek) is not { } hours)
            {
                continue;
            }

            for (var start = hours.Opens; start.AddMinutes(minutes) <= hours.Closes && start.AddMinutes(minutes) > start; start = start.AddMinutes(minutes))
            {
                yield return Open(erogatore, serviceCode, day, start, minutes, capacity);
            }
        }
    }

    /// <summary>The first seat not taken, or a refusal when the slot is full.</summary>
    public int FirstFreeSeat(IReadOnlyCollection<int> takenSeats)
    {
        for (int seat = 1; seat <= Capacity; seat++)
        {
            if (!takenSeats.Contains(seat))
            {
                return seat;
            }
        }

        throw new CareRuleException($"lo slot {Id} del {Date:dd/MM/yyyy} alle {Start:HH\\:mm} è al completo ({Capacity} posti)");
    }
}
