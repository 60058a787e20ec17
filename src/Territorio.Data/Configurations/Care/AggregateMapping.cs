using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Territorio.CareManagement.Common;

namespace Territorio.Data.Configurations.Care;

internal static class AggregateMapping
{
    /// <summary>Table, audit buffer ignored, and <c>version</c> as the optimistic-concurrency token.</summary>
    public static void MapAggregate<T>(this EntityTypeBuilder<T> builder, string table)
        where T : AggregateRoot
    {
        builder.ToTable(table);
        builder.Ignore(a => a.PendingHistory);
        builder.Property(a => a.Version).HasColumnName("version").IsConcurrencyToken();
    }

    public static PropertyBuilder<TEnum> AsText<TEnum>(this PropertyBuilder<TEnum> property, string column) =>
        property.HasColumnName(column).HasConversion<string>().HasMaxLength(24);

    public static PropertyBuilder<string?> Id(this PropertyBuilder<string?> property, string column) =>
        property.HasColumnName(column).HasMaxLength(32);

    /// <summary>Partial unique indexes: the same SQL filter works on SQLite and PostgreSQL.</summary>
    public static string StatusIs(params string[] statuses) =>
        statuses.Length == 1 ? $"status = '{statuses[0]}'" : $"status IN ({string.Join(", ", statuses.Select(s => $"'{s}'"))})";
}
