using System.CommandLine;
using System.Globalization;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.Application.Registry;
using Territorio.CareManagement.Common;
using Territorio.Data;

namespace Territorio.Cli.Features.Care;

/// <summary>Shared plumbing of the care-management commands: options, services, refusals.</summary>
internal static class CareCli
{
    private static readonly Dictionary<string, CareCatalogues> Catalogues = [];

    public static Option<string> Operator() => new("--operatore")
    {
        Description = "Chi esegue l'operazione, registrato nello storico (predefinito: l'utente del sistema operativo; con sudo, chi l'ha invocato).",
        DefaultValueFactory = _ => SystemUser(),
    };

    /// <summary>
    /// The person at the terminal: under sudo the invoking user (SUDO_USER), not root; else the
    /// login name. The audit trail records it with the host, so that two machines' "mario" differ.
    /// </summary>
    public static string SystemUser()
    {
        string? user = Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudo && sudo != "root" ? sudo : Environment.UserName;
        return $"{(user is { Length: > 0 } ? user : "sconosciuto")}@{Environment.MachineName}";
    }

    public static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };

    /// <summary>A reason the care rules demand (cancelling, refusing, asking the Commission): required, not optional-then-refused.</summary>
    public static Option<string?> RequiredReason() => new("--motivo") { Description = "Motivazione (registrata nello storico).", Required = true };

    public static Option<string?> Optional(string name, string description) => new(name) { Description = description };

    public static Option<int> Level(bool required = true) => new("--livello") { Description = "Livello di stratificazione (1, 2 o 3).", Required = required };

    public static Option<long> Id(string name, string description) => new(name) { Description = description, Required = true };

    /// <summary>A command with the operator option, whose action runs on the migrated database.</summary>
    public static Command Command(CliEnvironment env, string name, string description, Option[] options, Func<ParseResult, Actor.Factory, CareServices, CancellationToken, Task<int>> work) =>
        Build(env, name, description, options, work, readOnly: false);

    /// <summary>A command that only reads: the database is opened read-only and never migrated.</summary>
    public static Command Query(CliEnvironment env, string name, string description, Option[] options, Func<ParseResult, Actor.Factory, CareServices, CancellationToken, Task<int>> work) =>
        Build(env, name, description, options, work, readOnly: true);

    private static Command Build(CliEnvironment env, string name, string description, Option[] options, Func<ParseResult, Actor.Factory, CareServices, CancellationToken, Task<int>> work, bool readOnly)
    {
        var operatorOption = Operator();
        var command = new Command(name, description) { operatorOption };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            if (!readOnly)
            {
                await TerritorioDatabase.MigrateAsync(env.Database, ct);
            }

            await using var db = readOnly ? await TerritorioDatabase.OpenReadOnlyAsync(env.Database, ct) : TerritorioDatabase.CreateContext(env.Database);
            var services = new CareServices(db, TimeProvider.System, CataloguesOf(env));
            try
            {
                return await work(parse, new Actor.Factory(parse.GetValue(operatorOption)!), services, ct);
            }
            catch (CareRuleException ex)
            {
                env.Error.WriteLine($"operazione rifiutata: {await CareRefusals.NameAsync(db, CataloguesOf(env), ex.Message, ct)}");
                return ExitCodes.BadData;
            }
        });
        return command;
    }

    public static CareCatalogues CataloguesOf(CliEnvironment env)
    {
        lock (Catalogues)
        {
            if (!Catalogues.TryGetValue(CatalogueKey(env), out var catalogues))
            {
                Catalogues[CatalogueKey(env)] = catalogues = CareCatalogues.Load(env.ReferenceData, env.Database.DataDirectory);
            }

            return catalogues;
        }
    }

    /// <summary>After an import: the next command reads the catalogues again.</summary>
    public static void ForgetCatalogues(CliEnvironment env)
    {
        lock (Catalogues)
        {
            Catalogues.Remove(CatalogueKey(env));
        }
    }

    private static string CatalogueKey(CliEnvironment env) => env.ReferenceData.Root + "|" + Path.GetFullPath(env.Database.DataDirectory);

    /// <summary>The default day of a command: today in Italy, whatever the machine's time zone (decision 0050).</summary>
    public static DateOnly Today => RomeCalendar.Today(TimeProvider.System);

    public static DateOnly? Date(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new UsageException($"{option}: data '{text}' non valida (formato AAAA-MM-GG)");

    public static TimeOnly? Time(string? text, string option) =>
        text is null ? null
        : TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw new UsageException($"{option}: ora '{text}' non valida (formato HH:mm)");

    public static bool Approves(string outcome) => outcome switch
    {
        "approva" => true,
        "respingi" => false,
        _ => throw new UsageException($"--esito: '{outcome}' non valido (approva o respingi)"),
    };

    public static string Percent(double? value) => value is { } v ? v.ToString("0.#", Italian.Culture) + "%" : "n/d";
}
