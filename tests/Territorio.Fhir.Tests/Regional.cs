using System.Text.Json.Nodes;
using Territorio.Fhir.Conformance;
using Territorio.Flows.Reference;

namespace Territorio.Fhir.Tests;

/// <summary>The shipped regional conformance data, loaded once for all tests.</summary>
internal static class Regional
{
    private static readonly Lazy<RegionalConformance> Loaded = new(() =>
    {
        var data = ReferenceData.Default();
        return RegionalConformance.Load(data.PathOf("lombardia-fhir"), data.Icd9Cm);
    });

    private static readonly Lazy<RegionalValidator> Firely = new(() =>
        RegionalValidator.Load(ReferenceData.Default().PathOf("lombardia-fhir"), Conformance.CodeSystems));

    private static readonly Lazy<ServiceCodeMap> Services = new(() =>
        ServiceCodeMap.Load(ReferenceData.Default().PathOf("lombardia-fhir", "territorio", ServiceCodeMap.FileName)));

    public static RegionalConformance Conformance => Loaded.Value;

    public static ServiceCodeMap ServiceCodes => Services.Value;

    /// <summary>Firely's validator over the shipped profiles, built once per test run (it indexes the core definitions).</summary>
    public static RegionalValidator Validator => Firely.Value;

    public static string ExamplesFolder => ReferenceData.Default().PathOf("lombardia-fhir", "examples");

    public static IEnumerable<string> ExampleFiles => Directory.GetFiles(ExamplesFolder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static string Example(string file) => File.ReadAllText(Path.Combine(ExamplesFolder, file));

    public const string EnrolmentMessage = "Example_Bundle_MMG_pic.json";

    /// <summary>The official enrolment message with one change applied to its JSON.</summary>
    public static string EnrolmentMessageWith(Action<JsonObject> change)
    {
        var root = JsonNode.Parse(Example(EnrolmentMessage))!.AsObject();
        change(root);
        return root.ToJsonString();
    }

    public static JsonObject Entry(JsonObject bundle, int index) => bundle["entry"]![index]!["resource"]!.AsObject();
}
