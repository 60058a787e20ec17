using System.Text;
using Microsoft.EntityFrameworkCore;
using Territorio.Data;
using Territorio.Data.Rehab;
using Territorio.Flows.Reference;
using Territorio.Rehab.Contests;
using Territorio.Testing;
using Territorio.Web.Rehab;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>Contests kept in both databases: history read back, one per verdict, counted per view, gone with a demo run.</summary>
public sealed class VerdictContestStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Lazy<RehabPipelineAdapter> Pipeline = new(() => RehabPipelineAdapter.Load(ReferenceData.Default(), null));

    private static readonly Actor AtsA = new("ctl.a", new HashSet<string> { TerritorioRoles.AtsControllore }, Territory.A.Ats, null, null, null, null, null) { DisplayName = "Carla Controlli" };

    private static readonly Actor StructureA = new("sa", new HashSet<string> { TerritorioRoles.Struttura }, Territory.A.Ats, null, null, null, Territory.A.Structure, null);

    private const long StrokeLine = 3;
    private const long OutOfScopeLine = 5;

    private sealed record Store(RehabRunQuery Query, VerdictContests Contests, RehabRun Run);

    private static async Task<Store> SeedAsync(TerritorioDbContext db, bool demo = false)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(RehabSeed.Sdo(Territory.A)));
        using var file = await SdoUpload.SaveAsync(content, "flusso.csv", long.MaxValue, null, Ct);
        var run = await new RehabRunImport(db, Pipeline.Value, TimeProvider.System).ImportAsync(file, Territory.A.Ats, "prova", demo, Ct);
        var contests = new VerdictContests(db, TimeProvider.System);
        return new Store(new RehabRunQuery(db, contests), contests, run);
    }

    private static async Task<VerdictContest> ContestAsync(Store store, long line, string note)
    {
        var view = (await store.Query.OpenAsync(StructureA, store.Run.Id, Ct))!;
        var verdict = (await store.Query.VerdictAsync(view, line, Ct))!;
        return await store.Contests.OpenAsync(StructureA, view, verdict, note, Ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ContestAndDecision_RoundTrip_WithWhoWhenAndCounts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var store = await SeedAsync(db);

        await ContestAsync(store, StrokeLine, "il ricovero per acuti è quello del 01/03");
        await ContestAsync(store, OutOfScopeLine, "l'MDC è 8, non 3");
        var whole = (await store.Query.OpenAsync(AtsA, store.Run.Id, Ct))!;
        await store.Contests.DecideAsync(AtsA, whole, OutOfScopeLine, "annullato", "MDC corretto a 8 dalla SDO rettificata", Ct);
        db.ChangeTracker.Clear();

        var reread = await db.Set<VerdictContest>().AsNoTracking().OrderBy(c => c.Line).ToListAsync(Ct);
        reread.Select(c => (c.Line, c.State)).ShouldBe([(StrokeLine, ContestState.Contested), (OutOfScopeLine, ContestState.Annulled)]);
        var annulled = reread[1];
        annulled.ShouldSatisfyAllConditions(
            () => annulled.RecordId.ShouldBe(RehabSeed.Record(Territory.A, 3)),
            () => annulled.OpenedBy.ShouldBe("sa"),
            () => annulled.DecidedBy.ShouldBe("Carla Controlli (ctl.a)"),
            () => annulled.DecisionReason.ShouldBe("MDC corretto a 8 dalla SDO rettificata"),
            () => annulled.DecidedAtUtc!.Value.ShouldBeGreaterThanOrEqualTo(annulled.OpenedAtUtc),
            () => annulled.Ats.ShouldBe(Territory.A.Ats));
        (await store.Query.OpenAsync(AtsA, store.Run.Id, Ct))!.Contests.ShouldBe(new ContestCounts(1, 0, 1));
        (await store.Contests.ListAsync(AtsA, null, ContestState.Contested, 1, Ct)).Items.ShouldHaveSingleItem().Line.ShouldBe(StrokeLine);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SecondContest_OfTheSameVerdict_IsRefused_AndNothingIsAdded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var store = await SeedAsync(db);
        await ContestAsync(store, StrokeLine, "prima");

        var refused = await Should.ThrowAsync<ContestRefusedException>(() => ContestAsync(store, StrokeLine, "seconda"));

        refused.Message.ShouldContain("è già contestato");
        (await db.Set<VerdictContest>().CountAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task UniqueIndex_KeepsOneContestPerVerdict_EvenPastTheAggregate()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.CreateContext();
        var store = await SeedAsync(db);
        var verdict = new ContestedVerdict(store.Run.Id, StrokeLine, RehabSeed.Record(Territory.A, 1), Territory.A.Structure, Territory.A.Ats);
        db.Add(VerdictContest.Open(verdict, null, Territory.A.Structure, "sa", DateTime.UtcNow, "una"));
        await db.SaveChangesAsync(Ct);

        // A racing second request, which did not see the first one.
        db.Add(VerdictContest.Open(verdict, null, Territory.A.Structure, "sa", DateTime.UtcNow, "due"));

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Structure_SeesOnlyItsOwnContests_AndCannotDecide()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var store = await SeedAsync(db);
        await ContestAsync(store, StrokeLine, "nota");
        var own = (await store.Query.OpenAsync(StructureA, store.Run.Id, Ct))!;
        var otherStructure = StructureA with { StructureId = RehabSeed.OtherStructure(Territory.A) };

        var refused = await Should.ThrowAsync<ContestRefusedException>(() => store.Contests.DecideAsync(StructureA, own, StrokeLine, "annullato", "una motivazione lunga abbastanza", Ct));

        refused.Message.ShouldBe("decide una contestazione solo l'ATS del territorio della struttura");
        (await store.Contests.ListAsync(StructureA, null, null, 1, Ct)).Total.ShouldBe(1);
        (await store.Contests.ListAsync(otherStructure, null, null, 1, Ct)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task DeleteDemoRuns_TakesTheirContestsAlong()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var store = await SeedAsync(db, demo: true);
        await ContestAsync(store, StrokeLine, "nota");

        await new RehabRunImport(db, Pipeline.Value, TimeProvider.System).DeleteDemoRunsAsync(Ct);

        (await db.Set<VerdictContest>().CountAsync(Ct)).ShouldBe(0);
    }
}
