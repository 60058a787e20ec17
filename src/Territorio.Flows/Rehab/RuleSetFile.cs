using Territorio.Flows.Reference;
using Territorio.Kernel.Codes;
using Territorio.Rehab.Rules;

namespace Territorio.Flows.Rehab;

/// <summary>Loads rule-set files (docs/rehab-ruleset-format.md); the default ships in data/rehab/.</summary>
public static class RuleSetFile
{
    public const string DefaultFileName = "dm2021-rehab-provisional.ruleset";

    public static string DefaultPath(ReferenceData data) => data.PathOf("rehab", DefaultFileName);

    public static RuleSet Load(string path, Icd9CmCatalogue catalogue)
    {
        using var reader = new StreamReader(path);
        return new RuleSetParser(catalogue).Parse(reader, Path.GetFileName(path));
    }
}
