using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Territorio.CommandLine;

/// <summary>
/// The help of every command in Italian: System.CommandLine's own layout titles and labels
/// ("Description", "Options", "(REQUIRED)", "[default: …]") are replaced by a layout of ours;
/// the library still aligns the columns.
/// </summary>
public static class ItalianHelp
{
    public const string HelpDescription = "Mostra l'aiuto e l'uso del comando.";

    public const string VersionDescription = "Mostra la versione del programma.";

    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Description = HelpDescription;
        help.Action = new Action();
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Description = VersionDescription;
        }
    }

    /// <summary>Help was asked: shown even when required options are missing.</summary>
    public static bool IsHelp(ParseResult parse) => parse.Action is Action;

    /// <summary>Writes the help of the command the user asked about.</summary>
    public static void Write(Command command, TextWriter output)
    {
        bool first = true;
        foreach (var section in new Func<Command, TextWriter, bool>[] { Description, Usage, Options, Subcommands })
        {
            if (!first)
            {
                output.WriteLine();
            }

            first = !section(command, output) && first;
        }
    }

    /// <summary>The options a command accepts, its own and those its ancestors pass down.</summary>
    public static IEnumerable<Option> OptionsOf(Command command) =>
        command.Options.Concat(Ancestors(command).SelectMany(a => a.Options.Where(o => o.Recursive))).Where(o => !o.Hidden);

    private static bool Description(Command command, TextWriter output)
    {
        if (string.IsNullOrWhiteSpace(command.Description))
        {
            return false;
        }

        output.WriteLine("Descrizione:");
        output.WriteLine("  " + command.Description);
        return true;
    }

    private static bool Usage(Command command, TextWriter output)
    {
        string path = string.Join(' ', Ancestors(command).Reverse().Append(command).Select(c => c.Name));
        output.WriteLine("Utilizzo:");
        output.WriteLine("  " + path
            + (command.Subcommands.Any(c => !c.Hidden) ? " [comando]" : "")
            + (OptionsOf(command).Any() ? " [opzioni]" : ""));
        return true;
    }

    private static bool Options(Command command, TextWriter output)
    {
        var rows = OptionsOf(command).Select(option => (FirstColumn(option), SecondColumn(option))).ToList();
        if (rows.Count == 0)
        {
            return false;
        }

        output.WriteLine("Opzioni:");
        WriteColumns(rows, output);
        return true;
    }

    private static bool Subcommands(Command command, TextWriter output)
    {
        var rows = command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? "")).ToList();
        if (rows.Count == 0)
        {
            return false;
        }

        output.WriteLine("Comandi:");
        WriteColumns(rows, output);
        return true;
    }

    private static void WriteColumns(List<(string First, string Second)> rows, TextWriter output)
    {
        int width = rows.Max(r => r.First.Length) + 2;
        foreach (var row in rows)
        {
            output.WriteLine("  " + row.First.PadRight(width) + row.Second);
        }
    }

    private static string FirstColumn(Option option)
    {
        string names = string.Join(", ", option.Aliases.Append(option.Name).Where(n => !n.StartsWith('/')).Distinct().OrderBy(n => n.Length));
        bool takesValue = option.ValueType != typeof(bool) && option is not HelpOption && option is not VersionOption;
        return takesValue ? $"{names} <{option.HelpName ?? option.Name.TrimStart('-')}>" : names;
    }

    private static string SecondColumn(Option option)
    {
        string text = option.Description ?? "";
        if (option.Required)
        {
            text += " (obbligatoria)";
        }

        if (option.HasDefaultValue && option.ValueType != typeof(bool) && option.GetDefaultValue() is { } value && value.ToString() is { Length: > 0 } shown)
        {
            text += $" [predefinito: {shown}]";
        }

        return text;
    }

    private sealed class Action : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
            return 0;
        }
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }
}
