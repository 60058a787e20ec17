using Territorio.Fhir.Messaging;
using Territorio.Fhir.Messaging.PicMmg;

namespace Territorio.Fhir.Tests;

/// <summary>A care-management port that accepts (or refuses with a given error) and remembers what it was asked.</summary>
internal sealed class RecordingEnrolment(MessageError? refusal = null) : IPicMmgEnrolment
{
    public List<(PicMmgRequest Request, string? ActingGp)> Calls { get; } = [];

    public Task<EnrolmentOutcome> EnrolAsync(PicMmgRequest request, string? actingGp, CancellationToken cancellationToken)
    {
        Calls.Add((request, actingGp));
        EnrolmentOutcome outcome = refusal is null
            ? new EnrolmentOutcome.Accepted("p-1", "pai-1", 1, "PI-2026000000001", GpRole.GestoreViaCooperative, PatientRegistered: true)
            : new EnrolmentOutcome.Refused(refusal);
        return Task.FromResult(outcome);
    }
}
