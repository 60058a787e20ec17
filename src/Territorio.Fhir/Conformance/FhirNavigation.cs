using Hl7.Fhir.Model;

namespace Territorio.Fhir.Conformance;

/// <summary>Walks Firely POCOs by FHIR element name, keeping a FHIRPath-like location for messages.</summary>
internal static class FhirNavigation
{
    public static IReadOnlyList<ProfileChecker.Located> Children(ProfileChecker.Located parent, string name)
    {
        if (!parent.Value.TryGetValue(name, out object? value) || value is null)
        {
            return [];
        }

        string location = parent.Location + "." + name;
        return value switch
        {
            Base single => IsEmpty(single) ? [] : [new(single, location)],
            IEnumerable<Base> list => [.. list.Where(b => !IsEmpty(b)).Select((b, i) => new ProfileChecker.Located(b, $"{location}[{i}]"))],
            _ => [],
        };
    }

    /// <summary>The primitive values at a dotted path below an item (several when lists intervene).</summary>
    public static IReadOnlyList<string> Texts(ProfileChecker.Located item, string path)
    {
        IReadOnlyList<ProfileChecker.Located> level = [item];
        foreach (string name in path.Split('.'))
        {
            level = [.. level.SelectMany(l => Children(l, name))];
        }

        return [.. level.Select(l => Text(l.Value)).OfType<string>()];
    }

    /// <summary>The literal of a primitive as written in FHIR JSON; null for complex values.</summary>
    public static string? Text(Base value) => value is PrimitiveType primitive ? primitive.ToString() : null;

    private static bool IsEmpty(Base value) => value is PrimitiveType p && p.ToString() is null or "" && !p.EnumerateElements().Any();
}
