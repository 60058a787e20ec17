namespace Territorio.Web;

/// <summary>A labelled text field with its hint and the errors of its name, for the _FormField partial.</summary>
public sealed record FormField(string Name, string Label, string? Value, IReadOnlyDictionary<string, string[]> Errors, string? Hint = null, string? InputMode = null)
{
    public string? Error => Errors.TryGetValue(Name, out var messages) ? string.Join("; ", messages) : null;

    /// <summary>An id usable in HTML (field names may contain dots).</summary>
    public string Id => Name.Replace('.', '-');
}
