using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.Data;
using Territorio.Flows.Reference;
using Territorio.Kernel.Population;
using Territorio.Testing;
using Territorio.Web.Ats;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests.Ats;

/// <summary>
/// The ATS screens' queries on both database providers: counts by GROUP BY, then the level in
/// force after the Commission's reclassifications and deaths since the stratification.
/// </summary>
public sealed class AtsQueryTests
{
    private static readonly Lazy<CareCatalogues> Catalogues = new(() => CareCatalogues.Load(ReferenceData.Default()));
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Counts_ApprovedReclassificationMovesTheLevel_DeathsSinceTheRunOnlyWhenAsked(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var care = await SeedAsync(db);
        var run = (await ClassificationQueries.LatestRunAsync(db, Ct))!;
        var levels = new TerritoryLevels(db);

        var before = await levels.CountAsync(run, "321", null, null, Ct);
        Enumerable.Range(1, 5).Select(l => before.Total[l]).ShouldBe([0L, 3, 1, 1, 0]);
        before.ByMmg["M1"][2].ShouldBe(2);
        before.ByMmg[""][4].ShouldBe(1, "a person without GP is counted under the empty key");

        // The Commission moves P1 from level 2 to level 1.
        var proposed = await care.Reclassification.ProposeAsync("P1", 1, "20", ["56"], new CareActor.Factory("rc").ClinicalManager("G1"), "scompenso", Ct);
        await care.Reclassification.DecideAsync(proposed.Id, approve: true, new CareActor.Factory("commissione").Commission("321"), null, Ct);

        var after = await levels.CountAsync(run, "321", null, null, Ct);
        Enumerable.Range(1, 5).Select(l => after.Total[l]).ShouldBe([1L, 2, 1, 1, 0]);
        after.Reclassified.ShouldBe(1);
        after.ByMmg["M1"][1].ShouldBe(1);

        var alive = await levels.CountAsync(run, "321", null, Today, Ct);
        alive.Total.Deceased.ShouldBe(1);
        alive.Total[2].ShouldBe(1, "P3 died after the stratification: not eligible any more");
        alive.Total.Living.ShouldBe(4);

        var gp = await levels.CountAsync(run, "321", "M2", null, Ct);
        gp.Total.Living.ShouldBe(2);
        (await levels.CountAsync(run, "322", null, null, Ct)).Total.Living.ShouldBe(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task EnrolmentProgress_CountsPerLevelAndGestore_ListsExpiringPacts_AndLogsTheList(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        await SeedAsync(db);
        var clock = ClockAt(Today);
        var ats = new Actor("ats.321", new HashSet<string> { TerritorioRoles.AtsOperatore }, "321", null, null, null, null, null);
        var query = new EnrolmentProgressQuery(db, new TerritoryLevels(db), new PatientAccess(db, clock, AccessLogWriters.Over(database)), clock, Catalogues.Value);

        var progress = await query.BuildAsync(ats, 30, "prova", Ct);

        progress.AtsName.ShouldBe("ATS della Città Metropolitana di Milano");
        progress.Levels.Select(l => (l.Level, l.Eligible, l.Invited, l.Enrolled)).ShouldBe([(1, 0L, 0L, 0L), (2, 2L, 1L, 2L), (3, 1L, 1L, 0L)]);
        progress.Gestori.Single(g => g.GestoreId == "G1").EnrolledPerLevel.ShouldBe([0L, 2, 0]);
        progress.ExpiringTotal.ShouldBe(1);
        progress.Expiring.Single().PatientId.ShouldBe("P2");
        progress.Expiring.Single().DaysLeft.ShouldBe(10);
        db.Set<Data.Security.PatientAccessEntry>().Where(e => e.Resource == "prova").Select(e => e.PatientId).ToList().ShouldBe(["P2"]);

        (await query.BuildAsync(ats, 5, "prova", Ct)).ExpiringTotal.ShouldBe(0);
    }

    private static DayClock ClockAt(DateOnly day) => new(day);

    /// <summary>
    /// ATS 321: P1, P2, P3 at level 2 (P3 dies after the letters), P4 at level 3 (P3 and P4 of GP M2), P5
    /// at level 4 without GP; ATS 322: P9. Gestore G1 holds the pacts of P1 and of P2 (expiring in
    /// ten days); P3 and P4 got a letter.
    /// </summary>
    private static async Task<CareServices> SeedAsync(TerritorioDbContext db)
    {
        db.Residents.AddRange(
            new Resident("P1", new DateOnly(1950, 1, 1), Sex.Female, "321", "M1"),
            new Resident("P2", new DateOnly(1951, 1, 1), Sex.Male, "321", "M1"),
            new Resident("P3", new DateOnly(1940, 1, 1), Sex.Male, "321", "M2", Today.AddDays(-10)),
            new Resident("P4", new DateOnly(1960, 1, 1), Sex.Female, "321", "M2"),
            new Resident("P5", new DateOnly(1990, 1, 1), Sex.Female, "321", null),
            new Resident("P9", new DateOnly(1970, 1, 1), Sex.Male, "322", "M9"));
        await db.SaveChangesAsync(Ct);
        var care = new CareServices(db, ClockAt(Today.AddDays(-30)), Catalogues.Value);
        var ats = new CareActor.Factory("ats").Ats("321");
        const string levels = "person_id,level,main_pathology,pathologies,evidence\nP1,2,56,56|29,\nP2,2,56,56|29,\nP3,2,56,56|29,\nP4,3,56,56,\nP5,4,,,\nP9,2,56,56|29,\n";
        await care.Levels.ImportAsync(new StringReader(levels), "levels.csv", Today.AddDays(-60), ats, null, Ct);
        await care.Gestori.RegisterAsync("G1", "Gestore uno", CareManagement.Gestori.GestoreKind.Asst, "321", ats, Ct);
        foreach (int level in new[] { 2, 3 })
        {
            await care.Gestori.ApplyAsync("G1", "321", level, new CareActor.Factory("rc").ClinicalManager("G1"), Ct);
            await care.Gestori.DecideAsync("G1", "321", level, approve: true, ats, "idoneo", Ct);
        }
        var manager = new CareActor.Factory("rc").ClinicalManager("G1");
        await care.SignedSinceAsync("P1", "G1", Today.AddDays(-30), "P1", "G1", manager, Ct);
        await care.SignedSinceAsync("P2", "G1", Today.AddDays(10).AddYears(-1).AddDays(1), "P2", "G1", manager, Ct);
        await care.Enrolment.IssueLettersAsync("321", 10, ats, Ct);
        return care;
    }
}

/// <summary>A clock fixed at 09:00 UTC of a day.</summary>
internal sealed class DayClock(DateOnly day) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
}
