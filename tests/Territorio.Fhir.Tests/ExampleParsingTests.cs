using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Territorio.Fhir.Messaging;

namespace Territorio.Fhir.Tests;

public class ExampleParsingTests
{
    public static TheoryData<string> Examples() => new(Regional.ExampleFiles);

    /// <summary>The region's Goal example writes <c>category</c> as one object where FHIR R4 wants an array.</summary>
    private const string MalformedGoal = "Example_Goal_ObiettiviSalute.json";

    [Theory]
    [MemberData(nameof(Examples))]
    public void RegionalExample_RoundTripsThroughFirelyUnchanged(string file)
    {
        string json = file == MalformedGoal ? GoalWithCategoryArray() : Regional.Example(file);
        var parsed = FhirMessageReader.Parse(json, out var blocking);
        blocking.ShouldBeEmpty();
        parsed.ShouldNotBeNull();

        string written = FhirJson.Serialize(parsed);
        SameJson(JsonNode.Parse(json), JsonNode.Parse(written)).ShouldBeTrue($"{file} changed through the round trip:\n{written}");
        FhirMessageReader.Parse(written, out _)!.IsExactly(parsed).ShouldBeTrue();
    }

    [Fact]
    public void GoalExample_SingleCategoryWhereFhirWantsAnArray_IsRefusedWithFirelysReason()
    {
        FhirMessageReader.Parse(Regional.Example(MalformedGoal), out var blocking);
        blocking.ShouldHaveSingleItem().ShouldContain("Expected property to be a collection of CodeableConcept");
        FhirMessageReader.Parse(GoalWithCategoryArray(), out _).ShouldBeOfType<Goal>().Category.Single().Coding.Single().Code.ShouldBe("GOAL01");
    }

    [Fact]
    public void StrictFirely_RefusesTheRegionsNarrativeWithoutDiv_TheReaderToleratesIt()
    {
        string json = Regional.Example("Example_Bundle_Risposta_MMG_ko.json");
        new FhirJsonDeserializer().TryDeserializeResource(json, out _, out var issues).ShouldBeFalse();
        issues.Select(i => i.ErrorCode).ShouldBe([FhirMessageReader.MissingMandatoryElement]);

        FhirMessageReader.Parse(json, out var blocking).ShouldBeOfType<Bundle>();
        blocking.ShouldBeEmpty();
    }

    [Fact]
    public void EnrolmentMessage_PassesFirelysStructuralValidation()
    {
        var bundle = new FhirJsonDeserializer().Deserialize<Bundle>(Regional.Example(Regional.EnrolmentMessage));
        bundle.Validate(ModelInfo.ModelInspector).ShouldBeEmpty();
        bundle.Entry[0].Resource.ShouldBeOfType<MessageHeader>();
    }

    private static string GoalWithCategoryArray()
    {
        var goal = JsonNode.Parse(Regional.Example(MalformedGoal))!.AsObject();
        var category = goal["category"]!.DeepClone();
        goal["category"] = new JsonArray(category);
        return goal.ToJsonString();
    }

    // Object member order is free in JSON; numbers compare by value.
    private static bool SameJson(JsonNode? a, JsonNode? b) => (a, b) switch
    {
        (null, null) => true,
        (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.ContainsKey(p.Key) && SameJson(p.Value, y[p.Key])),
        (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(p => SameJson(p.First, p.Second)),
        (JsonValue x, JsonValue y) => SameValue(x, y),
        _ => false,
    };

    // Firely writes decimals as parsed ("2" stays 2) and keeps strings verbatim.
    private static bool SameValue(JsonValue x, JsonValue y) =>
        x.ToJsonString() == y.ToJsonString() ||
        (x.TryGetValue(out decimal dx) && y.TryGetValue(out decimal dy) && dx == dy);
}
