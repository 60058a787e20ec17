using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.Enrolment;

/// <summary>
/// What a recorded death does to the care record, in the caller's unit of work (the registry import
/// or the death recorded by hand): the active pact ends on the day of death (it keeps the days it ran,
/// paid pro rata up to the death) and the bookings after that day are cancelled, never deleted, which
/// frees the erogatore's slots. Bookings up to the day of death stay: the erogatore may still record
/// them as delivered.
/// </summary>
public static class PatientDeath
{
    public const string Reason = "decesso dell'assistito";

    /// <returns>The pact cancelled (null: none active) and the number of bookings cancelled.</returns>
    public static async Task<(PattoDiCura? Pact, int BookingsCancelled)> ApplyAsync(TerritorioDbContext db, string patientId, DateOnly deathDate, Change change, CancellationToken ct)
    {
        var because = change with { Reason = $"{Reason} il {deathDate:dd/MM/yyyy}" };
        var pact = await db.Set<PattoDiCura>().SingleOrDefaultAsync(p => p.PatientId == patientId && p.Status == PactStatus.Active, ct);
        pact?.CancelAtDeath(deathDate, because);
        var later = await LaterBookings(db, patientId, deathDate).ToListAsync(ct);
        foreach (var booking in later)
        {
            booking.Cancel(because with { Reason = Reason });
        }

        return (pact, later.Count);
    }

    /// <summary>The bookings a death cancels: still booked, dated after the day of death.</summary>
    public static IQueryable<Booking> LaterBookings(TerritorioDbContext db, string patientId, DateOnly deathDate) =>
        db.Set<Booking>().Where(b => b.PatientId == patientId && b.Status == BookingStatus.Booked && b.Date > deathDate);
}

/// <summary>What recording a death would do: the pact that ends on the day, the bookings cancelled, or why it is refused.</summary>
public sealed record DeathPreview(Resident Patient, DeathNotice Notice, PattoDiCura? Pact, IReadOnlyList<Booking> BookingsCancelled, CareRuleException? Refusal);
