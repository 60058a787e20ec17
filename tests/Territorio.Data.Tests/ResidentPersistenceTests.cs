using Microsoft.EntityFrameworkCore;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Testing;

namespace Territorio.Data.Tests;

public class ResidentPersistenceTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Resident_RoundTripsThroughTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var resident = new Resident("P00000001", new DateOnly(1948, 2, 29), Sex.Female, "321", "MMG00001", new DateOnly(2025, 12, 31));

        await using (var db = database.CreateContext())
        {
            db.Residents.Add(resident);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = database.CreateContext())
        {
            var loaded = await db.Residents.SingleAsync(r => r.Id == "P00000001", TestContext.Current.CancellationToken);
            loaded.ShouldSatisfyAllConditions(
                () => loaded.BirthDate.ShouldBe(new DateOnly(1948, 2, 29)),
                () => loaded.Sex.ShouldBe(Sex.Female),
                () => loaded.Ats.ShouldBe("321"),
                () => loaded.MmgId.ShouldBe("MMG00001"),
                () => loaded.DeathDate.ShouldBe(new DateOnly(2025, 12, 31)));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrations_LeaveNothingPending(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
        db.Database.HasPendingModelChanges().ShouldBeFalse("the model changed without a migration: run scripts/add-migration.sh");
    }
}
