using Microsoft.EntityFrameworkCore;
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

    public static TerritorioDbContext CreateContext(DatabaseOptions options)
    {
        string connectionString = options.EffectiveConnectionString();
        return options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteTerritorioDbContext(
                new DbContextOptionsBuilder<SqliteTerritorioDbContext>().UseSqlite(connectionString).Options),
            DatabaseProvider.Postgres => new PostgresTerritorioDbContext(
                new DbContextOptionsBuilder<PostgresTerritorioDbContext>().UseNpgsql(connectionString).Options),
            _ => throw new InvalidOperationException($"unknown database provider {options.Provider}"),
        };
    }

    /// <summary>Creates the SQLite folder if needed and applies pending migrations.</summary>
    public static async Task MigrateAsync(DatabaseOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Provider == DatabaseProvider.Sqlite && options.ConnectionString is not { Length: > 0 })
        {
            Directory.CreateDirectory(options.DataDirectory);
        }

        await using var context = CreateContext(options);
        // A migration may back-fill a table of millions of rows (e.g. the ATS and GP of every stratified person, in CareFollowUpRehabRunsAndScreens).
        context.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await context.Database.MigrateAsync(cancellationToken);
    }

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
                services.AddDbContextPool<PostgresTerritorioDbContext>(o => o.UseNpgsql(dataSource));
                services.AddScoped<TerritorioDbContext>(sp => sp.GetRequiredService<PostgresTerritorioDbContext>());
                break;
            default:
                services.AddDbContextPool<SqliteTerritorioDbContext>(o => o.UseSqlite(connectionString));
                services.AddScoped<TerritorioDbContext>(sp => sp.GetRequiredService<SqliteTerritorioDbContext>());
                break;
        }

        return services;
    }
}
