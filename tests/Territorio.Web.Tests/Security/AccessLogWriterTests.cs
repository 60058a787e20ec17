using Microsoft.EntityFrameworkCore;
using Territorio.Data;
using Territorio.Data.Security;
using Territorio.Testing;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Security;

public sealed class AccessLogWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ManyReadsAtOnce_AreEachCommitted_BeforeTheirTaskCompletes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var writer = AccessLogWriters.Over(database);

        // 120 screens at once, each logging 1 to 25 patients (a patient file, a worklist page).
        var reads = Enumerable.Range(0, 120).Select(r => Entries($"lettore{r}", 1 + (r % 25))).ToList();
        await Task.WhenAll(reads.Select(entries => Task.Run(() => writer.AppendAsync(entries), Ct)));

        await using var db = database.CreateContext();
        var logged = await db.Set<PatientAccessEntry>().AsNoTracking().ToListAsync(Ct);
        logged.Select(e => $"{e.UserName}/{e.PatientId}").Order().ShouldBe(reads.SelectMany(r => r).Select(e => $"{e.UserName}/{e.PatientId}").Order());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AReadWithABadEntry_FailsAlone_TheOthersAreCommitted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var writer = AccessLogWriters.Over(database);
        var bad = Entries("guasto", 3);
        bad[1].PatientId = null!;

        var good = Enumerable.Range(0, 40).Select(r => writer.AppendAsync(Entries($"lettore{r}", 5))).ToList();
        var failing = writer.AppendAsync(bad);
        good.AddRange(Enumerable.Range(40, 40).Select(r => writer.AppendAsync(Entries($"lettore{r}", 5))));

        await Should.ThrowAsync<Exception>(() => failing);
        await Task.WhenAll(good);
        await using var db = database.CreateContext();
        (await db.Set<PatientAccessEntry>().CountAsync(Ct)).ShouldBe(80 * 5);
        (await db.Set<PatientAccessEntry>().AnyAsync(e => e.UserName == "guasto", Ct)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AListOfThousandsOfPatients_IsLoggedWhole_OrNotAtAll(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var writer = AccessLogWriters.Over(database);
        var broken = Entries("elenco.guasto", 2_500);
        broken[2_400].PatientId = null!;

        await writer.AppendAsync(Entries("elenco", 2_500));
        await Should.ThrowAsync<Exception>(() => writer.AppendAsync(broken));

        await using var db = database.CreateContext();
        (await db.Set<PatientAccessEntry>().CountAsync(e => e.UserName == "elenco", Ct)).ShouldBe(2_500);
        (await db.Set<PatientAccessEntry>().CountAsync(e => e.UserName == "elenco.guasto", Ct)).ShouldBe(0);
    }

    private static List<PatientAccessEntry> Entries(string user, int patients) =>
        [.. Enumerable.Range(1, patients).Select(p => new PatientAccessEntry
        {
            AtUtc = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc),
            UserName = user,
            Roles = "GestoreCaseManager",
            PatientId = $"P{p:D8}",
            PatientAts = "321",
            Resource = "prova",
            Granted = true,
        })];
}
