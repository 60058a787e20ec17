using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>
/// Issue 20: loading a levels file records who entered, left or moved within levels 1–3 since the
/// previous run (the ATS's new eligible persons, a Gestore's patients who changed level); on SQLite and PostgreSQL.
/// </summary>
public class StratificationChangesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SecondImport_RecordsWhoEnteredLeftOrMovedWithinTheEligibleLevels_NotMovesBetween4And5(DatabaseProvider provider)
    {
        // The world's first import: P1..P6 level 2 hypertension, P7 level 4.
        await using var world = await CreateAsync(provider, patients: 7);
        (await world.UseAsync(db => db.Set<StratificationChange>().CountAsync(Ct))).ShouldBe(0);

        // P1 up to 1, P2 gone, P3 down to 4, P4 and P5 unchanged, P6 to 5, P7 4 → 3.
        const string levels = """
            person_id,level,main_pathology,pathologies,evidence
            P1,1,20,20|56,20=sdo:428.0:2026-01-10
            P3,4,,,
            P4,2,56,56|50,SDO 401.9 2025-01-10
            P5,2,56,56|50,SDO 401.9 2025-01-10
            P6,5,,,
            P7,3,56,56,56=exemptions:0A31:2026-01-02
            """;
        var result = await world.UseAsync(db => world.Levels(db).ImportAsync(new StringReader(levels), "levels.csv", Today, AtsOperator, null, Ct));

        result.Changes.ShouldBe(5);
        var changes = await world.UseAsync(db => db.Set<StratificationChange>().AsNoTracking().Where(c => c.RunId == result.RunId).OrderBy(c => c.PersonId).ToListAsync(Ct));
        changes.Select(c => (c.PersonId, c.LevelBefore, c.LevelAfter, c.MainPathology)).ShouldBe(
        [
            ("P1", 2, 1, "20"),
            ("P2", 2, null, "56"),
            ("P3", 2, 4, "56"),
            ("P6", 2, 5, "56"),
            ("P7", 4, 3, "56"),
        ]);
        changes.Single(c => c.PersonId == "P7").BecameEligible.ShouldBeTrue();
        changes.Where(c => c.LeftEligibility).Select(c => c.PersonId).ShouldBe(["P2", "P3", "P6"]);
        changes.ShouldAllBe(c => c.Ats == Ats && c.MmgId == "MMG1" && c.PreviousRunId < c.RunId);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    public async Task ChangesAmongLevels4And5Only_AreNotRecorded(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider, patients: 3);

        var result = await world.UseAsync(db => world.Levels(db).ImportAsync(new StringReader("""
            person_id,level,main_pathology,pathologies,evidence
            P1,2,56,56|50,x
            P2,2,56,56|50,x
            P3,5,,,
            """), "levels.csv", Today, AtsOperator, null, Ct));

        result.Changes.ShouldBe(0);
    }
}
