using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Territorio.Data.Security;

/// <summary>
/// Appends reads to the access log in one INSERT, whatever their number: a worklist page logs
/// 25 patients per view, and 25 tracked entities saved one statement each cost more than the rest
/// of the view (docs/decisions/0101-screens-kept-by-change-stamps.md). Joins the caller's transaction, if any.
/// </summary>
public static class AccessLog
{
    private const int Columns = 7;

    /// <summary>The statement's head per model, built once: every patient read of the web application appends here.</summary>
    private static readonly ConditionalWeakTable<IModel, string> Headers = new();

    public static async Task AppendAsync(TerritorioDbContext db, IReadOnlyList<PatientAccessEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var sql = new StringBuilder(Headers.GetValue(db.Model, Header));
        var values = new object?[entries.Count * Columns];
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            int at = i * Columns;
            (values[at], values[at + 1], values[at + 2], values[at + 3], values[at + 4], values[at + 5], values[at + 6]) =
                (e.AtUtc, e.Granted, e.PatientAts, e.PatientId, e.Resource, e.Roles, e.UserName);
            sql.Append(i == 0 ? " VALUES " : ", ").Append('(');
            for (int c = 0; c < Columns; c++)
            {
                sql.Append(c == 0 ? "{" : ", {").Append((at + c).ToString(CultureInfo.InvariantCulture)).Append('}');
            }

            sql.Append(')');
        }

        await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(sql.ToString(), values), ct);
    }

    /// <summary>"INSERT INTO table (columns…)" with the names the model maps (same order as the values).</summary>
    private static string Header(IModel model)
    {
        var entity = model.FindEntityType(typeof(PatientAccessEntry))!;
        string Column(string property) => entity.FindProperty(property)!.GetColumnName();
        return $"INSERT INTO {entity.GetTableName()} ({Column(nameof(PatientAccessEntry.AtUtc))}, {Column(nameof(PatientAccessEntry.Granted))}, "
            + $"{Column(nameof(PatientAccessEntry.PatientAts))}, {Column(nameof(PatientAccessEntry.PatientId))}, {Column(nameof(PatientAccessEntry.Resource))}, "
            + $"{Column(nameof(PatientAccessEntry.Roles))}, {Column(nameof(PatientAccessEntry.UserName))})";
    }
}
