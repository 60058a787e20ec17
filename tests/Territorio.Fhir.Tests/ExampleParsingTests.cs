using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Territorio.Flows.Reference;

namespace Territorio.Fhir.Tests;

public class ExampleParsingTests
{
    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(ReferenceData.Default().PathOf("lombardia-fhir", "examples"), "*.json").Select(Path.GetFileName)!);

    // Some regional examples carry Narrative.status without the mandatory div: syntax-only mode
    // reads them; the message processor decides what it tolerates.
    private static readonly FhirJsonDeserializer Lenient =
        new(new DeserializerSettings().UsingMode(DeserializationMode.SyntaxOnly));

    [Theory]
    [MemberData(nameof(Examples))]
    public void RegionalExample_ParsesWithFirely(string file)
    {
        string json = File.ReadAllText(ReferenceData.Default().PathOf("lombardia-fhir", "examples", file));
        var resource = Lenient.Deserialize<Resource>(json);
        resource.ShouldNotBeNull();
        resource.TypeName.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void EnrolmentMessage_IsABundleOpenedByItsMessageHeader()
    {
        string json = File.ReadAllText(ReferenceData.Default().PathOf("lombardia-fhir", "examples", "Example_Bundle_MMG_pic.json"));
        var bundle = new FhirJsonDeserializer().Deserialize<Bundle>(json);
        bundle.Type.ShouldBe(Bundle.BundleType.Message);
        bundle.Entry[0].Resource.ShouldBeOfType<MessageHeader>();
    }
}
