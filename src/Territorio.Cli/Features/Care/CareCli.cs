using System.CommandLine;
using System.Globalization;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.Common;
using Territorio.Data;

namespace Territorio.Cli.Features.Care;

/// <summary>Shared plumbing of the care-management commands: options, services, refusals.</summary>
internal static class CareCli
{
    private static readonly Dictionary<string, CareCatalogues> Catalogues = [];

    public static Option<string> Operator() => new("--operatore")
    {
        Description = "Chi esegue l'operazione (registrato nello storico).",
        DefaultValueFactory = _ => Environment.UserName is { Length: > 0 } user ? user : "operatore",
    };

    public static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };

    /// <summary>A reason the care rules demand (cancelling, refusing, asking the Commission): required, not optional-then-refused.</summary>
    public static Option<string?> RequiredReason() => new("--motivo") { Description = "Motivazione (registrata nello storico).", Required = true };

    public static Option<string?> Optional(string name, string description) => new(name) { Description = description };

    public static Option<int> Level(bool required = true) => new("--livello") { Description = "Livello di stratificazione (1, 2 o 3).", Required = required };

    public static Option<long> Id(string name, string description) => new(name) { Description = description, Required = true };

    /// <summary>A command with the operator option, whose action runs on the migrated database.</summary>
    public static Command Command(CliEnvironment env, string name, string description, Option[] options, Func<ParseResult, Actor.Factory, CareServices, CancellationToken, Task<int>> work)
    {
        var operatorOption = Operator();
        var command = new Command(name, description) { operatorOption };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            try
            {
                await TerritorioDatabase.MigrateAsync(env.Database, ct);
                await using var db = TerritorioDatabase.CreateContext(env.Database);
                var services = new CareServices(db, TimeProvider.System, CataloguesOf(env));
                return await work(parse, new Actor.Factory(parse.GetValue(operatorOption)!), services, ct);
            }
            catch (CareRuleException ex)
            {
                env.Error.WriteLine($"operazione rifiutata: {ex.Message}");
                return ExitCodes.BadData;
            }
        });
        return command;
    }

    public static CareCatalogues CataloguesOf(CliEnvironment env)
    {
        lock (Catalogues)
        {
            if (!Catalogues.TryGetValue(env.ReferenceData.Root, out var catalogues))
            {
                Catalogues[env.ReferenceData.Root] = catalogues = CareCatalogues.Load(env.ReferenceData);
            }

            return catalogues;
        }
    }

    /// <summary>The default day of a command: today in Italy, whatever the machine's time zone (decision 0050).</summary>
    public static DateOnly Today => RomeCalendar.Today(TimeProvider.System);

    public static DateOnly? Date(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new UsageException($"{option}: data '{text}' non valida (formato AAAA-MM-GG)");

    public static bool Approves(string outcome) => outcome switch
    {
        "approva" => true,
        "respingi" => false,
        _ => throw new UsageException($"--esito: '{outcome}' non valido (approva o respingi)"),
    };

    public static string Percent(double? value) => value is { } v ? v.ToString("0.#", Italian.Culture) + "%" : "n/d";
}
