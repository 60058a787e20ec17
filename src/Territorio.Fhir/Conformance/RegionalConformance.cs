using Territorio.Fhir.Messaging;
using Territorio.Kernel.Codes;

namespace Territorio.Fhir.Conformance;

/// <summary>
/// Everything the FHIR adapter checks against, loaded once from the shipped
/// <c>data/lombardia-fhir/</c>: the region's profiles and code systems, its message errors with
/// Territorio's provisional supplement, and the Italian ICD-9-CM catalogue.
/// </summary>
public sealed class RegionalConformance
{
    public RegionalConformance(ProfileChecker profiles, ErrorCatalogue errors, Icd9CmCatalogue icd9Cm)
    {
        Profiles = profiles;
        Errors = errors;
        Icd9Cm = icd9Cm;
    }

    public ProfileChecker Profiles { get; }

    public CodeSystemCatalogue CodeSystems => Profiles.CodeSystems;

    public ErrorCatalogue Errors { get; }

    public Icd9CmCatalogue Icd9Cm { get; }

    /// <param name="folder">The shipped <c>data/lombardia-fhir</c> folder.</param>
    public static RegionalConformance Load(string folder, Icd9CmCatalogue icd9Cm)
    {
        string supplement = Path.Combine(folder, "territorio");
        var codeSystems = CodeSystemCatalogue.Load(Path.Combine(folder, "codesystems"), supplement);
        return new RegionalConformance(
            ProfileChecker.Load(Path.Combine(folder, "profiles"), codeSystems),
            ErrorCatalogue.Load(Path.Combine(folder, "codesystems", "CodeSystem_ErroriMessaggio.json"), Path.Combine(supplement, "CodeSystem_ErroriMessaggio_Integrazioni.json")),
            icd9Cm);
    }
}
