using System.CommandLine;
using System.Globalization;
using Territorio.Cli.Features.Care;
using Territorio.Cli.Features.Database;
using Territorio.Cli.Features.Demo;
using Territorio.Cli.Features.Fhir;
using Territorio.Cli.Features.Rehab;
using Territorio.Cli.Features.Remuneration;
using Territorio.Cli.Features.Stratification;
using Territorio.Kernel.Errors;

namespace Territorio.Cli;

/// <summary>
/// The <c>territorio</c> command. Exit codes: 0 ok, 1 bad data, 2 bad usage; a user's mistake
/// gets one line on stderr, never a stack trace.
/// </summary>
public static class CliApp
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public static RootCommand BuildRoot(CliEnvironment env)
    {
        var root = new RootCommand("Territorio: sanità territoriale — presa in carico della cronicità (DGR X/6164/2017) e appropriatezza dei ricoveri riabilitativi (DM 5/8/2021).")
        {
            DemoCommands.Build(env),
            DatabaseCommands.Build(env),
            TariffsCommands.Build(env),
            RemunerateCommand.Build(env),
            StratifyCommand.Build(env),
            DrugsCommands.Build(env),
            GestoriCommands.Build(env),
            RegistryCommands.Build(env),
            EnrolCommands.Build(env),
            PaiCommands.Build(env),
            BookingsCommands.Build(env),
            WorklistCommand.Build(env),
            ReclassificationsCommands.Build(env),
            ContactsCommands.Build(env),
            FhirCommands.Build(env),
            RehabCommands.Build(env),
        };
        ItalianHelp.Install(root);
        return root;
    }

    /// <summary>
    /// The first usage mistake in Italian: the missing required options and unrecognised words
    /// are named by us (the library's Italian resources lack them); others keep its message.
    /// </summary>
    private static string UsageError(ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count > 0)
        {
            return $"argomento non riconosciuto: '{parse.UnmatchedTokens[0]}'";
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

    private static string CommandPath(Command command) =>
        string.Join(' ', command.Parents.OfType<Command>().Any() ? [CommandPath(command.Parents.OfType<Command>().First()), command.Name] : ["territorio"]);

    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        // System.CommandLine's own words (Usage, Options, "(REQUIRED)", its parse errors) come from
        // its Italian resources; set here, the culture flows only into this call.
        CultureInfo.CurrentUICulture = Italian;
        var root = BuildRoot(env);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !ItalianHelp.IsHelp(parse))
        {
            env.Error.WriteLine($"errore: {UsageError(parse)} ({CommandPath(parse.CommandResult.Command)} --help per l'uso)");
            return ExitCodes.BadUsage;
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration { Output = env.Output, Error = env.Error, EnableDefaultExceptionHandler = false },
                cancellationToken);
        }
        catch (Exception ex) when (ex is UsageException or Territorio.Data.DatabaseSetupException)
        {
            env.Error.WriteLine($"errore: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (InputDataException ex)
        {
            env.Error.WriteLine($"errore nei dati: {ex.Message}");
            return ExitCodes.BadData;
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            env.Error.WriteLine($"errore nei dati: {ex.Message}");
            return ExitCodes.BadData;
        }
        catch (UnauthorizedAccessException ex)
        {
            env.Error.WriteLine($"errore: permesso negato: {ex.Message}");
            return ExitCodes.BadUsage;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
        {
            // A failing or unreachable database is the operator's to fix: the reason, without a stack trace.
            env.Error.WriteLine($"errore del database: {ex.GetBaseException().Message}");
            return ExitCodes.Failure;
        }
    }
}
