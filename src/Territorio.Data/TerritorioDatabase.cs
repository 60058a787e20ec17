using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Territorio.Data;

/// <summary>Opens the configured database and keeps its schema current.</summary>
public static class TerritorioDatabase
{
    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection(DatabaseOptions.SectionName).Bind(options);
        options.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? options.ConnectionString;
        return options;
    }

    /// <summary>
    /// An aggregate's small owned collections (a pact's level periods and renewals) load with it in
    /// one query, as EF does by default; said explicitly, so EF does not warn on every read.
    /// </summary>
    private static void OneQuery<TBuilder, TExtension>(RelationalDbContextOptionsBuilder<TBuilder, TExtension> provider)
        where TBuilder : RelationalDbContextOptionsBuilder<TBuilder, TExtension>
        where TExtension : RelationalOptionsExtension, new() =>
        provider.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery);

    public static TerritorioDbContext CreateContext(DatabaseOptions options)
    {
        string connectionString = options.EffectiveConnectionString();
        return options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteTerritorioDbContext(
                new DbContextOptionsBuilder<SqliteTerritorioDbContext>().UseSqlite(connectionString, OneQuery).Options),
            DatabaseProvider.Postgres => new PostgresTerritorioDbContext(
                new DbContextOptionsBuilder<PostgresTerritorioDbContext>().UseNpgsql(connectionString, OneQuery).Options),
            _ => throw new InvalidOperationException($"unknown database provider {options.Provider}"),
        };
    }

    /// <summary>Prepares the SQLite folder (<see cref="PrepareDataDirectory"/>) and applies pending migrations.</summary>
    public static async Task MigrateAsync(DatabaseOptions options, CancellationToken cancellationToken = default)
    {
        PrepareDataDirectory(options);
        await using var context = CreateContext(options);
        // A migration may back-fill a table of millions of rows (e.g. the ATS and GP of every stratified person, in CareFollowUpRehabRunsAndScreens).
        context.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await context.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// For commands that only read: the database opened read-only (SQLite <c>Mode=ReadOnly</c>,
    /// PostgreSQL read-only transactions), never created nor migrated; one that needs migrating
    /// is refused with what to run.
    /// </summary>
    public static async Task<TerritorioDbContext> OpenReadOnlyAsync(DatabaseOptions options, CancellationToken cancellationToken = default)
    {
        string connectionString;
        if (options.SqliteFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new DatabaseSetupException($"nessun database in {Path.GetDirectoryName(file)}: crearlo con 'territorio db init' (o controllare Database__DataDirectory)");
            }

            connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = file, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly }.ToString();
        }
        else
        {
            connectionString = options.Provider == DatabaseProvider.Postgres
                ? new NpgsqlConnectionStringBuilder(options.EffectiveConnectionString()) { Options = "-c default_transaction_read_only=on" }.ToString()
                : options.EffectiveConnectionString();
        }

        var context = CreateContext(new DatabaseOptions { Provider = options.Provider, ConnectionString = connectionString });
        if ((await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await context.DisposeAsync();
            throw new DatabaseSetupException("il database va aggiornato alla versione di questo programma: eseguire 'territorio db migrate'");
        }

        return context;
    }

    /// <summary>
    /// The embedded database's folder: a missing one is refused unless
    /// <see cref="DatabaseOptions.CreateDataDirectory"/>; created readable by its owner only, with the
    /// database file 0600 before SQLite opens it (SQLite gives its WAL, shared-memory and journal
    /// files the database file's permissions), and files left wider by an older version narrowed.
    /// </summary>
    public static void PrepareDataDirectory(DatabaseOptions options)
    {
        if (options.SqliteFile is not { } file)
        {
            return;
        }

        string directory = Path.GetDirectoryName(file)!;
        if (!Directory.Exists(directory))
        {
            if (!options.CreateDataDirectory)
            {
                throw new DatabaseSetupException($"la cartella dei dati {directory} non esiste: crearla con 'territorio db init' " +
                    "(o Database__CreateDataDirectory=true); se il percorso è sbagliato, correggere Database__DataDirectory");
            }

            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(file))
        {
            using (new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
            {
            }
        }

        foreach (string path in new[] { file, file + "-wal", file + "-shm", file + "-journal" }.Where(File.Exists))
        {
            if ((File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(path, OwnerOnly);
            }
        }
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// One data source for a long-running process: statements a request repeats are prepared once
    /// per connection (planning a query cost more than running it), and a connection going back to
    /// the pool is not reset (three statements per query: Territorio sets no session state).
    /// A connection string that names <c>Max Auto Prepare</c> keeps its own choice.
    /// </summary>
    public static NpgsqlDataSource PostgresDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 200;
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }

    /// <summary>
    /// Registers <see cref="TerritorioDbContext"/> (scoped) for the configured provider, from a pool
    /// of contexts: a web request rents one instead of building it (docs/decisions/0095-patient-file-queries.md).
    /// </summary>
    public static IServiceCollection AddTerritorioDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        string connectionString = options.EffectiveConnectionString();
        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                var dataSource = PostgresDataSource(connectionString);
                services.AddSingleton(dataSource);
                services.AddDbContextPool<PostgresTerritorioDbContext>(o => o.UseNpgsql(dataSource, OneQuery));
                services.AddScoped<TerritorioDbContext>(sp => sp.GetRequiredService<PostgresTerritorioDbContext>());
                break;
            default:
                services.AddDbContextPool<SqliteTerritorioDbContext>(o => o.UseSqlite(connectionString, OneQuery));
                services.AddScoped<TerritorioDbContext>(sp => sp.GetRequiredService<SqliteTerritorioDbContext>());
                break;
        }

        return services;
    }
}
