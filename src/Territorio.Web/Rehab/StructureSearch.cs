namespace Territorio.Web.Rehab;

/// <summary>
/// What a controller types in the structure filter, matched against the structures of the run
/// they may see: a code or a suggestion ("Name (code)") picks one structure; other text picks
/// every structure whose name or code contains it.
/// </summary>
public static class StructureSearch
{
    /// <summary>The structures' codes matching the text, in the options' order; empty when none does.</summary>
    public static IReadOnlyList<string> Match(string text, IReadOnlyList<StructureOption> options)
    {
        string wanted = text.Trim();
        var exact = options.Where(o => string.Equals(o.Code, wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(o.Label, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        var matches = exact.Count > 0 ? exact : options.Where(o => o.Label.Contains(wanted, StringComparison.InvariantCultureIgnoreCase));
        return [.. matches.Select(o => o.Code)];
    }

    /// <summary>The options of the filter sorted by name, as the suggestions list them.</summary>
    public static IReadOnlyList<StructureOption> Options(IEnumerable<string> codes, IReadOnlyDictionary<string, string> names) =>
        [.. codes.Select(c => new StructureOption(c, names.GetValueOrDefault(c, c))).OrderBy(o => o.Label, StringComparer.InvariantCultureIgnoreCase)];
}

/// <summary>A structure of the filter: its code and "Name (code)" (the code alone when the registry does not name it).</summary>
public sealed record StructureOption(string Code, string Label);
