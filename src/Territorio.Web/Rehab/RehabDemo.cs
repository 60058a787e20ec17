using Microsoft.EntityFrameworkCore;
using Territorio.Data;
using Territorio.Data.Rehab;
using Territorio.Flows.Reference;
using Territorio.Web.Security;

namespace Territorio.Web.Rehab;

/// <summary>The rehab part of <c>territorio demo run</c> in the database: a run of the demo ATS the screens can open.</summary>
public static class RehabDemo
{
    public const string Uploader = "territorio demo run";

    /// <summary>Replaces the previous demo run with a check of <paramref name="sdoPath"/>; null when the demo region is empty.</summary>
    public static async Task<RehabRun?> LoadAsync(DatabaseOptions database, ReferenceData data, RehabWebOptions options, string sdoPath, TimeProvider clock, CancellationToken ct)
    {
        await using var db = TerritorioDatabase.CreateContext(database);
        if (await DemoAccounts.DemoAtsAsync(db, ct) is not { } ats)
        {
            return null;
        }

        var import = new RehabRunImport(db, RehabPipelineAdapter.Load(data, options.RuleSet, options.MdcTable), clock);
        await import.DeleteDemoRunsAsync(ct);
        await using var content = File.OpenRead(sdoPath);
        using var file = await SdoUpload.SaveAsync(content, Path.GetFileName(sdoPath), long.MaxValue, options.TempDirectory, ct);
        return await import.ImportAsync(file, ats, Uploader, demo: true, ct);
    }

    /// <summary>The structure with the most admissions in the ATS's demo run: the demo structure and ward accounts work there.</summary>
    public static Task<string?> BusiestStructureAsync(TerritorioDbContext db, string ats, CancellationToken ct)
    {
        var runs = db.Set<RehabRun>().Where(r => r.IsDemo && r.Ats == ats).Select(r => r.Id);
        return db.Set<RehabRunIndicator>()
            .Where(i => runs.Contains(i.RunId) && i.Scope == "" && i.Dimension == "struttura")
            .OrderByDescending(i => i.Total).ThenBy(i => i.Value)
            .Select(i => i.Value)
            .FirstOrDefaultAsync(ct);
    }
}
