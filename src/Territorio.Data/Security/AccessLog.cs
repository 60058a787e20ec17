using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace Territorio.Data.Security;

/// <summary>
/// Appends reads to the access log in one INSERT, whatever their number: a worklist page logs
/// 25 patients per view, and 25 tracked entities saved one statement each cost more than the rest
/// of the view (docs/decisions/0101-screens-kept-by-change-stamps.md). On PostgreSQL the rows go
/// as eight arrays (<c>unnest</c>): one statement text for any number of rows, prepared once,
/// where a VALUES list of a new length is parsed and planned again (decision 0102).
/// Joins the caller's transaction, if any.
/// </summary>
public static class AccessLog
{
    private const int Columns = 8;

    /// <summary>The statement's head per model, built once: every patient read of the web application appends here.</summary>
    private static readonly ConditionalWeakTable<IModel, string> Headers = new();

    /// <summary>Rows per statement: 8 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535.</summary>
    private const int RowsPerStatement = 1_000;

    public static async Task AppendAsync(TerritorioDbContext db, IReadOnlyList<PatientAccessEntry> entries, CancellationToken ct)
    {
        if (entries.Count > 0 && db.Database.IsNpgsql())
        {
            await InsertArraysAsync(db, entries, ct);
            return;
        }

        if (entries.Count <= RowsPerStatement)
        {
            await InsertAsync(db, entries, 0, entries.Count, ct);
            return;
        }

        // All or nothing: a list of thousands of patients is logged whole or not shown.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        for (int from = 0; from < entries.Count; from += RowsPerStatement)
        {
            await InsertAsync(db, entries, from, Math.Min(RowsPerStatement, entries.Count - from), ct);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    private static async Task InsertAsync(TerritorioDbContext db, IReadOnlyList<PatientAccessEntry> entries, int from, int count, CancellationToken ct)
    {
        if (count == 0)
        {
            return;
        }

        var sql = new StringBuilder(Headers.GetValue(db.Model, Header));
        var values = new object?[count * Columns];
        for (int i = 0; i < count; i++)
        {
            var e = entries[from + i];
            int at = i * Columns;
            (values[at], values[at + 1], values[at + 2], values[at + 3], values[at + 4], values[at + 5], values[at + 6], values[at + 7]) =
                (e.AtUtc, e.Granted, e.PatientAts, e.PatientId, e.Resource, e.Roles, e.UserName, e.PactId);
            sql.Append(i == 0 ? " VALUES " : ", ").Append('(');
            for (int c = 0; c < Columns; c++)
            {
                sql.Append(c == 0 ? "{" : ", {").Append((at + c).ToString(CultureInfo.InvariantCulture)).Append('}');
            }

            sql.Append(')');
        }

        await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(sql.ToString(), values), ct);
    }

    private static async Task InsertArraysAsync(TerritorioDbContext db, IReadOnlyList<PatientAccessEntry> entries, CancellationToken ct)
    {
        // Same column order as the header.
        NpgsqlParameter[] arrays =
        [
            new("p0", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = entries.Select(e => e.AtUtc).ToArray() },
            new("p1", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = entries.Select(e => e.Granted).ToArray() },
            new("p2", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.PatientAts).ToArray() },
            new("p3", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.PatientId).ToArray() },
            new("p4", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.Resource).ToArray() },
            new("p5", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.Roles).ToArray() },
            new("p6", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = entries.Select(e => e.UserName).ToArray() },
            new("p7", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = entries.Select(e => e.PactId).ToArray() },
        ];
        string sql = Headers.GetValue(db.Model, Header) + " SELECT * FROM unnest(@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)";
#pragma warning disable EF1003 // the head is built from the EF model's names, the values are parameters
        await db.Database.ExecuteSqlRawAsync(sql, arrays, ct);
#pragma warning restore EF1003
    }

    /// <summary>"INSERT INTO table (columns…)" with the names the model maps (same order as the values).</summary>
    private static string Header(IModel model)
    {
        var entity = model.FindEntityType(typeof(PatientAccessEntry))!;
        string Column(string property) => entity.FindProperty(property)!.GetColumnName();
        return $"INSERT INTO {entity.GetTableName()} ({Column(nameof(PatientAccessEntry.AtUtc))}, {Column(nameof(PatientAccessEntry.Granted))}, "
            + $"{Column(nameof(PatientAccessEntry.PatientAts))}, {Column(nameof(PatientAccessEntry.PatientId))}, {Column(nameof(PatientAccessEntry.Resource))}, "
            + $"{Column(nameof(PatientAccessEntry.Roles))}, {Column(nameof(PatientAccessEntry.UserName))}, {Column(nameof(PatientAccessEntry.PactId))})";
    }
}
