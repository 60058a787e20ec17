using Microsoft.EntityFrameworkCore;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;

namespace Territorio.Data;

/// <summary>
/// The one model of Territorio's database. Each provider has a subclass only so that its
/// migrations live apart (SQLite and PostgreSQL differ in types and SQL): see
/// docs/decisions/0002-two-providers-one-model.md.
/// </summary>
public abstract class TerritorioDbContext : DbContext
{
    protected TerritorioDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Resident> Residents => Set<Resident>();

    public DbSet<GeneralPractitioner> GeneralPractitioners => Set<GeneralPractitioner>();

    /// <summary>Gestori, erogatori and hospital structures by name, seat and contacts.</summary>
    public DbSet<Organisation> Organisations => Set<Organisation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TerritorioDbContext).Assembly);
}

public sealed class SqliteTerritorioDbContext(DbContextOptions<SqliteTerritorioDbContext> options)
    : TerritorioDbContext(options);

public sealed class PostgresTerritorioDbContext(DbContextOptions<PostgresTerritorioDbContext> options)
    : TerritorioDbContext(options);
