using System.Text.Json;

namespace Territorio.Fhir.Conformance;

/// <summary>
/// One element constraint of a profile's differential, arranged as a tree: children by element
/// name, slices under the sliced element. Only what <see cref="ProfileChecker"/> enforces is kept:
/// cardinality, primitive fixed values, required bindings, choice types, reference targets,
/// type profiles and value slicing.
/// </summary>
public sealed class ProfileElement
{
    internal ProfileElement(string name, string? sliceName, string elementId)
    {
        Name = name;
        SliceName = sliceName;
        ElementId = elementId;
    }

    /// <summary>Element name as the instance spells it (choice suffix dropped: <c>event[x]</c> → <c>event</c>).</summary>
    public string Name { get; }

    public string? SliceName { get; }

    /// <summary>The differential's element id, e.g. <c>Condition.code:patologia.coding</c>.</summary>
    public string ElementId { get; private set; }

    public int? Min { get; private set; }

    /// <summary>Maximum occurrences; null for unbounded or unstated.</summary>
    public int? Max { get; private set; }

    public bool IsChoice { get; private set; }

    /// <summary>A fixed primitive value (fixedUri, fixedCode, fixedCanonical, fixedString …).</summary>
    public string? FixedValue { get; private set; }

    /// <summary>ValueSet of a <c>required</c> binding.</summary>
    public string? RequiredValueSet { get; private set; }

    public IReadOnlyList<string> TypeCodes { get; private set; } = [];

    public IReadOnlyList<string> TypeProfiles { get; private set; } = [];

    public IReadOnlyList<string> TargetProfiles { get; private set; } = [];

    /// <summary>Discriminator of the slicing declared here: (type, path).</summary>
    public (string Type, string Path)? Discriminator { get; private set; }

    public List<ProfileElement> Children { get; } = [];

    public List<ProfileElement> Slices { get; } = [];

    internal ProfileElement Child(string name, string elementId)
    {
        var child = Children.Find(c => c.Name == name);
        if (child is null)
        {
            child = new ProfileElement(name, null, elementId);
            Children.Add(child);
        }

        return child;
    }

    internal ProfileElement Slice(string sliceName, string elementId)
    {
        var slice = Slices.Find(c => c.SliceName == sliceName);
        if (slice is null)
        {
            slice = new ProfileElement(Name, sliceName, elementId);
            Slices.Add(slice);
        }

        return slice;
    }

    /// <summary>The element at a dotted path below this one (slices not followed), or null.</summary>
    public ProfileElement? Descendant(string path)
    {
        var node = this;
        foreach (string name in path.Split('.'))
        {
            node = node.Children.Find(c => c.Name == name);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    internal void Apply(JsonElement element, string elementId)
    {
        ElementId = elementId;
        IsChoice = elementId.EndsWith("[x]", StringComparison.Ordinal);
        if (element.TryGetProperty("min", out var min))
        {
            Min = min.GetInt32();
        }

        if (element.TryGetProperty("max", out var max) && max.GetString() is { } m && m != "*")
        {
            Max = int.Parse(m, System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.StartsWith("fixed", StringComparison.Ordinal) && property.Value.ValueKind is JsonValueKind.String)
            {
                FixedValue = property.Value.GetString();
            }
        }

        if (element.TryGetProperty("binding", out var binding) && binding.TryGetProperty("strength", out var strength) &&
            strength.GetString() == "required" && binding.TryGetProperty("valueSet", out var valueSet))
        {
            RequiredValueSet = valueSet.GetString();
        }

        if (element.TryGetProperty("type", out var types))
        {
            TypeCodes = [.. types.EnumerateArray().Select(t => t.GetProperty("code").GetString()!)];
            TypeProfiles = [.. types.EnumerateArray().SelectMany(t => Strings(t, "profile"))];
            TargetProfiles = [.. types.EnumerateArray().SelectMany(t => Strings(t, "targetProfile"))];
        }

        if (element.TryGetProperty("slicing", out var slicing) && slicing.TryGetProperty("discriminator", out var discriminators) &&
            discriminators.GetArrayLength() > 0)
        {
            var first = discriminators[0];
            Discriminator = (first.GetProperty("type").GetString()!, first.GetProperty("path").GetString()!);
        }
    }

    private static IEnumerable<string> Strings(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(p => p.GetString()!) : [];
}

/// <summary>A regional StructureDefinition read from its differential (the guide's intent, without FHIR's base).</summary>
public sealed class StructureDefinitionProfile
{
    private StructureDefinitionProfile(string url, string name, string type, ProfileElement root)
    {
        Url = url;
        Name = name;
        Type = type;
        Root = root;
    }

    public string Url { get; }

    public string Name { get; }

    /// <summary>The constrained type: a resource type or <c>Extension</c>.</summary>
    public string Type { get; }

    public ProfileElement Root { get; }

    public static StructureDefinitionProfile? Read(string file)
    {
        using var stream = File.OpenRead(file);
        using var document = JsonDocument.Parse(stream);
        var sd = document.RootElement;
        if (!sd.TryGetProperty("resourceType", out var resourceType) || resourceType.GetString() != "StructureDefinition")
        {
            return null;
        }

        string type = sd.GetProperty("type").GetString()!;
        var root = new ProfileElement(type, null, type);
        if (sd.TryGetProperty("differential", out var differential))
        {
            foreach (var element in differential.GetProperty("element").EnumerateArray())
            {
                string id = element.GetProperty("id").GetString()!;
                Locate(root, id).Apply(element, id);
            }
        }

        return new StructureDefinitionProfile(sd.GetProperty("url").GetString()!, sd.GetProperty("name").GetString()!, type, root);
    }

    // "Condition.code:patologia.coding:patologiaICD9-CM.system": names separated by dots, a slice after a colon.
    private static ProfileElement Locate(ProfileElement root, string id)
    {
        var node = root;
        string[] segments = id.Split('.');
        string path = segments[0];
        for (int i = 1; i < segments.Length; i++)
        {
            string segment = segments[i];
            path += "." + segment;
            int colon = segment.IndexOf(':');
            string name = (colon < 0 ? segment : segment[..colon]).Replace("[x]", string.Empty, StringComparison.Ordinal);
            node = node.Child(name, colon < 0 ? path : path[..(path.Length - segment.Length + colon)]);
            if (colon >= 0)
            {
                node = node.Slice(segment[(colon + 1)..], path);
            }
        }

        return node;
    }
}
