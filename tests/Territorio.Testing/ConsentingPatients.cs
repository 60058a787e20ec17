using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;

namespace Territorio.Testing;

/// <summary>The ordinary way tests take a patient in charge: the patient asks the Gestore from their page, the Gestore signs on it.</summary>
public static class ConsentingPatients
{
    /// <summary>
    /// Records the patient's request (when they may still make one) and signs on it, the patient
    /// having confirmed on their page. When the request is refused (an active pact, a Gestore not
    /// eligible, a deceased patient) the signing is still tried, so that the test sees the
    /// signing's own refusal.
    /// </summary>
    public static async Task<SignedPact> SignOnPatientRequestAsync(this EnrolmentService enrolment, string patientId, string gestoreId, DateOnly? start,
        string witness, string gestoreSignatory, Actor by, CancellationToken ct)
    {
        try
        {
            await enrolment.RequestEnrolmentAsync(patientId, gestoreId, new Actor(ActorRole.Patient, patientId), ct);
        }
        catch (CareRuleException)
        {
            // The signing below refuses for the reason the test checks.
        }

        return await enrolment.SignPactAsync(patientId, gestoreId, start, new PatientSignature(SignatureMethod.PatientPage, witness), gestoreSignatory, by, ct);
    }

    /// <summary>
    /// A pact that started in the past, as it came about: the patient's request and the signature
    /// both on its first day, since no pact starts before its consent (ConsentRules.RequireStart).
    /// </summary>
    public static Task<SignedPact> SignedSinceAsync(this CareServices care, string patientId, string gestoreId, DateOnly start,
        string witness, string gestoreSignatory, Actor by, CancellationToken ct) =>
        new EnrolmentService(care.Db, new StartDayClock(start), care.Catalogues).SignOnPatientRequestAsync(patientId, gestoreId, start, witness, gestoreSignatory, by, ct);

    private sealed class StartDayClock(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
    }
}
