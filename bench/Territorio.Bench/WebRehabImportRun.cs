using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Territorio.Data;
using Territorio.Data.Rehab;
using Territorio.Flows.Reference;
using Territorio.Synthetic;
using Territorio.Web.Rehab;

namespace Territorio.Bench;

/// <summary>
/// <c>web-rehab-import [--acute N] [--rehab M] [--connection PG]</c>: what an upload of the rehab
/// screens costs, phase by phase, on a generated SDO file: the streamed copy (with the record
/// count), the check alone, and the whole import (check + every verdict, rejected row and
/// indicator written in one transaction). SQLite in a temporary folder unless a PostgreSQL
/// connection string to an empty database is given.
/// </summary>
public static partial class WholeRuns
{
    [ModuleInitializer]
    internal static void RegisterWebRehabImport() => Runs["web-rehab-import"] = WebRehabImport;

    private static int WebRehabImport(string[] args)
    {
        long acute = Arg(args, "--acute", 300_000);
        int rehab = (int)Arg(args, "--rehab", 15_000);
        string? connection = args.SkipWhile(a => a != "--connection").Skip(1).FirstOrDefault();
        string folder = Directory.CreateTempSubdirectory("territorio-web-rehab-bench-").FullName;
        try
        {
            string sdo = Path.Combine(folder, "sdo.csv");
            using (var writer = new StreamWriter(sdo, false, new System.Text.UTF8Encoding(false), 1 << 20))
            {
                SdoGenerator.Write(writer, acute, rehab, seed: 2021);
            }

            var database = connection is null
                ? new DatabaseOptions { DataDirectory = folder, CreateDataDirectory = true }
                : new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connection };
            TerritorioDatabase.MigrateAsync(database).GetAwaiter().GetResult();
            var pipeline = RehabPipelineAdapter.Load(ReferenceData.Default(), null);
            Console.WriteLine($"file: {new FileInfo(sdo).Length / 1e6:0.0} MB, {acute:N0} acute + {rehab:N0} rehab records, {database.Provider}, {Environment.ProcessorCount} cores");

            var watch = Stopwatch.StartNew();
            long verdicts = 0;
            pipeline.Run(sdo, null, null, block => verdicts += block.Count);
            Console.WriteLine($"check alone (rows built, not written): {watch.Elapsed.TotalSeconds:0.00} s, {verdicts:N0} verdicts");

            watch.Restart();
            UploadedSdo upload;
            using (var content = File.OpenRead(sdo))
            {
                upload = SdoUpload.SaveAsync(content, "sdo.csv", long.MaxValue, folder, CancellationToken.None).GetAwaiter().GetResult();
            }

            using (upload)
            {
                Console.WriteLine($"streamed copy + record count: {watch.Elapsed.TotalSeconds:0.00} s, {upload.DataRows:N0} records");
                watch.Restart();
                using var db = TerritorioDatabase.CreateContext(database);
                var run = new RehabRunImport(db, pipeline, TimeProvider.System).ImportAsync(upload, "321", "bench", demo: false, CancellationToken.None).GetAwaiter().GetResult();
                double seconds = watch.Elapsed.TotalSeconds;
                double checks = db.Set<RehabRunVerdict>().Where(v => v.RunId == run.Id).Average(v => (double?)v.ChecksJson.Length) ?? 0;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"import (check + write): {seconds:0.00} s, {run.RehabAdmissions / seconds:N0} verdicts/s, {run.RejectedRows:N0} rejected, checks JSON {checks:N0} chars per verdict, peak memory {PeakMegabytes():N0} MB"));
                if (connection is null)
                {
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    Console.WriteLine($"SQLite file: {new FileInfo(Path.Combine(folder, "territorio.db")).Length / 1e6:0.0} MB");
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
