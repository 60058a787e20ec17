using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace Territorio.Fhir.Messaging;

/// <summary>The outcome of reading a message body: the Bundle, or the first error that stops reading.</summary>
public sealed record MessageReading(Bundle? Bundle, MessageError? Error);

/// <summary>
/// Reads a message body without ever throwing on bad input (decision 0072): a JSON pre-scan gives
/// the region's precise errors for a missing or empty bundle and its entries (3.7–3.10), then
/// Firely parses in strict mode and one kind of issue is tolerated, because nothing is lost and
/// the explicit checks or the structural validation decide on it afterwards: a missing mandatory
/// element (PVAL105, e.g. <c>text.div</c> that the region's own answers omit). Anything else
/// (unknown element, bad value, a single value where FHIR wants an array) refuses the message.
/// </summary>
public static class FhirMessageReader
{
    public const string MissingMandatoryElement = "PVAL105";

    private static readonly FhirJsonDeserializer Deserializer = new();

    public static MessageReading Read(string body, ErrorCatalogue errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return Fail(errors.Create("T.1", ex.Message));
        }

        using (document)
        {
            if (PreScan(document.RootElement, errors) is { } error)
            {
                return Fail(error);
            }
        }

        var resource = Parse(body, out var blocking);
        if (blocking.Count > 0 || resource is not Bundle bundle)
        {
            return Fail(errors.Create("T.2", blocking.Count > 0 ? Describe(blocking) : "risorsa non interpretabile"));
        }

        return new MessageReading(bundle, null);
    }

    /// <summary>Firely's strict parse less the tolerated issues; <paramref name="blocking"/> lists the rest (FHIR JSON known to be JSON).</summary>
    public static Resource? Parse(string json, out IReadOnlyList<string> blocking)
    {
        Deserializer.TryDeserializeResource(json, out Resource? resource, out var issues);
        blocking = [.. issues.Where(i => !Tolerated(i)).Select(i => i.Message)];
        return resource;
    }

    /// <summary>Firely's structural validation of the parsed message, less the narrative div the region omits.</summary>
    public static IReadOnlyList<string> StructuralIssues(Resource resource) =>
        [.. resource.Validate(ModelInfo.ModelInspector)
            .Where(i => !IsNarrativeDiv(i.InstancePath))
            .Select(i => i.Message)];

    private static bool Tolerated(CodedException issue) => issue.ErrorCode == MissingMandatoryElement;

    private static bool IsNarrativeDiv(string? path) => path is not null && path.EndsWith("text.div", StringComparison.Ordinal);

    private static string Describe(IReadOnlyList<string> issues) =>
        string.Join("; ", issues.Take(3)) + (issues.Count > 3 ? $" (e altri {issues.Count - 3})" : string.Empty);

    private static MessageError? PreScan(JsonElement root, ErrorCatalogue errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return errors.Create("T.2", "il documento non è un oggetto JSON");
        }

        if (!root.TryGetProperty("resourceType", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return errors.Create("T.2", "proprietà \"resourceType\" mancante");
        }

        if (type.GetString() != "Bundle")
        {
            return errors.Create("T.3", type.GetString());
        }

        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array || entries.GetArrayLength() == 0)
        {
            return errors.Create("3.7");
        }

        int index = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.EnumerateObject().Any())
            {
                return errors.Create("3.8", index);
            }

            if (!entry.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object || !resource.EnumerateObject().Any())
            {
                return errors.Create("3.9", index);
            }

            if (!resource.TryGetProperty("resourceType", out var resourceType) || resourceType.ValueKind != JsonValueKind.String ||
                string.IsNullOrWhiteSpace(resourceType.GetString()))
            {
                return errors.Create("3.10", index);
            }

            if (!ModelInfo.IsKnownResource(resourceType.GetString()!))
            {
                return errors.Create("3.9", index);
            }

            index++;
        }

        return null;
    }

    private static MessageReading Fail(MessageError error) => new(null, error);
}
