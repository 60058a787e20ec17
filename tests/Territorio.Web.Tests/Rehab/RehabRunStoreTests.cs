using System.Text;
using Microsoft.EntityFrameworkCore;
using Territorio.Data;
using Territorio.Data.Rehab;
using Territorio.Flows.Reference;
using Territorio.Kernel.Errors;
using Territorio.Testing;
using Territorio.Web.Rehab;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Rehab;

/// <summary>Runs kept in both databases, read back as an ATS and as a structure; a failed import keeps nothing.</summary>
public sealed class RehabRunStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Lazy<RehabPipelineAdapter> Pipeline = new(() => RehabPipelineAdapter.Load(ReferenceData.Default(), null));

    private static readonly Actor AtsA = new("ats", new HashSet<string> { TerritorioRoles.AtsControllore }, Territory.A.Ats, null, null, null, null, null);

    private static readonly Actor StructureA = new("sa", new HashSet<string> { TerritorioRoles.Struttura }, Territory.A.Ats, null, null, null, Territory.A.Structure, null);

    private static async Task<RehabRun> ImportAsync(TerritorioDbContext db, string sdo, bool demo = false)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(sdo));
        using var file = await SdoUpload.SaveAsync(content, "flusso.csv", long.MaxValue, null, Ct);
        return await new RehabRunImport(db, Pipeline.Value, TimeProvider.System).ImportAsync(file, Territory.A.Ats, "prova", demo, Ct);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Run_RoundTrips_ForTheAtsAndForItsStructure(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var run = await ImportAsync(db, RehabSeed.Sdo(Territory.A));
        var query = new RehabRunQuery(db, new VerdictContests(db, TimeProvider.System));

        var whole = (await query.OpenAsync(AtsA, run.Id, Ct))!;
        var own = (await query.OpenAsync(StructureA, run.Id, Ct))!;
        var verdicts = await query.VerdictsAsync(whole, RehabVerdictFilter.None, 1, Ct);
        var errors = await query.ErrorsAsync(whole, 1, Ct);

        whole.Totals.Total.ShouldBe(3);
        own.Totals.Total.ShouldBe(2);
        (await query.VerdictsAsync(own, RehabVerdictFilter.None, 1, Ct)).Items.ShouldAllBe(v => v.StructureId == Territory.A.Structure);
        var stroke = verdicts.Items[0];
        stroke.AdmissionDate.ShouldBe(new DateOnly(2025, 3, 5));
        StoredVerdicts.ChecksOf(stroke).ShouldContain(c => c.Article == "art.3 c.1 lett.b" && c.Outcome == "passed");
        errors.Items.ShouldHaveSingleItem().Column.ShouldBe("admission_date");
        (await query.IndicatorsAsync(own, Ct)).Where(i => i.Dimension == "struttura").ShouldHaveSingleItem().Value.ShouldBe(Territory.A.Structure);
    }

    [Fact]
    public async Task Import_FileWithoutTheColumns_KeepsNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();

        await Should.ThrowAsync<InputDataException>(() => ImportAsync(db, "record_id,patient_id\nR1,P1\n"));

        (await db.Set<RehabRun>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task DeleteDemoRuns_RemovesOnlyDemoRunsAndTheirRows()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        var kept = await ImportAsync(db, RehabSeed.Sdo(Territory.A));
        await ImportAsync(db, RehabSeed.Sdo(Territory.B), demo: true);

        await new RehabRunImport(db, Pipeline.Value, TimeProvider.System).DeleteDemoRunsAsync(Ct);

        (await db.Set<RehabRun>().Select(r => r.Id).ToListAsync(Ct)).ShouldBe([kept.Id]);
        (await db.Set<RehabRunVerdict>().Select(v => v.RunId).Distinct().ToListAsync(Ct)).ShouldBe([kept.Id]);
        (await db.Set<RehabRunIndicator>().Select(v => v.RunId).Distinct().ToListAsync(Ct)).ShouldBe([kept.Id]);
        (await db.Set<RehabRunError>().Select(v => v.RunId).Distinct().ToListAsync(Ct)).ShouldBe([kept.Id]);
    }
}

public sealed class SdoUploadTests
{
    [Theory]
    [InlineData("h\na\nb\n", 2)]
    [InlineData("h\r\na\r\nb", 2)]
    [InlineData("h\n\na\n\r\n", 1)]
    [InlineData("h\n\"x\ny\",1\nb\n", 2)]
    [InlineData("h\n\"x\"\"\n\",1\n", 1)]
    [InlineData("h\n", 0)]
    [InlineData("", 0)]
    public void CsvRecordCounter_CountsRecordsNotLines(string text, long dataRows)
    {
        var counter = new CsvRecordCounter();
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            counter.Feed([b]);
        }

        Math.Max(0, counter.Complete() - 1).ShouldBe(dataRows);
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\dati\\sdo 2025.csv", "sdo_2025.csv")]
    [InlineData("", "sdo.csv")]
    [InlineData("..", "sdo.csv")]
    public void SafeName_KeepsOnlyAHarmlessFileName(string given, string expected) => SdoUpload.SafeName(given).ShouldBe(expected);

    [Fact]
    public async Task Save_BeyondTheLimit_IsRefusedAndLeavesNoFile()
    {
        using var content = new MemoryStream(new byte[200_000]);
        string temp = Directory.CreateTempSubdirectory("territorio-upload-").FullName;
        try
        {
            await Should.ThrowAsync<UploadTooLargeException>(() => SdoUpload.SaveAsync(content, "a.csv", 100_000, temp, TestContext.Current.CancellationToken));
            Directory.EnumerateFileSystemEntries(temp).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
