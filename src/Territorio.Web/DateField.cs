namespace Territorio.Web;

/// <summary>A day typed as gg/mm/aaaa on every browser (a date picker follows the browser's locale, not Italian).</summary>
public sealed record DateField(string Name, string Label, string? Value, IReadOnlyDictionary<string, string[]> Errors)
{
    public string? Error => Errors.TryGetValue(Name, out var messages) ? string.Join("; ", messages) : null;
}
