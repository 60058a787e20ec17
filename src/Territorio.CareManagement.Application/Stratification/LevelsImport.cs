using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Flows.Files;
using Territorio.Kernel.Errors;

namespace Territorio.CareManagement.Application.Stratification;

public sealed record LevelsImportResult(long RunId, int Imported, IReadOnlyList<InputError> Rejected, IReadOnlyDictionary<int, int> PerLevel, int Deceased = 0)
{
    /// <summary>Persons who entered, left or moved within levels 1–3 since the previous run (none for the first run).</summary>
    public int Changes { get; init; }
}

/// <summary>
/// Imports the stratification engine's <c>levels.csv</c> (<c>person_id, level, main_pathology,
/// pathologies, evidence</c>, optionally <c>reclassification</c>, kept with the evidence; pathologies
/// are codes of the regional catalogue, '|'-separated) as a
/// new stratification run. Valid rows are stored in one transaction; every rejected row is reported.
/// </summary>
public sealed class LevelsImport(TerritorioDbContext db, TimeProvider clock, CareCatalogues catalogues) : CareService(db, clock)
{
    private static readonly string[] Columns = ["person_id", "level", "main_pathology", "pathologies", "evidence"];

    private const string Reclassification = "reclassification";

    public async Task<LevelsImportResult> ImportAsync(TextReader input, string source, DateOnly stratifiedOn, Actor by, Action<double>? progress, CancellationToken ct)
    {
        using var csv = FlowCsv.Open(input, source, Columns, [Reclassification]);
        var residents = await TerritoriesOfResidentsAsync(ct);
        var rejected = new List<InputError>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var rows = new List<(string Person, int Level, string? Main, string[] Pathologies, string Evidence)>();
        int deceased = 0;
        while (csv.Read())
        {
            ct.ThrowIfCancellationRequested();
            string person = csv.Text(0);
            string levelText = csv.Text(1);
            // One row per person: a repeated one makes the whole file suspect (FlowCsv.Duplicate).
            if (person.Length > 0 && !seen.TryAdd(person, csv.Line))
            {
                throw csv.Duplicate(0, person, seen[person]);
            }

            // The engine gives persons dead before the as-of date a row without level (counted apart).
            if (levelText.Length == 0 && csv.Raw(4).StartsWith("deceased:", StringComparison.Ordinal))
            {
                deceased++;
                continue;
            }

            string main = csv.Text(2);
            string[] pathologies = csv.Text(3).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string? error = null;
            int column = 0;
            if (!residents.ContainsKey(person))
            {
                (column, error) = (0, "persona non presente in anagrafe");
            }
            else if (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out int level) || level is < 1 or > 5)
            {
                (column, error) = (1, "livello atteso da 1 a 5");
            }
            else if (pathologies.FirstOrDefault(p => !catalogues.Pathologies.ContainsKey(p)) is { } unknown)
            {
                (column, error) = (3, $"patologia {unknown} non presente nel catalogo regionale");
            }
            else if (CareLevels.IsEligible(level) && main.Length == 0)
            {
                (column, error) = (2, $"al livello {level} serve la patologia principale");
            }
            else if (main.Length > 0 && !pathologies.Contains(main))
            {
                (column, error) = (2, "la patologia principale deve essere tra le patologie");
            }
            else
            {
                string evidence = csv.Raw(4);
                if (csv.Raw(5) is { Length: > 0 } approved)
                {
                    evidence = $"{evidence} || {approved}";
                }

                rows.Add((person, level, main.Length == 0 ? null : main, pathologies, evidence));
                continue;
            }

            rejected.Add(csv.Error(column, column == 3 ? string.Join('|', pathologies) : csv.Field(column), error));
        }

        await using var tx = await OwnTransactionAsync(ct);
        // The change set of a region is two statements over millions of rows: a batch, not a screen.
        Db.Database.SetCommandTimeout(BulkInsert.BatchTimeout);
        var run = new StratificationRun(stratifiedOn, source, Now(by)) { Persons = rows.Count };
        Db.Add(run);
        await Db.SaveChangesAsync(ct);
        // A region has millions of rows: COPY on PostgreSQL, not the change tracker.
        int done = 0;
        await using (var persons = await BulkInsert.StartAsync<StratifiedPerson>(Db, ct))
        {
            foreach (var r in rows)
            {
                await persons.WriteEntityAsync(new StratifiedPerson(run.Id, r.Person, r.Level, r.Main, r.Pathologies, r.Evidence)
                {
                    Ats = residents[r.Person].Ats,
                    MmgId = residents[r.Person].MmgId,
                }, ct);
                if (++done % 10_000 == 0)
                {
                    progress?.Invoke((double)done / rows.Count);
                }
            }

            await persons.CompleteAsync(ct);
        }

        int changes = await RecordChangesAsync(run.Id, ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        var perLevel = rows.GroupBy(r => r.Level).ToDictionary(g => g.Key, g => g.Count());
        return new LevelsImportResult(run.Id, rows.Count, rejected, perLevel, deceased) { Changes = changes };
    }

    /// <summary>
    /// Who moved into, out of or within levels 1–3 since the previous run, in two set statements
    /// (a region has millions of rows): persons of the new run whose level differs, then persons of
    /// the previous run the new one no longer has. Plain SQL that SQLite and PostgreSQL both run.
    /// </summary>
    private async Task<int> RecordChangesAsync(long runId, CancellationToken ct)
    {
        long? previous = await Db.Set<StratificationRun>().Where(r => r.Id < runId).MaxAsync(r => (long?)r.Id, ct);
        if (previous is null)
        {
            return 0;
        }

        int changed = await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO stratification_changes (run_id, previous_run_id, person_id, level_before, level_after, ats, mmg_id, main_pathology)
            SELECT n.run_id, {previous}, n.person_id, p.level, n.level, n.ats, n.mmg_id, COALESCE(n.main_pathology, p.main_pathology)
            FROM stratified_persons n
            LEFT JOIN stratified_persons p ON p.run_id = {previous} AND p.person_id = n.person_id
            WHERE n.run_id = {runId} AND (p.level IS NULL OR p.level <> n.level) AND (n.level <= 3 OR p.level <= 3)
            """, ct);
        changed += await Db.Database.ExecuteSqlAsync($"""
            INSERT INTO stratification_changes (run_id, previous_run_id, person_id, level_before, level_after, ats, mmg_id, main_pathology)
            SELECT {runId}, p.run_id, p.person_id, p.level, NULL, p.ats, p.mmg_id, p.main_pathology
            FROM stratified_persons p
            WHERE p.run_id = {previous} AND p.level <= 3
              AND NOT EXISTS (SELECT 1 FROM stratified_persons n WHERE n.run_id = {runId} AND n.person_id = p.person_id)
            """, ct);
        return changed;
    }

    /// <summary>
    /// Every resident's ATS and GP, copied into the run so that pyramids per territory and GP are
    /// counted on one index. Territory and GP codes repeat: one string instance each.
    /// </summary>
    private async Task<Dictionary<string, (string Ats, string? MmgId)>> TerritoriesOfResidentsAsync(CancellationToken ct)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string code) => codes.TryGetValue(code, out var same) ? same : codes[code] = code;
        var residents = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        await foreach (var r in Db.Residents.AsNoTracking().Select(r => new { r.Id, r.Ats, r.MmgId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            residents[r.Id] = (Shared(r.Ats), r.MmgId is null ? null : Shared(r.MmgId));
        }

        return residents;
    }
}
