using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Territorio.Data;

// Used only by `dotnet ef migrations add` (scripts/add-migration.sh); the connection is never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTerritorioDbContext>
{
    public SqliteTerritorioDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTerritorioDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTerritorioDbContext>
{
    public PostgresTerritorioDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTerritorioDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
