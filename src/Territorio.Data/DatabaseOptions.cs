namespace Territorio.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where Territorio keeps its data. Bound from the <c>Database</c> section and
/// <c>ConnectionStrings:Territorio</c>; environment variables override
/// (<c>Database__Provider=Postgres</c>, <c>ConnectionStrings__Territorio=Host=…</c>).
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Territorio";

    /// <summary>Embedded SQLite by default: nothing to install.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder of the SQLite file when no connection string is given; created on first use.</summary>
    public string DataDirectory { get; set; } = ".territorio";

    public string? ConnectionString { get; set; }

    public string EffectiveConnectionString() => ConnectionString is { Length: > 0 } cs
        ? cs
        : Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(DataDirectory, "territorio.db")}"
            : throw new InvalidOperationException(
                "PostgreSQL selected but no connection string: set ConnectionStrings__Territorio");
}
