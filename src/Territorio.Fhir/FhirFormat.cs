using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Territorio.Fhir;

/// <summary>
/// The two wire formats of the FHIR interface (Firely's serializers) and how a request picks one:
/// <c>_format</c> first, then <c>Accept</c>, JSON by default (FHIR R4 http.html#mime-type).
/// </summary>
public sealed class FhirFormat
{
    private static readonly BaseFhirXmlSerializer XmlSerializer = new(ModelInfo.ModelInspector);

    public static readonly FhirFormat Json = new(FhirJson.MediaType, r => FhirJson.Serialize(r));
    public static readonly FhirFormat Xml = new("application/fhir+xml", r => XmlSerializer.SerializeToString(r));
    private readonly Func<Resource, string> _serialize;

    private FhirFormat(string mediaType, Func<Resource, string> serialize)
    {
        MediaType = mediaType;
        _serialize = serialize;
    }

    public string MediaType { get; }

    public string Serialize(Resource resource) => _serialize(resource);

    /// <summary>The format of a <c>_format</c> value (json, xml or a media type naming one), or null for any other.</summary>
    public static FhirFormat? FromParameter(string value) => value.Trim().ToLowerInvariant() switch
    {
        "json" or "application/json" or "application/fhir+json" => Json,
        "xml" or "text/xml" or "application/xml" or "application/fhir+xml" => Xml,
        _ => null,
    };

    /// <summary>
    /// The format an <c>Accept</c> header asks for: the first media type by quality that names JSON
    /// or XML; JSON for anything else (a browser's <c>text/html, */*</c>, none at all).
    /// </summary>
    public static FhirFormat FromAccept(IEnumerable<(string MediaType, double Quality)> accepted)
    {
        foreach (var (mediaType, _) in accepted.Where(a => a.Quality > 0).OrderByDescending(a => a.Quality))
        {
            string type = mediaType.ToLowerInvariant();
            if (type.EndsWith("json", StringComparison.Ordinal))
            {
                return Json;
            }

            if (type.EndsWith("xml", StringComparison.Ordinal))
            {
                return Xml;
            }
        }

        return Json;
    }
}
