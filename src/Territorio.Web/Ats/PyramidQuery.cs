using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Flows.Stratification;
using Territorio.Stratification.Engine;
using StratificationRun = Territorio.CareManagement.Eligibility.StratificationRun;

namespace Territorio.Web.Ats;

/// <summary>One level of a pyramid beside the seed's reference shape.</summary>
/// <param name="ReferencePerGp">For a GP: the seed's patients per GP at this level (20/200/300/450/530).</param>
public sealed record PyramidLevel(int Level, string Name, bool Chronic, long Persons, double Share, double ReferenceShare, long? ReferencePerGp);

/// <summary>
/// The demand pyramid of a territory or of one GP (DGR X/6164/2017, classificazione della
/// domanda) in the latest imported stratification, with the level in force after the Commission's
/// reclassifications. Aggregates only: no patient is named.
/// </summary>
public sealed record PyramidView(
    string Ats,
    string? MmgId,
    long RunId,
    DateOnly StratifiedOn,
    long Persons,
    long Chronic,
    long NotChronic,
    int Reclassified,
    IReadOnlyList<PyramidLevel> Levels)
{
    /// <summary>The ATS by name beside its code ("ATS della Città Metropolitana di Milano").</summary>
    public string? AtsName { get; init; }

    public static PyramidView Of(string ats, string? mmgId, StratificationRun run, Pyramid.Counts counts, int reclassified)
    {
        // The seed's shape: Lombardy's persons per level for a territory, patients per GP for a GP.
        var reference = mmgId is null ? Pyramid.ReferenceLombardy : Pyramid.ReferencePerGp;
        var levels = Enumerable.Range(1, 5).Select(level => new PyramidLevel(
            level,
            PyramidReportWriter.LevelNames[level - 1],
            CareLevels.IsEligible(level),
            counts[level],
            counts.Share(level),
            Pyramid.ReferenceShare(reference, level),
            mmgId is null ? null : Pyramid.ReferencePerGp[level - 1])).ToList();
        return new PyramidView(ats, mmgId, run.Id, run.StratifiedOn, counts.Living,
            levels.Where(l => l.Chronic).Sum(l => l.Persons), levels.Where(l => !l.Chronic).Sum(l => l.Persons), reclassified, levels);
    }
}

/// <summary>A GP of the territory with the persons per level 1–5 of their pyramid.</summary>
public sealed record GpPyramidRow(string MmgId, long Persons, IReadOnlyList<long> PerLevel);

/// <summary>The territory's pyramid and the list of its GPs, each with their own counts.</summary>
public sealed record TerritoryPyramid(PyramidView Territory, IReadOnlyList<GpPyramidRow> Gps);

/// <summary>The pyramids an ATS sees: always of its own territory, never of another.</summary>
public sealed class PyramidQuery(TerritorioDbContext db, TerritoryLevels levels, CareCatalogues catalogues)
{
    public Task<StratificationRun?> LatestRunAsync(CancellationToken ct) => ClassificationQueries.LatestRunAsync(db, ct);

    public async Task<TerritoryPyramid> TerritoryAsync(StratificationRun run, string ats, CancellationToken ct)
    {
        var counts = await levels.CountAsync(run, ats, null, null, ct);
        var gps = counts.ByMmg
            .Where(g => g.Key.Length > 0)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GpPyramidRow(g.Key, g.Value.Living, [.. Enumerable.Range(1, 5).Select(level => g.Value[level])]))
            .ToList();
        return new TerritoryPyramid(PyramidView.Of(ats, null, run, counts.Total, counts.Reclassified) with { AtsName = catalogues.AtsName(ats) }, gps);
    }

    /// <summary>A GP is of the territory when residents of the ATS have chosen them.</summary>
    public Task<bool> IsGpOfTerritoryAsync(string ats, string mmgId, CancellationToken ct) =>
        db.Residents.AnyAsync(r => r.Ats == ats && r.MmgId == mmgId, ct);

    public async Task<PyramidView> GpAsync(StratificationRun run, string ats, string mmgId, CancellationToken ct)
    {
        var counts = await levels.CountAsync(run, ats, mmgId, null, ct);
        return PyramidView.Of(ats, mmgId, run, counts.Total, counts.Reclassified) with { AtsName = catalogues.AtsName(ats) };
    }
}
