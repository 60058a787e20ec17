using Territorio.CareManagement.CaseManagement;

namespace Territorio.CareManagement.Tests;

public class MissedAppointmentsTests
{
    private static readonly DateOnly Missed = new(2027, 3, 1);

    [Fact]
    public void Missed_BookedAgainLater_IsFollowedUp() =>
        MissedAppointments.IsFollowedUp("89.52", Missed, [("89.52", Missed.AddDays(14))]).ShouldBeTrue();

    [Fact]
    public void Missed_DeliveredLater_IsFollowedUp() =>
        MissedAppointments.IsFollowedUp("89.52", Missed, [("89.52", Missed.AddDays(3))]).ShouldBeTrue();

    [Fact]
    public void Missed_OnlyAnotherServiceBookedLater_StaysOpen() =>
        MissedAppointments.IsFollowedUp("89.52", Missed, [("89.01", Missed.AddDays(14))]).ShouldBeFalse();

    [Fact]
    public void Missed_ADeliveryOfTheServiceBeforeIt_DoesNotCloseIt() =>
        MissedAppointments.IsFollowedUp("89.52", Missed, [("89.52", Missed.AddDays(-30)), ("89.52", Missed)]).ShouldBeFalse();
}
