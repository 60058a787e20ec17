namespace Territorio.Fhir.Messaging.PicMmg;

/// <summary>What the message processor needs from care management (issue 5), in one transaction.</summary>
/// <remarks>
/// The implementation, in ONE transaction and storing nothing when it refuses: finds the patient
/// by codice fiscale or registers it from <see cref="PicMmgRequest.Patient"/> (as the regional
/// registry would supply it); settles the acting GP (<paramref name="actingGp"/>, else the
/// patient's GP of record); enrols the patient with the GP's cooperative as Gestore, or records
/// the GP as collaborator of the patient's Gestore; prefills a PAI version from the pathologies,
/// the chronicity level and the drug therapy. Refusals carry the region's error (4.x registry
/// errors, 9.14–9.16 registry mismatches) built from <see cref="ErrorCatalogue"/>.
/// </remarks>
public interface IPicMmgEnrolment
{
    Task<EnrolmentOutcome> EnrolAsync(PicMmgRequest request, string? actingGp, CancellationToken cancellationToken);
}

/// <summary>The result of an enrolment attempt: accepted with the plan it opened, or refused with the region's error.</summary>
public abstract record EnrolmentOutcome
{
    private EnrolmentOutcome()
    {
    }

    /// <param name="PatientId">Territorio's patient id (the FHIR Patient id of the read endpoints).</param>
    /// <param name="PaiId">The CarePlan id of the prefilled PAI.</param>
    /// <param name="ProtocolNumber">The identifier answered as "Numero di protocollo" (the PI's unique identifier).</param>
    /// <param name="Role">How the acting GP takes part.</param>
    public sealed record Accepted(string PatientId, string PaiId, int PaiVersion, string ProtocolNumber, GpRole Role, bool PatientRegistered) : EnrolmentOutcome;

    public sealed record Refused(MessageError Error) : EnrolmentOutcome;
}

/// <summary>DGR X/6164/2017 scenarios for the MMG: Gestore through its cooperative, or collaborator of another Gestore.</summary>
public enum GpRole
{
    GestoreViaCooperative,
    Collaborator,
}
