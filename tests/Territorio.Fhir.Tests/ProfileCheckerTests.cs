using Hl7.Fhir.Model;
using Territorio.Fhir.Conformance;
using Territorio.Fhir.Messaging;

namespace Territorio.Fhir.Tests;

/// <summary>Each kind of constraint the checker reads from the StructureDefinitions, broken once on an official instance.</summary>
public class ProfileCheckerTests
{
    public static TheoryData<string, string, ProfileViolation, string> Breakages() => new()
    {
        { "intent", "CarePlan.intent", ProfileViolation.FixedValue, "order" },
        { "no version extension", "CarePlan.extension|CarePlan.extension:versioneProgettoIndividuale", ProfileViolation.Missing, "1" },
        { "version as string", "Extension.value[x]", ProfileViolation.ChoiceType, "unsignedInt" },
        { "addresses an Observation", "CarePlan.addresses", ProfileViolation.ReferenceTarget, "Condition" },
        { "two identifiers", "CarePlan.identifier", ProfileViolation.TooMany, "1" },
        { "identifier system", "CarePlan.identifier.system", ProfileViolation.FixedValue, RegionalUrls.IdentificativoPi },
        { "no activity", "CarePlan.activity", ProfileViolation.Missing, "1" },
        { "no author", "CarePlan.author", ProfileViolation.Missing, "1" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void CarePlanConstraint_Broken_IsReportedWithElementAndExpectation(string breakage, string elementIds, ProfileViolation kind, string expected)
    {
        var plan = (CarePlan)FhirMessageReader.Parse(Regional.Example("Example_CarePlan_ProgettoIndividuale.json"), out _)!;
        Break(plan, breakage);

        var findings = Regional.Conformance.Profiles.Check(plan, RegionalUrls.CarePlanProgettoIndividuale);

        findings.Select(f => f.ElementId).ShouldBe(elementIds.Split('|'));
        findings.ShouldAllBe(f => f.Kind == kind && f.Expected == expected);
    }

    [Fact]
    public void ConditionSeverity_OutsideTheLevelSystem_AndCategoryOutsideItsCodeSystem_AreReported()
    {
        var condition = (Condition)FhirMessageReader.Parse(Regional.Example("Example_RL_Condition_ProblemiSalute_PIC.json"), out _)!;
        condition.Severity!.Coding[0].System = "http://example.org/livelli";
        condition.Category[0].Coding[0].Code = "9";

        var findings = Regional.Conformance.Profiles.Check(condition, RegionalUrls.ConditionProblemiSalute);

        findings.Select(f => (f.ElementId, f.Kind)).ShouldBe(
        [
            ("Condition.category.coding.code", ProfileViolation.CodeOutsideValueSet),
            ("Condition.severity.coding.system", ProfileViolation.FixedValue),
        ]);
    }

    private static void Break(CarePlan plan, string breakage)
    {
        switch (breakage)
        {
            case "intent": plan.Intent = CarePlan.CarePlanIntent.Plan; break;
            case "no version extension": plan.Extension.Clear(); break;
            case "version as string": plan.Extension[0].Value = new FhirString("1"); break;
            case "addresses an Observation": plan.Addresses[0].Reference = "Observation/x"; break;
            case "two identifiers": plan.Identifier.Add(new Identifier(RegionalUrls.IdentificativoPi, "PI-2")); break;
            case "identifier system": plan.Identifier[0].System = "http://example.org/pi"; break;
            case "no activity": plan.Activity.Clear(); break;
            case "no author": plan.Author = null; break;
        }
    }
}
