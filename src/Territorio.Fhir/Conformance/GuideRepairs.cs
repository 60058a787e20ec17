using Hl7.Fhir.Model;

namespace Territorio.Fhir.Conformance;

/// <summary>
/// Defects of the guide (fhir.rl 0.0.5-beta) that stop Firely from compiling a profile, repaired
/// in memory before validation; the shipped files stay as the region published them. Each repair
/// reads the profile as decision 0070 already did, so the project's checker and Firely agree.
/// </summary>
public static class GuideRepairs
{
    public static void Apply(StructureDefinition definition)
    {
        if (definition.Differential is null)
        {
            return;
        }

        switch (definition.Url)
        {
            case RegionalUrls.OperationOutcomeMmg:
                DetailsDiscriminatorOnCodingSystem(definition);
                break;
            case RegionalUrls.ConditionProblemiSalute:
                PathologyAsTheOnlyCode(definition);
                break;
        }
    }

    /// <summary>
    /// RLOperationOutcomeMMG slices <c>issue.details</c> (a CodeableConcept) by <c>system</c>, which a
    /// CodeableConcept does not have; the fixed values its slices set are at <c>coding.system</c>.
    /// </summary>
    private static void DetailsDiscriminatorOnCodingSystem(StructureDefinition definition)
    {
        foreach (var discriminator in definition.Differential!.Element
                     .Where(e => e.ElementId == "OperationOutcome.issue.details" && e.Slicing is not null)
                     .SelectMany(e => e.Slicing!.Discriminator)
                     .Where(d => d.Path == "system"))
        {
            discriminator.Path = "coding.system";
        }
    }

    /// <summary>
    /// RLConditionProblemiSalute slices <c>Condition.code</c> (0..1) by <c>coding.system</c>, but its
    /// <c>patologia</c> slice slices <c>coding</c> again and gives its second slice no system, so no
    /// discriminator value exists. The chronic-care use of the profile (picMMG, the PAI) codes the
    /// pathology: its constraints become those of <c>Condition.code</c>, the ADI-only slices
    /// (condizioneClinica, problemaInfermieristico, unpublished vocabularies) are dropped, and the
    /// non-ICD-9-CM slice takes the system the guide's examples use, SGDT-PatologieNonICD9CM.
    /// </summary>
    private static void PathologyAsTheOnlyCode(StructureDefinition definition)
    {
        const string code = "Condition.code";
        const string pathology = "Condition.code:patologia";
        var kept = new List<ElementDefinition>();
        foreach (var element in definition.Differential!.Element)
        {
            string id = element.ElementId ?? string.Empty;
            if (id == code)
            {
                element.Slicing = null;
                kept.Add(element);
            }
            else if (id == pathology)
            {
                continue;
            }
            else if (id.StartsWith(pathology + ".", StringComparison.Ordinal))
            {
                element.ElementId = code + id[pathology.Length..];
                if (element.ElementId == "Condition.code.coding:patologiaNonICD9-CM.system")
                {
                    element.Fixed = new FhirUri(RegionalUrls.PatologieNonIcd9Cm);
                }

                kept.Add(element);
            }
            else if (!id.StartsWith(code + ":", StringComparison.Ordinal))
            {
                kept.Add(element);
            }
        }

        definition.Differential!.Element = kept;
    }
}
