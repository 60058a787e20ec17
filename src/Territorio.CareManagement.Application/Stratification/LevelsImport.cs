using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sylvan.Data.Csv;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Kernel.Errors;

namespace Territorio.CareManagement.Application.Stratification;

public sealed record LevelsImportResult(long RunId, int Imported, IReadOnlyList<InputError> Rejected, IReadOnlyDictionary<int, int> PerLevel, int Deceased = 0);

/// <summary>
/// Imports the stratification engine's <c>levels.csv</c> (<c>person_id, level, main_pathology,
/// pathologies, evidence</c>, optionally <c>reclassification</c>, kept with the evidence; pathologies
/// are codes of the regional catalogue, '|'-separated) as a
/// new stratification run. Valid rows are stored in one transaction; every rejected row is reported.
/// </summary>
public sealed class LevelsImport(TerritorioDbContext db, TimeProvider clock, CareCatalogues catalogues) : CareService(db, clock)
{
    private static readonly string[] Columns = ["person_id", "level", "main_pathology", "pathologies", "evidence"];

    public async Task<LevelsImportResult> ImportAsync(TextReader input, string source, DateOnly stratifiedOn, Actor by, Action<double>? progress, CancellationToken ct)
    {
        using var reader = await CsvDataReader.CreateAsync(input, new CsvDataReaderOptions { HasHeaders = true }, ct);
        var ordinals = Columns.ToDictionary(c => c, c => reader.GetOrdinal(c) is var o && o >= 0
            ? o
            : throw new InputDataException(new InputError(source, 1, c, "", "colonna mancante (attese: " + string.Join(", ", Columns) + ")")));

        int reclassification = Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => reader.GetName(i) == "reclassification", -1);
        var residents = await TerritoriesOfResidentsAsync(ct);
        var rejected = new List<InputError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(string Person, int Level, string? Main, string[] Pathologies, string Evidence)>();
        long line = 1;
        int deceased = 0;
        while (await reader.ReadAsync(ct))
        {
            line++;
            string person = reader.GetString(ordinals["person_id"]).Trim();
            string levelText = reader.GetString(ordinals["level"]).Trim();
            // The engine gives persons dead before the as-of date a row without level (counted apart).
            if (levelText.Length == 0 && reader.GetString(ordinals["evidence"]).StartsWith("deceased:", StringComparison.Ordinal))
            {
                deceased++;
                continue;
            }

            string main = reader.GetString(ordinals["main_pathology"]).Trim();
            string[] pathologies = reader.GetString(ordinals["pathologies"]).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string? error = null;
            string field = "";
            if (!residents.ContainsKey(person))
            {
                (field, error) = ("person_id", "persona non presente in anagrafe");
            }
            else if (!seen.Add(person))
            {
                (field, error) = ("person_id", "persona ripetuta nel file");
            }
            else if (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out int level) || level is < 1 or > 5)
            {
                (field, error) = ("level", "livello atteso da 1 a 5");
            }
            else if (pathologies.FirstOrDefault(p => !catalogues.Pathologies.ContainsKey(p)) is { } unknown)
            {
                (field, error) = ("pathologies", $"patologia {unknown} non presente nel catalogo regionale");
            }
            else if (CareLevels.IsEligible(level) && main.Length == 0)
            {
                (field, error) = ("main_pathology", $"al livello {level} serve la patologia principale");
            }
            else if (main.Length > 0 && !pathologies.Contains(main))
            {
                (field, error) = ("main_pathology", "la patologia principale deve essere tra le patologie");
            }
            else
            {
                string evidence = reader.GetString(ordinals["evidence"]);
                if (reclassification >= 0 && reader.GetString(reclassification) is { Length: > 0 } approved)
                {
                    evidence = $"{evidence} || {approved}";
                }

                rows.Add((person, level, main.Length == 0 ? null : main, pathologies, evidence));
                continue;
            }

            string value = field switch { "level" => levelText, "main_pathology" => main, "pathologies" => string.Join('|', pathologies), _ => person };
            rejected.Add(new InputError(source, line, field, value, error));
        }

        await using var tx = await OwnTransactionAsync(ct);
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

        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        var perLevel = rows.GroupBy(r => r.Level).ToDictionary(g => g.Key, g => g.Count());
        return new LevelsImportResult(run.Id, rows.Count, rejected, perLevel, deceased);
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
