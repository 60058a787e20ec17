using Npgsql;
using Territorio.Data;

namespace Territorio.Testing;

/// <summary>
/// A fresh, migrated database for one test, dropped when disposed. PostgreSQL comes from
/// <c>TERRITORIO_TEST_POSTGRES</c> (a server connection string), which scripts/test.sh sets after
/// starting a throwaway server; without it PostgreSQL tests fail, saying so.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TERRITORIO_TEST_POSTGRES";

    private readonly Func<Task> _drop;

    private TestDatabase(DatabaseOptions options, Func<Task> drop)
    {
        Options = options;
        _drop = drop;
    }

    public DatabaseOptions Options { get; }

    public TerritorioDbContext CreateContext() => TerritorioDatabase.CreateContext(Options);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => await CreateSqliteAsync(),
        DatabaseProvider.Postgres => await CreatePostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static async Task<TestDatabase> CreateSqliteAsync()
    {
        string directory = Path.Combine(Path.GetTempPath(), "territorio-tests", Guid.NewGuid().ToString("N"));
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = directory, CreateDataDirectory = true };
        await TerritorioDatabase.MigrateAsync(options);
        return new TestDatabase(options, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
            return Task.CompletedTask;
        });
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        string server = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException(
                $"{PostgresVariable} is not set: run the tests with scripts/test.sh, which starts a PostgreSQL server");
        string name = "territorio_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
        };
        await TerritorioDatabase.MigrateAsync(options);
        return new TestDatabase(options, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        });
    }

    public async ValueTask DisposeAsync() => await _drop();

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
