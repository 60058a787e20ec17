using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Web.Rehab;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// A rehab run in each territory, made through the same import as an upload: a post-acute 56a
/// and an out-of-scope admission at the territory's structure, a 28 at another structure of the
/// ATS, one rejected row. Record ids carry the territory, so they can serve as its markers.
/// </summary>
public static class RehabSeed
{
    public static readonly ConcurrentDictionary<string, string> RunIds = new();

    public static string FileName(Territory t) => $"sdo-ats-{t.Ats}.csv";

    public static string Record(Territory t, int n) => $"R{t.Key.ToUpperInvariant()}-{n:D4}";

    /// <summary>The other structure of the ATS: its admission must stay hidden from the territory's structure account.</summary>
    public static string OtherStructure(Territory t) => t.Structure + "2";

    public const string Header =
        "record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs";

    public static string Sdo(Territory t)
    {
        string k = t.Key.ToUpperInvariant();
        var rows = new StringBuilder(Header).Append('\n');
        // Acute stroke, then a 56 stay 4 days later with four Annex-3 codes: art.3 c.1 lett.b, 56a.
        rows.Append(CultureInfo.InvariantCulture, $"A{k}-0001,P{k}1,1950-05-10,2,OSP{k},32,1,2025-02-20,2025-03-01,2,1,014,434.91,401.9,,,,,,,\n");
        rows.Append(CultureInfo.InvariantCulture, $"{Record(t, 1)},P{k}1,1950-05-10,2,{t.Structure},56,1,2025-03-05,2025-03-30,2,1,012,438.11,342.90|428.0|427.31,93.11,,2,30,,,15\n");
        // Spinal cord injury without a preceding acute stay at the other structure: art.4 c.3, 28.
        rows.Append(CultureInfo.InvariantCulture, $"{Record(t, 2)},P{k}2,1970-01-15,1,{OtherStructure(t)},28,1,2025-04-01,2025-05-10,2,1,009,806.00,344.1,93.11,,,20,,,16\n");
        // MDC 3 (ear, nose, throat) is outside art.1.
        rows.Append(CultureInfo.InvariantCulture, $"{Record(t, 3)},P{k}3,1960-07-01,1,{t.Structure},56,1,2025-06-01,2025-06-20,2,3,073,386.11,,93.11,,,,,,\n");
        // 30 February: rejected, with line, column and reason.
        rows.Append(CultureInfo.InvariantCulture, $"{Record(t, 4)},P{k}4,1955-02-02,1,{t.Structure},56,1,2025-02-30,2025-03-10,2,8,210,820.8,,93.11,,,,,,\n");
        return rows.ToString();
    }

    /// <summary>The seeded contest's note: it carries the territory's marker, so it must never reach another ATS.</summary>
    public static string ContestNote(Territory t) => $"il ricovero per acuti {Record(t, 1)} è collegato";

    public static async Task SeedAsync(IServiceProvider scoped, CancellationToken ct)
    {
        var import = scoped.GetRequiredService<RehabRunImport>();
        foreach (var t in new[] { Territory.A, Territory.B })
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(Sdo(t)));
            using var file = await SdoUpload.SaveAsync(content, FileName(t), long.MaxValue, null, ct);
            var run = await import.ImportAsync(file, t.Ats, "seed", demo: false, ct);
            RunIds[t.Key] = run.Id.ToString(CultureInfo.InvariantCulture);

            // The structure has contested the stroke stay's verdict (line 3): the contest's endpoints have a resource.
            var db = scoped.GetRequiredService<Territorio.Data.TerritorioDbContext>();
            db.Add(Territorio.Rehab.Contests.VerdictContest.Open(
                new(run.Id, 3, Record(t, 1), t.Structure, t.Ats), null, t.Structure, "seed", DateTime.UtcNow, ContestNote(t)));
            await db.SaveChangesAsync(ct);
        }
    }
}
