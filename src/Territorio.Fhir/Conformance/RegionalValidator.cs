using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Territorio.Fhir.Conformance;

/// <summary>
/// Firely's profile validator over Regione Lombardia's StructureDefinitions (snapshots generated
/// from their differentials, three defects of the guide repaired by <see cref="GuideRepairs"/>),
/// Territorio's provisional stand-ins for the profiles the guide cites without publishing, and
/// the FHIR R4 core definitions of Hl7.Fhir.Specification.Data.R4 (specification.zip, offline).
/// Building it indexes the core definitions: build it once and share it (decision 0135).
/// </summary>
public sealed class RegionalValidator
{
    private readonly Validator _validator;

    private RegionalValidator(Validator validator) => _validator = validator;

    /// <param name="folder">The shipped <c>data/lombardia-fhir</c> folder.</param>
    /// <param name="codeSystems">The region's code systems, which become the ValueSets the profiles bind.</param>
    public static RegionalValidator Load(string folder, CodeSystemCatalogue codeSystems)
    {
        var regional = new List<Resource>();
        foreach (string file in Directory.GetFiles(Path.Combine(folder, "profiles"), "*.json")
                     .Concat(Directory.GetFiles(Path.Combine(folder, "territorio"), "StructureDefinition_*.json"))
                     .Order(StringComparer.Ordinal))
        {
            if (new FhirJsonDeserializer().Deserialize<Resource>(File.ReadAllText(file)) is StructureDefinition definition)
            {
                GuideRepairs.Apply(definition);
                regional.Add(definition);
            }
        }

        regional.AddRange(RegionalValueSets(codeSystems));
        var core = ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip"));
        var resolver = new CachedResolver(new SnapshotSource(new MultiResolver(new InMemoryResourceResolver(regional), core)));
        return new RegionalValidator(new Validator(resolver, new LocalTerminologyService(resolver)));
    }

    /// <summary>Validates against <paramref name="profile"/>, else the instance's <c>meta.profile</c>, and always its core type.</summary>
    public OperationOutcome Validate(Resource resource, string? profile = null) => _validator.Validate(resource, profile);

    /// <summary>The errors of <see cref="Validate"/> as "element: text" lines; warnings (unpublished vocabularies) left out.</summary>
    public IReadOnlyList<string> Errors(Resource resource, string? profile = null) =>
        [.. Validate(resource, profile).Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(",", i.Expression)}: {i.Details?.Text}")];

    /// <summary>
    /// The guide binds ValueSet URLs (<c>…/ValueSet/SGDT-TipologiaProblemaSalute</c>) it never
    /// publishes, and its instances write those same URLs as coding systems (decision 0071). Each
    /// code system with concepts becomes a ValueSet at that URL listing its codes under both
    /// spellings of the system; a vocabulary published without concepts (DDC-PrestSpecSISS,
    /// drugs) stays unresolved, which Firely reports as a warning, never as a pass.
    /// </summary>
    private static IEnumerable<Resource> RegionalValueSets(CodeSystemCatalogue codeSystems)
    {
        foreach (var system in codeSystems.All.Where(s => s.HasConcepts))
        {
            var concepts = system.Codes.Select(code => new ValueSet.ConceptReferenceComponent { Code = code, Display = system.Display(code) }).ToList();
            yield return new ValueSet
            {
                Url = RegionalUrls.ValueSet + system.Name,
                Name = system.Name.Replace("-", string.Empty, StringComparison.Ordinal),
                Status = PublicationStatus.Active,
                Compose = new ValueSet.ComposeComponent
                {
                    Include =
                    [
                        new ValueSet.ConceptSetComponent { System = RegionalUrls.ValueSet + system.Name, Concept = concepts },
                        new ValueSet.ConceptSetComponent { System = RegionalUrls.CodeSystem + system.Name, Concept = concepts },
                    ],
                },
            };
        }
    }
}
