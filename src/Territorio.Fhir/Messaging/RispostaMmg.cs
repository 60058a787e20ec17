using Hl7.Fhir.Model;

namespace Territorio.Fhir.Messaging;

/// <summary>Who sent the request: the answer goes back to it.</summary>
public sealed record MessageParty(string Name, string Endpoint)
{
    /// <summary>When the request is too broken to name its sender.</summary>
    public static MessageParty Unknown { get; } = new("MITTENTE-NON-IDENTIFICATO", "urn:rlfhir:mittente-non-identificato");
}

/// <summary>
/// Builds the answer to a picMMG message, profile RLBundleRispostaMMG: a MessageHeader with the
/// response code and an RLOperationOutcomeMMG (at most two issues, as the profile allows). The
/// codings use the systems the profile fixes (ValueSet/ErroriMessaggio, ValueSet/
/// TipologiaContenutoMessaggio), not the ones in the region's examples (decision 0071).
/// </summary>
public static class RispostaMmg
{
    public const int MaxIssues = 2;
    public const string ContextUrlCode = "01";
    public const string ProtocolNumberCode = "02";

    public static Bundle Positive(string requestId, MessageParty sender, MessageParty receiver, string planUrl, string protocolNumber, DateTimeOffset now) =>
        Answer(requestId, sender, receiver, MessageHeader.ResponseType.Ok, now,
        [
            Content(ContextUrlCode, "URL per il passaggio di contesto", planUrl),
            Content(ProtocolNumberCode, "Numero di protocollo GPC", protocolNumber),
        ]);

    /// <summary>The negative answer; only the first <see cref="MaxIssues"/> errors fit the profile.</summary>
    /// <param name="processing">True when the message was valid but taking the patient in charge failed (registry, care rules).</param>
    public static Bundle Negative(string requestId, MessageParty sender, MessageParty receiver, IReadOnlyList<MessageError> errors, DateTimeOffset now, bool processing = false) =>
        Answer(requestId, sender, receiver, MessageHeader.ResponseType.FatalError, now, [.. errors.Take(MaxIssues).Select(e => Error(e, processing))]);

    private static Bundle Answer(string requestId, MessageParty sender, MessageParty receiver, MessageHeader.ResponseType code, DateTimeOffset now, List<OperationOutcome.IssueComponent> issues)
    {
        string outcomeId = Guid.NewGuid().ToString();
        var outcome = new OperationOutcome
        {
            Id = outcomeId,
            Meta = new Meta { Profile = [RegionalUrls.OperationOutcomeMmg] },
            Text = new Narrative
            {
                Status = Narrative.NarrativeStatus.Generated,
                Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">" +
                      string.Join(string.Empty, issues.Select(i => $"<p>{System.Net.WebUtility.HtmlEncode(Summary(i.Details!))}</p>")) +
                      "</div>",
            },
            Issue = issues,
        };
        var header = new MessageHeader
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { Profile = [RegionalUrls.MessageHeaderMmg] },
            Event = new Coding(RegionalUrls.MessageEvents, RegionalUrls.PicMmgEvent, "Visualizzazione pagina redazione PI"),
            Destination = [new MessageHeader.MessageDestinationComponent { Name = sender.Name, Endpoint = sender.Endpoint }],
            Source = new MessageHeader.MessageSourceComponent { Name = receiver.Name, Endpoint = receiver.Endpoint },
            Response = new MessageHeader.ResponseComponent
            {
                Identifier = IsFhirId(requestId) ? requestId : "sconosciuto",
                Code = code,
                Details = new ResourceReference("OperationOutcome/" + outcomeId),
            },
        };
        return new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { Profile = [RegionalUrls.BundleRispostaMmg] },
            Type = Bundle.BundleType.Message,
            Timestamp = now,
            // R4 bdl-15: every entry of a message names its fullUrl.
            Entry = [new Bundle.EntryComponent { FullUrl = "urn:uuid:" + header.Id, Resource = header }, new Bundle.EntryComponent { FullUrl = "urn:uuid:" + outcomeId, Resource = outcome }],
        };
    }

    private static OperationOutcome.IssueComponent Content(string code, string display, string text) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Information,
        Code = OperationOutcome.IssueType.Informational,
        Details = new CodeableConcept(RegionalUrls.TipologiaContenutoMessaggio, code, display, text),
    };

    // The region's negative example carries the filled-in text as the coding's display.
    private static OperationOutcome.IssueComponent Error(MessageError error, bool processing) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Error,
        Code = processing ? OperationOutcome.IssueType.Processing : OperationOutcome.IssueType.Invalid,
        Details = new CodeableConcept(RegionalUrls.ErroriMessaggio, error.Code, error.Text, null),
    };

    private static string Summary(CodeableConcept details) =>
        $"{details.Coding[0].Code} {details.Text ?? details.Coding[0].Display}";

    private static bool IsFhirId(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
}

/// <summary>What an RLBundleRispostaMMG says, read back (tests, the CLI's summary, GP-side clients).</summary>
public sealed record RispostaMmgSummary(bool Positive, string? PlanUrl, string? ProtocolNumber, IReadOnlyList<(string Code, string Text)> Errors)
{
    /// <summary>Reads an answer: the MessageHeader's response code says positive or negative; codes and texts come from the OperationOutcome.</summary>
    public static RispostaMmgSummary? From(Bundle answer)
    {
        if (answer.Entry.Select(e => e.Resource).OfType<MessageHeader>().FirstOrDefault()?.Response is not { } response)
        {
            return null;
        }

        var issues = answer.Entry.Select(e => e.Resource).OfType<OperationOutcome>().SelectMany(o => o.Issue).ToList();
        string? Content(string code) =>
            issues.Find(i => i.Severity == OperationOutcome.IssueSeverity.Information && i.Details?.Coding.FirstOrDefault()?.Code == code)?.Details?.Text;

        return new RispostaMmgSummary(
            response.Code == MessageHeader.ResponseType.Ok,
            Content(RispostaMmg.ContextUrlCode),
            Content(RispostaMmg.ProtocolNumberCode),
            [.. issues.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
                .Select(i => (i.Details?.Coding.FirstOrDefault()?.Code ?? string.Empty, i.Details?.Text ?? i.Details?.Coding.FirstOrDefault()?.Display ?? string.Empty))]);
    }
}
