using Territorio.Flows.Reference;
using Territorio.Stratification.Criteria;

namespace Territorio.Flows.Stratification;

/// <summary>Loads the regional pathology catalogue and a criteria file (default: the shipped provisional one).</summary>
public static class CriteriaFiles
{
    public static string DefaultPath(ReferenceData reference) => reference.PathOf("stratification", "criteria.txt");

    public static PathologyCatalogue Catalogue(ReferenceData reference)
    {
        string path = reference.PathOf("lombardia", "patologie_croniche.csv");
        using var reader = new StreamReader(path);
        return PathologyCatalogue.Parse(reader, path);
    }

    /// <summary>The exemption disease codes of both generations (data/esenzioni).</summary>
    public static ExemptionCodes ExemptionCodes(ReferenceData reference)
    {
        string path = reference.PathOf("esenzioni", "esenzioni_croniche.csv");
        using var reader = new StreamReader(path);
        return ExemptionCodesCsv.Read(reader, path);
    }

    public static StratificationCriteria Load(ReferenceData reference, string? path = null)
    {
        path ??= DefaultPath(reference);
        using var reader = new StreamReader(path);
        return new CriteriaParser(reference.Icd9Cm, Catalogue(reference), ExemptionCodes(reference)).Parse(reader, path);
    }
}
