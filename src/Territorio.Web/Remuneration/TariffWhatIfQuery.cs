using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Remuneration;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Remuneration.Tariffs;
using Territorio.Remuneration.WhatIf;
using Territorio.Remuneration.Yearly;
using Territorio.Stratification.Engine;
using Territorio.Web.Care;
using StratificationRun = Territorio.CareManagement.Eligibility.StratificationRun;

namespace Territorio.Web.Remuneration;

/// <summary>One row of a what-if table: the group's code, the name a person reads, today and simulated.</summary>
public sealed record WhatIfRow(string Key, string Name, ComparisonRow Money);

/// <summary>The ATS's what-if for a year over its own territory: levels of the population and money, today and simulated.</summary>
public sealed record TariffWhatIf(
    int Year,
    string Ats,
    StratificationRun? Run,
    LevelSimulation Levels,
    TariffSimulation Money,
    IReadOnlyList<WhatIfRow> ByPathology,
    IReadOnlyList<WhatIfRow> ByLevel,
    IReadOnlyList<WhatIfRow> ByGestore,
    IReadOnlyList<WhatIfRow> ByMmg);

/// <summary>
/// Runs the tariff what-if and the level-threshold simulation of one ATS: the latest stratification
/// run's persons of the territory, grouped by level and pathology count, and the year's pact
/// periods, paid today and under the candidate catalogue and thresholds. Reads only; nothing is
/// written (the real levels and payments stay as they are).
/// </summary>
public sealed class TariffWhatIfQuery(TerritorioDbContext db, RemunerationSettings settings)
{
    /// <summary>Null when a catalogue does not cover the whole year (nothing can be paid with it).</summary>
    public async Task<TariffWhatIf?> RunAsync(int year, string ats, TariffCatalogue candidate, LevelThresholds thresholds, CancellationToken ct)
    {
        if (!CoversYear(settings.Catalogue, year) || !CoversYear(candidate, year))
        {
            return null;
        }

        var run = await ClassificationQueries.LatestRunAsync(db, ct);
        var groups = run is null ? [] : await PopulationAsync(run, ats, ct);
        var levels = LevelSimulation.Run(groups, thresholds);

        var periods = await new CarePactPeriodSource(db).ReadYearAsync(year, ats, ct);
        var classifications = await ClassificationQueries.EffectiveOfAsync(db, run, [.. periods.Select(p => p.PatientId)], ct);
        var money = TariffSimulation.Run(periods, settings.Catalogue, candidate, year, new RemunerationOptions { PaiFee = settings.PaiFee },
            p => classifications.TryGetValue(p.PatientId, out var c) ? levels.SimulatedLevel(p.Level, PathologyCount(c.Pathologies)) : p.Level);

        var gestori = await PeopleNames.GestoriAsync(db, money.ByGestore.Select(r => r.Key), ct);
        var mmgIds = money.ByMmg.Select(r => r.Key).Where(k => k != TariffSimulation.NoMmg).ToList();
        var doctors = await db.GeneralPractitioners.AsNoTracking().Where(g => mmgIds.Contains(g.Id)).ToListAsync(ct);
        var doctorNames = doctors.ToDictionary(d => d.Id, d => $"{d.DisplayName} ({d.Id})", StringComparer.Ordinal);
        return new TariffWhatIf(
            year,
            ats,
            run,
            levels,
            money,
            Named(money.ByPathology, k => $"{settings.Pathologies.NameOf(int.Parse(k, System.Globalization.CultureInfo.InvariantCulture))} ({k})"),
            Named(money.ByLevel, k => $"livello {k}"),
            Named(money.ByGestore, k => gestori.GetValueOrDefault(k, k)),
            Named(money.ByMmg, k => k == TariffSimulation.NoMmg ? "senza MMG" : doctorNames.GetValueOrDefault(k, k)));
    }

    /// <summary>Chronic pathologies of a classification ('|'-separated codes).</summary>
    public static int PathologyCount(string pathologies) =>
        pathologies.Length == 0 ? 0 : pathologies.AsSpan().Count('|') + 1;

    private static bool CoversYear(TariffCatalogue catalogue, int year) =>
        catalogue.Info.Covers(new DateOnly(year, 1, 1)) && catalogue.Info.Covers(new DateOnly(year, 12, 31));

    private async Task<List<LevelGroup>> PopulationAsync(StratificationRun run, string ats, CancellationToken ct)
    {
        // Counted in the database: separators per row, so a territory of a million is one GROUP BY.
        var rows = await db.Set<StratifiedPerson>().AsNoTracking()
            .Where(p => p.RunId == run.Id && p.Ats == ats)
            .GroupBy(p => new { p.Level, Empty = p.Pathologies == "", Separators = p.Pathologies.Length - p.Pathologies.Replace("|", "").Length })
            .Select(g => new { g.Key.Level, g.Key.Empty, g.Key.Separators, Persons = g.LongCount() })
            .ToListAsync(ct);
        return [.. rows.Select(r => new LevelGroup(r.Level, r.Empty ? 0 : r.Separators + 1, r.Persons))];
    }

    private static List<WhatIfRow> Named(IEnumerable<ComparisonRow> rows, Func<string, string> name) =>
        [.. rows.Select(r => new WhatIfRow(r.Key, name(r.Key), r))];
}
