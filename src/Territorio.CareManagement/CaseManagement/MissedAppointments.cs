namespace Territorio.CareManagement.CaseManagement;

/// <summary>
/// Territorio's own rule for the worklist: a missed appointment calls for the case manager until the
/// gap is closed, that is until the Centro Servizi has booked the same service again or a delivery of
/// it is recorded after the missed day (DGR X/6164/2017 allegato 1 asks the Gestore to act on gaps in
/// the PAI's schedule; one already closed would keep the patient at the top of the list all year).
/// </summary>
public static class MissedAppointments
{
    /// <param name="bookedOrDelivered">The patient's bookings still booked and the deliveries recorded: service and day.</param>
    public static bool IsFollowedUp(string service, DateOnly missedOn, IEnumerable<(string Code, DateOnly Date)> bookedOrDelivered) =>
        bookedOrDelivered.Any(x => x.Code == service && x.Date > missedOn);
}
