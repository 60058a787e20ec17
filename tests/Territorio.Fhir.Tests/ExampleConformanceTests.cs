using Territorio.Fhir.Conformance;
using Territorio.Fhir.Messaging;

namespace Territorio.Fhir.Tests;

public class ExampleConformanceTests
{
    /// <summary>Where the region's own examples break its profiles (element id of each finding).</summary>
    private static readonly Dictionary<string, string[]> KnownDeviations = new()
    {
        ["Example_Bundle_Risposta_MMG_ko.json"] = ["Bundle.timestamp"],
        ["Example_Bundle_Risposta_MMG_ok.json"] = ["Bundle.timestamp"],
        ["Example_Condition_PatologiaPrimaria.json"] = ["Condition.category.coding.system"],
    };

    public static TheoryData<string> Examples() => new(Regional.ExampleFiles.Where(f => !f.Contains("Goal", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Examples))]
    public void RegionalExample_ConformsToItsDeclaredProfile_ExceptTheRegionsKnownDeviations(string file)
    {
        var resource = FhirMessageReader.Parse(Regional.Example(file), out _)!;
        string profile = resource.Meta!.Profile!.Single()!;

        var findings = Regional.Conformance.Profiles.Check(resource, profile);

        findings.Select(f => f.ElementId).ShouldBe(KnownDeviations.GetValueOrDefault(file, []));
    }

    [Fact]
    public void EnrolmentProfiles_BindingsWithoutAPublishedCodeSystem_AreOnlyTheDrugAndEventVocabularies()
    {
        string[] profiles = [RegionalUrls.MessageHeaderMmg, RegionalUrls.PatientBase, RegionalUrls.ConditionProblemiSalute, RegionalUrls.MedicationRequestTerapiaFarmacologica];

        var unchecked_ = profiles.SelectMany(Regional.Conformance.Profiles.UncheckableBindings).ToList();

        unchecked_.ShouldAllBe(b => b.Contains("message-events") || b.Contains("DDC-Farmaco") || b.Contains("SIAD-CondizioneClinica") || b.Contains("SGDT-ProblemaInfermieristico"));
        Regional.Conformance.Profiles.UncheckableBindings(RegionalUrls.ConditionProblemiSalute).ShouldNotContain(b => b.Contains("TipologiaProblemaSalute"));
    }

    [Fact]
    public void CodeSystems_RegionalPathologies_AreThe65OfTheGuideComparedAsNumbers()
    {
        var pathologies = Regional.Conformance.CodeSystems.Get("SGDT-PatologieNonICD9CM");

        pathologies.Codes.Count().ShouldBe(65);
        pathologies.Canonical("02").ShouldBe("2");
        pathologies.Contains("66").ShouldBeFalse();
        pathologies.Contains("2a").ShouldBeFalse();
        // Zero-padded code systems keep their codes verbatim.
        var goals = Regional.Conformance.CodeSystems.Get("SGDT-ObiettiviSalute");
        goals.Contains("04").ShouldBeTrue();
        goals.Contains("4").ShouldBeFalse();
    }

    [Fact]
    public void CodeSystems_ValueSetAndCodeSystemSpellings_NameTheSameVocabulary()
    {
        var byValueSet = Regional.Conformance.CodeSystems.Find("https://fhir.siss.regione.lombardia.it/ValueSet/SGDT-TipologiaProblemaSalute");
        var byCodeSystem = Regional.Conformance.CodeSystems.Find("https://fhir.siss.regione.lombardia.it/CodeSystem/SGDT-TipologiaProblemaSalute");

        byValueSet.ShouldNotBeNull();
        byValueSet.ShouldBeSameAs(byCodeSystem);
        Regional.Conformance.CodeSystems.Find(RegionalUrls.ValueSet + "DDC-PrestSpecSISS").ShouldBeNull(); // published without concepts
    }
}
