using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.Data;

namespace Territorio.Cli.Features.Database;

/// <summary><c>territorio db init|migrate|info</c>: the configured database's schema.</summary>
public static class DatabaseCommands
{
    public static Command Build(CliEnvironment env)
    {
        var migrate = new Command("migrate", "Crea o aggiorna lo schema del database configurato (SQLite predefinito, o PostgreSQL).");
        migrate.SetAction(async (_, ct) =>
        {
            await TerritorioDatabase.MigrateAsync(env.Database, ct);
            await WorklistIndex.BackfillAsync(env.Database, TimeProvider.System, ct);
            env.Output.WriteLine($"database aggiornato ({env.Database.Provider})");
            return ExitCodes.Ok;
        });

        var init = new Command("init", "Crea la cartella dei dati e il database (SQLite predefinito) e ne applica lo schema.");
        init.SetAction(async (_, ct) =>
        {
            env.Database.CreateDataDirectory = true;
            await TerritorioDatabase.MigrateAsync(env.Database, ct);
            await WorklistIndex.BackfillAsync(env.Database, TimeProvider.System, ct);
            env.Output.WriteLine($"database pronto ({env.Database.Provider}{(env.Database.SqliteFile is { } file ? ": " + file : "")})");
            return ExitCodes.Ok;
        });

        var info = new Command("info", "Mostra il database configurato e le migrazioni applicate.");
        info.SetAction(async (_, ct) =>
        {
            if (env.Database.SqliteFile is { } file && !File.Exists(file))
            {
                throw new DatabaseSetupException($"nessun database in {Path.GetDirectoryName(file)}: crearlo con 'territorio db init'");
            }

            await using var db = TerritorioDatabase.CreateContext(env.Database);
            var applied = await db.Database.GetAppliedMigrationsAsync(ct);
            var pending = await db.Database.GetPendingMigrationsAsync(ct);
            env.Output.WriteLine($"provider: {env.Database.Provider}");
            env.Output.WriteLine($"migrazioni applicate: {applied.Count()}, in attesa: {pending.Count()}");
            return ExitCodes.Ok;
        });

        return new Command("db", "Gestione del database.") { init, migrate, info };
    }
}
