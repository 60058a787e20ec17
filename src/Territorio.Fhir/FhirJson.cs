using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Territorio.Fhir;

/// <summary>FHIR JSON out (Firely), as Territorio writes it: <c>application/fhir+json</c>.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    /// <summary>Options for System.Text.Json users (minimal API results): FHIR-aware converters.</summary>
    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static readonly JsonSerializerOptions PrettyOptions = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).Pretty();

    public static string Serialize(Resource resource, bool pretty = false) =>
        JsonSerializer.Serialize(resource, pretty ? PrettyOptions : Options);
}
