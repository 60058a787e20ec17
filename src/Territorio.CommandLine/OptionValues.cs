using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;

namespace Territorio.CommandLine;

/// <summary>An option's value inside its validator, which System.CommandLine runs even when the text did not convert.</summary>
public static class OptionValues
{
    /// <summary>A file option's full path inside a command's validator; null when absent or not converted.</summary>
    public static string? PathOf(CommandResult result, Option option) =>
        result.GetResult(option) is { } given && TryGet<FileInfo>(given, out var file) ? file?.FullName : null;

    /// <summary>False when the option's text is missing or not of its type: the parse reports that error itself.</summary>
    public static bool TryGet<T>(OptionResult result, [MaybeNullWhen(false)] out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // GetValueOrDefault throws for a conversion that failed; without this a bad value escaped as a stack trace.
            value = default;
            return false;
        }
    }
}
