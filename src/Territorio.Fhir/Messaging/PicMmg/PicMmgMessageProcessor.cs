using Hl7.Fhir.Model;
using Territorio.Fhir.Conformance;

namespace Territorio.Fhir.Messaging.PicMmg;

/// <summary>The answer to a message and what happened, for the HTTP endpoint, the CLI and the audit.</summary>
public sealed record ProcessedMessage(Bundle Answer, IReadOnlyList<MessageError> Errors, EnrolmentOutcome.Accepted? Enrolment)
{
    public bool Accepted => Enrolment is not null;
}

/// <summary>
/// <c>$process-message</c> for the region's picMMG event: read, validate, enrol through the care
/// management port, answer RLBundleRispostaMMG. Bad input never throws: every refusal is a
/// negative answer with the region's error, and the port stores nothing when it refuses.
/// </summary>
public sealed class PicMmgMessageProcessor(RegionalConformance conformance, PicMmgOptions options, IPicMmgEnrolment enrolment, TimeProvider time)
{
    private readonly PicMmgValidator _validator = new(conformance, options);

    /// <param name="planUrl">Turns a PAI (CarePlan) id into the link answered for the context switch.</param>
    public async Task<ProcessedMessage> ProcessAsync(string body, string? actingGp, Func<string, string> planUrl, CancellationToken cancellationToken)
    {
        var receiver = new MessageParty(options.ReceiverName, options.ReceiverEndpoint);
        var reading = FhirMessageReader.Read(body, conformance.Errors);
        if (reading.Bundle is not { } bundle)
        {
            return Refuse("sconosciuto", MessageParty.Unknown, [reading.Error!]);
        }

        var sender = SenderOf(bundle);
        var validation = _validator.Validate(bundle);
        if (validation.Request is not { } request)
        {
            return Refuse(bundle.Id, sender, validation.Errors);
        }

        var outcome = await enrolment.EnrolAsync(request, actingGp, cancellationToken);
        return outcome switch
        {
            EnrolmentOutcome.Accepted accepted => new ProcessedMessage(
                RispostaMmg.Positive(bundle.Id ?? "sconosciuto", sender, receiver, planUrl(accepted.PaiId), accepted.ProtocolNumber, time.GetLocalNow()),
                [],
                accepted),
            EnrolmentOutcome.Refused refused => Refuse(bundle.Id, sender, [refused.Error], processing: true),
            _ => throw new InvalidOperationException("unknown enrolment outcome"),
        };

        ProcessedMessage Refuse(string? requestId, MessageParty to, IReadOnlyList<MessageError> errors, bool processing = false) =>
            new(RispostaMmg.Negative(requestId ?? "sconosciuto", to, receiver, errors, time.GetLocalNow(), processing), errors, null);
    }

    private static MessageParty SenderOf(Bundle bundle) =>
        bundle.Entry.Select(e => e.Resource).OfType<MessageHeader>().FirstOrDefault()?.Source is { Endpoint.Length: > 0 } source
            ? new MessageParty(source.Name ?? source.Endpoint, source.Endpoint)
            : MessageParty.Unknown;
}
