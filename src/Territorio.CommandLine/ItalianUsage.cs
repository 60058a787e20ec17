using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Territorio.CommandLine;

/// <summary>
/// A usage mistake as one Italian line naming the command to ask for help: missing required
/// options and unrecognised words are named by us (System.CommandLine's Italian resources lack
/// them, and a native executable may not carry its satellite resources); others keep its message.
/// </summary>
public static class ItalianUsage
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    /// <summary>
    /// Builds the Italian help into <paramref name="root"/> and parses; System.CommandLine's
    /// remaining words come from its Italian resources (the culture flows only into this call).
    /// </summary>
    public static ParseResult Parse(RootCommand root, string[] args)
    {
        CultureInfo.CurrentUICulture = Italian;
        ItalianHelp.Install(root);
        return root.Parse(args);
    }

    /// <summary>The line to print for a usage mistake ("errore: … (territorio stratify --help per l'uso)"); null when there is none.</summary>
    public static string? ErrorLine(ParseResult parse, string executable) =>
        parse.Errors.Count == 0 || ItalianHelp.IsHelp(parse)
            ? null
            : $"errore: {Describe(parse)} ({CommandPath(parse.CommandResult.Command, executable)} --help per l'uso)";

    private static string Describe(ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count > 0)
        {
            return $"argomento non riconosciuto: '{parse.UnmatchedTokens[0]}'";
        }

        // A value that is missing or not of the option's type: named by us (the library's message may be English).
        foreach (var error in parse.Errors)
        {
            if ((error.SymbolResult as OptionResult ?? (error.SymbolResult as ArgumentResult)?.Parent as OptionResult) is { } option
                && option.IdentifierToken is not null && !OptionValues.TryGet<object>(option, out _))
            {
                return option.Tokens.Count == 0
                    ? $"manca il valore dell'opzione {option.Option.Name}"
                    : $"valore non valido per {option.Option.Name}: '{option.Tokens[0].Value}'";
            }
        }

        var command = parse.CommandResult.Command;
        var given = parse.Tokens.Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        var missing = ItalianHelp.OptionsOf(command).Where(o => o.Required && !o.Aliases.Append(o.Name).Any(given.Contains)).Select(o => o.Name).ToList();
        if (missing.Count > 0)
        {
            return missing.Count == 1 ? $"manca l'opzione obbligatoria {missing[0]}" : $"mancano le opzioni obbligatorie {string.Join(", ", missing)}";
        }

        if (command.Subcommands.Count > 0 && command.Action is null)
        {
            return $"manca il comando: uno tra {string.Join(", ", command.Subcommands.Select(c => c.Name))}";
        }

        return parse.Errors[0].Message;
    }

    private static string CommandPath(Command command, string executable) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? CommandPath(parent, executable) + " " + command.Name : executable;
}
