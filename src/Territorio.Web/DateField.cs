namespace Territorio.Web;

/// <summary>A day typed as gg/mm/aaaa on every browser (a date picker follows the browser's locale, not Italian).</summary>
public sealed record DateField(string Name, string Label, string? Value, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public string? Error => Errors.TryGetValue(Name, out var messages) ? string.Join("; ", messages) : null;

    /// <summary>The field showing the day in force as gg/mm/aaaa, or what was typed when it was refused.</summary>
    public static DateField Of(string name, string label, string? typed, DateOnly day, IReadOnlyDictionary<string, string[]> errors) =>
        new(name, label, errors.ContainsKey(name) ? typed : ItalianFormat.Date(day), errors);
}
