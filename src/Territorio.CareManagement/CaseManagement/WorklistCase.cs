using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;

namespace Territorio.CareManagement.CaseManagement;

/// <summary>
/// What the worklist needs to order a patient in charge without recomputing adherence: one row per
/// active pact, rewritten whenever the patient's pact, PAI, bookings or deliveries change. Each
/// reason of <see cref="WorklistRules"/> is a comparison of one of these dates with the day, and
/// "how late" is the distance from it, so a Gestore's list is ordered by the database and only the
/// page shown is computed in full (docs/decisions/0094-worklist-read-model.md).
/// </summary>
public sealed class WorklistCase
{
    private WorklistCase()
    {
        GestoreId = PatientId = "";
    }

    public long PactId { get; private set; }

    public string GestoreId { get; private set; }

    public string PatientId { get; private set; }

    public int Level { get; private set; }

    public DateOnly PactStart { get; private set; }

    public DateOnly PactEnd { get; private set; }

    public bool HasActivePai { get; private set; }

    /// <summary>Earliest booking of the Gestore still booked, or marked missed and not followed up (<see cref="MissedAppointments"/>): missed once the day passes.</summary>
    public DateOnly? FirstMissed { get; private set; }

    /// <summary>End of the earliest window of the active PAI that no delivery fulfils: overdue once the day passes.</summary>
    public DateOnly? FirstUnmetDue { get; private set; }

    /// <summary>The case manager the patient is entrusted to (the pact's), for the worklist's filter.</summary>
    public string? CaseManager { get; private set; }

    /// <summary>
    /// Adherence to the active PAI (whole percent, rounded down) as of <see cref="RefreshedOn"/>; null
    /// without a PAI or before anything was due. Windows that close later without a delivery count
    /// from the next change of the patient's path (docs/decisions/0155-worklist-filters-and-caseloads.md).
    /// </summary>
    public int? AdherencePercent { get; private set; }

    /// <summary>The day the row was last written.</summary>
    public DateOnly RefreshedOn { get; private set; }

    /// <summary>The row of an active pact on a day; deliveries are all the patient's (their dates, as recorded so far).</summary>
    public static WorklistCase Of(PattoDiCura pact, PaiVersion? activePai, IEnumerable<Booking> bookings, IReadOnlyList<(string Code, DateOnly Date)> delivered, DateOnly today)
    {
        var mine = bookings.Where(b => b.GestoreId == pact.GestoreId).ToList();
        var followUps = mine.Where(b => b.Status == BookingStatus.Booked).Select(b => (b.ServiceCode, b.Date)).Concat(delivered).ToList();
        var open = mine
            .Where(b => b.Status == BookingStatus.Booked || (b.Status == BookingStatus.Missed && !MissedAppointments.IsFollowedUp(b.ServiceCode, b.Date, followUps)))
            .Select(b => (DateOnly?)b.Date)
            .Min();
        // Adherence as of the end of time: every window of the pact's period not fulfilled by a recorded delivery counts.
        var unmet = activePai is null
            ? null
            : AdherenceCalculator.Compute(pact, activePai.Items, delivered, DateOnly.MaxValue).OldestOverdueSince;
        return new WorklistCase
        {
            PactId = pact.Id,
            GestoreId = pact.GestoreId,
            PatientId = pact.PatientId,
            Level = pact.Level,
            PactStart = pact.StartDate,
            PactEnd = pact.EndDate,
            HasActivePai = activePai is not null,
            FirstMissed = open,
            FirstUnmetDue = unmet,
            CaseManager = pact.CaseManager,
            AdherencePercent = activePai is null ? null : AdherenceCalculator.Compute(pact, activePai.Items, delivered, today).Percent is { } percent ? (int)Math.Floor(percent) : null,
            RefreshedOn = today,
        };
    }
}
