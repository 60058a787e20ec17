using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        // A migration may back-fill a table of millions of rows (e.g. AtsScreens on a whole region).
        context.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await context.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Registers <see cref="TerritorioDbContext"/> (scoped) for the configured provider.</summary>
    public static IServiceCollection AddTerritorioDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.AddScoped<TerritorioDbContext>(_ => CreateContext(options));
        return services;
    }
}
