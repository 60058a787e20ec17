using System.CommandLine;
using Territorio.Cli.Features.Care;
using Territorio.Cli.Features.Database;
using Territorio.Cli.Features.Demo;
using Territorio.Cli.Features.Fhir;
using Territorio.Cli.Features.Rehab;
using Territorio.Cli.Features.Remuneration;
using Territorio.Cli.Features.Stratification;
using Territorio.Cli.Features.WebAccounts;
using Territorio.CommandLine;
using Territorio.Kernel.Errors;

namespace Territorio.Cli;

/// <summary>
/// The <c>territorio</c> command. Exit codes: 0 ok, 1 bad data, 2 bad usage; a user's mistake
/// gets one line on stderr, never a stack trace.
/// </summary>
public static class CliApp
{
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
            AccountCommands.Build(env),
        };
        ItalianHelp.Install(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliEnvironment env, CancellationToken cancellationToken = default)
    {
        var parse = ItalianUsage.Parse(BuildRoot(env), args);
        if (ItalianUsage.ErrorLine(parse, "territorio") is { } usage)
        {
            env.Error.WriteLine(usage);
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
