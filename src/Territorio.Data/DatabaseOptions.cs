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

    /// <summary>Folder of the SQLite file when no connection string is given.</summary>
    public string DataDirectory { get; set; } = ".territorio";

    /// <summary>
    /// Whether a missing <see cref="DataDirectory"/> may be created (<c>territorio db init</c>, the
    /// demo, or <c>Database__CreateDataDirectory=true</c>): a mistyped folder must not silently
    /// become a new, empty database.
    /// </summary>
    public bool CreateDataDirectory { get; set; }

    /// <summary>The SQLite file, when the embedded database is used.</summary>
    public string? SqliteFile => Provider == DatabaseProvider.Sqlite && ConnectionString is not { Length: > 0 }
        ? Path.GetFullPath(Path.Combine(DataDirectory, "territorio.db"))
        : null;

    public string? ConnectionString { get; set; }

    public string EffectiveConnectionString() => ConnectionString is { Length: > 0 } cs
        ? cs
        : Provider == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(DataDirectory, "territorio.db")}"
            : throw new InvalidOperationException(
                "PostgreSQL selected but no connection string: set ConnectionStrings__Territorio");
}
