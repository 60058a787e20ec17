using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Territorio.Data;

/// <summary>
/// Writes many rows of one mapped table fast, inside the context's current transaction: PostgreSQL's
/// binary COPY, or one prepared INSERT reused per row on SQLite. Columns are named by the entity's
/// property names (shadow properties too) and resolved through the EF Core model, so table and
/// column names, value converters (enums as text) and store types stay those of the migrations.
/// Rows bypass the change tracker and the aggregates: callers give complete, valid rows with ids
/// (see <see cref="ReserveIdsAsync"/>). docs/decisions/0093-bulk-loading-of-the-demo-region.md.
/// </summary>
public sealed class BulkInsert : IAsyncDisposable
{
    private readonly IProperty[] _columns;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly NpgsqlBinaryImporter? _copy;
    private readonly DbCommand? _insert;
    private long _rows;

    /// <summary>How long a bulk load's statements may take (the connection's default suits screens, not batches).</summary>
    public static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(30);

    private BulkInsert(IProperty[] columns, NpgsqlBinaryImporter? copy, DbCommand? insert)
    {
        _columns = columns;
        _mappings = columns.Select(c => (RelationalTypeMapping)c.GetTypeMapping()).ToArray();
        _copy = copy;
        _insert = insert;
    }

    /// <summary>Every column of an entity whose columns are all CLR properties (rows from <see cref="WriteEntityAsync"/>).</summary>
    public static Task<BulkInsert> StartAsync<T>(TerritorioDbContext db, CancellationToken ct) =>
        StartAsync<T>(db, EntityOf<T>(db).GetProperties().Select(p => p.Name).ToList(), ct);

    public static async Task<BulkInsert> StartAsync<T>(TerritorioDbContext db, IReadOnlyList<string> properties, CancellationToken ct)
    {
        var entity = EntityOf<T>(db);
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = properties.Select(p => entity.FindProperty(p) ?? throw new InvalidOperationException($"{typeof(T).Name}.{p} is not mapped")).ToArray();
        var names = columns.Select(c => Quote(c.GetColumnName(table)!)).ToArray();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        if (connection is NpgsqlConnection npgsql)
        {
            var copy = await npgsql.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({string.Join(", ", names)}) FROM STDIN (FORMAT BINARY)", ct);
            // A region's millions of rows end in one COPY whose completion (index maintenance) can
            // outlast the interactive command timeout on a busy server: a batch load waits for it.
            copy.Timeout = BatchTimeout;
            return new BulkInsert(columns, copy, null);
        }

        var insert = connection.CreateCommand();
        insert.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        insert.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i))})";
        return new BulkInsert(columns, null, insert);
    }

    /// <summary>One entity as a row, its values read through the model's property getters.</summary>
    public ValueTask WriteEntityAsync(object entity, CancellationToken ct) =>
        WriteAsync(ct, _columns.Select(c => c.GetGetter().GetClrValue(entity)).ToArray());

    /// <summary>One row, values in the order of the properties given at start (CLR values: enums, DateOnly…).</summary>
    public async ValueTask WriteAsync(CancellationToken ct, params object?[] values)
    {
        if (values.Length != _columns.Length)
        {
            throw new ArgumentException($"{values.Length} values for {_columns.Length} columns", nameof(values));
        }

        if (_copy is not null)
        {
            await _copy.StartRowAsync(ct);
            for (int i = 0; i < values.Length; i++)
            {
                object? value = _mappings[i].Converter is { } converter && values[i] is not null ? converter.ConvertToProvider(values[i]) : values[i];
                if (value is null)
                {
                    await _copy.WriteNullAsync(ct);
                }
                else
                {
                    await _copy.WriteAsync(value, _mappings[i].StoreTypeNameBase, ct);
                }
            }
        }
        else
        {
            _insert!.Parameters.Clear();
            for (int i = 0; i < values.Length; i++)
            {
                _insert.Parameters.Add(_mappings[i].CreateParameter(_insert, "$p" + i, values[i], _columns[i].IsNullable));
            }

            await _insert.ExecuteNonQueryAsync(ct);
        }

        _rows++;
    }

    /// <summary>Ends the COPY (nothing is visible before); returns the rows written.</summary>
    public async Task<long> CompleteAsync(CancellationToken ct)
    {
        if (_copy is not null)
        {
            await _copy.CompleteAsync(ct);
        }

        return _rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (_copy is not null)
        {
            await _copy.DisposeAsync();
        }

        if (_insert is not null)
        {
            await _insert.DisposeAsync();
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> ids of an entity's generated key, taken from the table (the
    /// caller holds the transaction that writes them); on PostgreSQL the identity sequence is moved
    /// past them so later inserts by EF Core do not collide.
    /// </summary>
    public static async Task<long> ReserveIdsAsync<T>(TerritorioDbContext db, int count, CancellationToken ct)
    {
        var entity = EntityOf<T>(db);
        string table = entity.GetTableName()!;
        var key = entity.FindPrimaryKey()!.Properties.Single();
        string column = key.GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!;
        // Names come from the model, numbers from this method: no user input reaches the SQL.
        string max = $"SELECT COALESCE(MAX({Quote(column)}), 0) + 1 AS \"Value\" FROM {Quote(table)}";
        long first = await db.Database.SqlQueryRaw<long>(max).SingleAsync(ct);
        if (db.Database.IsNpgsql())
        {
            long last = first + count - 1;
            string moveSequence = $"SELECT setval(pg_get_serial_sequence('{Quote(table)}', '{column}'), GREATEST({last}, 1), {(last >= 1 ? "true" : "false")})";
            await db.Database.ExecuteSqlRawAsync(moveSequence, ct);
        }

        return first;
    }

    // Owned types (PAI items) are found by their CLR type among the model's entity types.
    private static IEntityType EntityOf<T>(TerritorioDbContext db) =>
        db.Model.FindEntityType(typeof(T)) ?? db.Model.GetEntityTypes().SingleOrDefault(e => e.ClrType == typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped");

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
