using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Territorio.Fhir.Messaging;

/// <summary>An error of the region's message catalogue, its text filled in for this message.</summary>
public sealed record MessageError(string Code, string Text, bool Provisional)
{
    public override string ToString() => $"{Code} {Text}";
}

/// <summary>
/// The region's message errors (<c>CodeSystem_ErroriMessaggio.json</c>) plus Territorio's
/// provisional supplement for cases the published list does not cover (decision 0071). The
/// published texts are Java string concatenations (<c>"[Entry-" + i + "] …"</c>): each
/// concatenated expression becomes a positional placeholder.
/// </summary>
public sealed partial class ErrorCatalogue
{
    private readonly FrozenDictionary<string, (string Template, int Arity, bool Provisional)> _entries;

    public ErrorCatalogue(IEnumerable<(string Code, string Template, bool Provisional)> entries) =>
        _entries = entries.ToFrozenDictionary(e => e.Code, e => (e.Template, Arity(e.Template), e.Provisional), StringComparer.Ordinal);

    public IEnumerable<string> Codes => _entries.Keys;

    public bool Contains(string code) => _entries.ContainsKey(code);

    public string Template(string code) => _entries[code].Template;

    /// <summary>The error with its placeholders filled, in order; a wrong argument count is a programming error.</summary>
    public MessageError Create(string code, params object?[] args)
    {
        if (!_entries.TryGetValue(code, out var entry))
        {
            throw new ArgumentException($"message error {code} is in neither the region's catalogue nor the supplement", nameof(code));
        }

        if (args.Length != entry.Arity)
        {
            throw new ArgumentException($"message error {code} takes {entry.Arity} values, {args.Length} given", nameof(args));
        }

        return new MessageError(code, string.Format(CultureInfo.InvariantCulture, entry.Template, args), entry.Provisional);
    }

    public static ErrorCatalogue Load(string regionalFile, string supplementFile) =>
        new(Read(regionalFile, ConvertJavaTemplate).Concat(Read(supplementFile, t => t)));

    /// <summary><c>[Entry-" + i + "] trovati: " + n + ")</c> → <c>[Entry-{0}] trovati: {1})</c>; braces escaped.</summary>
    public static string ConvertJavaTemplate(string display)
    {
        string escaped = display.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
        int index = 0;
        string inner = JavaConcatenation().Replace(escaped, _ => "{" + (index++).ToString(CultureInfo.InvariantCulture) + "}");
        string result = JavaTrailingConcatenation().Replace(inner, _ => "{" + (index++).ToString(CultureInfo.InvariantCulture) + "}");
        // Some published texts lose their closing parenthesis after the last expression.
        int open = result.Count(c => c == '('), close = result.Count(c => c == ')');
        return open > close ? result + new string(')', open - close) : result;
    }

    private static List<(string, string, bool)> Read(string file, Func<string, string> template)
    {
        using var stream = File.OpenRead(file);
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        bool provisional = root.TryGetProperty("status", out var status) && status.GetString() == "draft";
        var list = new List<(string, string, bool)>();
        foreach (var concept in root.GetProperty("concept").EnumerateArray())
        {
            list.Add((concept.GetProperty("code").GetString()!, template(concept.GetProperty("display").GetString()!), provisional));
        }

        return list;
    }

    private static int Arity(string template)
    {
        var seen = new HashSet<int>();
        foreach (Match m in Placeholder().Matches(template.Replace("{{", string.Empty, StringComparison.Ordinal)))
        {
            seen.Add(int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        }

        return seen.Count;
    }

    [GeneratedRegex("\"\\s*\\+\\s*[^\"]+?\\s*\\+\\s*\"")]
    private static partial Regex JavaConcatenation();

    [GeneratedRegex("\"\\s*\\+\\s*[^\"]+$")]
    private static partial Regex JavaTrailingConcatenation();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
