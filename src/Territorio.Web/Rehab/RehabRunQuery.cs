using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Registry;
using Territorio.Data;
using Territorio.Data.Rehab;
using Territorio.Kernel.Organisations;
using Territorio.Web.Api;
using Territorio.Web.Security;

namespace Territorio.Web.Rehab;

/// <summary>
/// A run as one account may see it: an ATS sees the whole run of its territory; a structure
/// (<see cref="Scope"/>) only its own admissions in the runs of its ATS. <see cref="Totals"/> is
/// the "totale" indicator of that view.
/// </summary>
public sealed record RehabRunView(RehabRun Run, string? Scope, RehabRunIndicator Totals)
{
    public bool IsWholeRun => Scope is null;

    /// <summary>The structure of <see cref="Scope"/> by name ("Istituto … (030423)"); the code when the registry does not name it.</summary>
    public string? ScopeName { get; init; }

    /// <summary>The view's contested, confirmed and annulled verdicts (set when a run is opened, not in lists).</summary>
    public ContestCounts Contests { get; init; } = ContestCounts.None;
}

/// <summary>Filters of the verdicts table; null means any.</summary>
public sealed record RehabVerdictFilter(string? Structure, string? Verdict, int? Discipline, string? Level)
{
    public static readonly RehabVerdictFilter None = new(null, null, null, null);

    /// <summary>The structures a search by name matched (the web page's filter); null means any.</summary>
    public IReadOnlyList<string>? StructureAmong { get; init; }

    /// <summary>Reads the query-string values, naming each bad one in Italian.</summary>
    public static RehabVerdictFilter Parse(string? struttura, string? esito, string? disciplina, string? livello, ApiProblems.Validation validation)
    {
        string? verdict = Blank(esito);
        if (verdict is not null && !RehabLabels.VerdictCodes.Contains(verdict))
        {
            validation.Add("esito", $"esito \"{verdict}\" sconosciuto (ammessi: {string.Join(", ", RehabLabels.VerdictCodes)})");
        }

        int? discipline = null;
        if (Blank(disciplina) is { } d)
        {
            if (int.TryParse(d, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int code) && RehabLabels.Disciplines.Contains(code))
            {
                discipline = code;
            }
            else
            {
                validation.Add("disciplina", $"disciplina \"{d}\" non di riabilitazione (ammesse: 56, 28, 75)");
            }
        }

        string? level = Blank(livello);
        if (level is not null && !RehabLabels.Levels.Contains(level))
        {
            validation.Add("livello", $"livello \"{level}\" sconosciuto (ammessi: {string.Join(", ", RehabLabels.Levels)})");
        }

        return new RehabVerdictFilter(Blank(struttura), verdict, discipline, level);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed record RehabPage<T>(int Total, int Page, int PageSize, IReadOnlyList<T> Items)
{
    public bool HasNext => Page * PageSize < Total;
}

/// <summary>Reads the runs an account may see; a run outside its tenancy is simply not found.</summary>
public sealed class RehabRunQuery(TerritorioDbContext db, VerdictContests contests)
{
    public const int PageSize = 50;

    private IQueryable<RehabRunVerdict> Verdicts => db.Set<RehabRunVerdict>().AsNoTracking();

    public async Task<IReadOnlyList<RehabRunView>> ListAsync(Actor actor, CancellationToken ct)
    {
        string? scope = ScopeOf(actor);
        var runs = await db.Set<RehabRun>().AsNoTracking()
            .Where(r => r.Ats == actor.Ats)
            .OrderByDescending(r => r.UploadedAtUtc).ThenByDescending(r => r.Id)
            .Take(200)
            .ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var totals = await db.Set<RehabRunIndicator>().AsNoTracking()
            .Where(i => ids.Contains(i.RunId) && i.Scope == (scope ?? "") && i.Dimension == RehabPipelineAdapter.TotalDimension)
            .ToDictionaryAsync(i => i.RunId, ct);
        return [.. runs.Where(r => totals.ContainsKey(r.Id)).Select(r => new RehabRunView(r, scope, totals[r.Id]))];
    }

    /// <summary>The run if the account may see it: its ATS's, and for a structure only with admissions of its own.</summary>
    public async Task<RehabRunView?> OpenAsync(Actor actor, long runId, CancellationToken ct)
    {
        if (!actor.IsAts && !actor.IsStruttura)
        {
            return null;
        }

        var run = await db.Set<RehabRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId && r.Ats == actor.Ats, ct);
        if (run is null)
        {
            return null;
        }

        string? scope = ScopeOf(actor);
        var totals = await db.Set<RehabRunIndicator>().AsNoTracking()
            .SingleOrDefaultAsync(i => i.RunId == runId && i.Scope == (scope ?? "") && i.Dimension == RehabPipelineAdapter.TotalDimension, ct);
        if (totals is null)
        {
            return null;
        }

        var view = new RehabRunView(run, scope, totals)
        {
            ScopeName = scope is null ? null : (await PeopleNames.OrganisationsAsync(db, OrganisationKind.Struttura, [scope], ct)).GetValueOrDefault(scope, scope),
        };
        return view with { Contests = await contests.CountAsync(view, ct) };
    }

    public async Task<RehabPage<RehabRunVerdict>> VerdictsAsync(RehabRunView view, RehabVerdictFilter filter, int page, CancellationToken ct)
    {
        var query = Filtered(view, filter);
        int total = await query.CountAsync(ct);
        page = Math.Min(Paging.Clamp(page), Paging.LastPage(total, PageSize));
        var items = await query.OrderBy(v => v.Line).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new RehabPage<RehabRunVerdict>(total, page, PageSize, items);
    }

    /// <summary>One verdict of the view by its line in the file; null when not in the view (another structure's admission).</summary>
    public Task<RehabRunVerdict?> VerdictAsync(RehabRunView view, long line, CancellationToken ct) =>
        Filtered(view, RehabVerdictFilter.None).SingleOrDefaultAsync(v => v.Line == line, ct);

    /// <summary>Every verdict of the view in file order, streamed (downloads).</summary>
    public IAsyncEnumerable<RehabRunVerdict> AllVerdicts(RehabRunView view) =>
        Filtered(view, RehabVerdictFilter.None).OrderBy(v => v.Line).AsAsyncEnumerable();

    /// <summary>Rejected rows belong to the file, not to a structure: only the ATS's whole view has them.</summary>
    public async Task<RehabPage<RehabRunError>> ErrorsAsync(RehabRunView view, int page, CancellationToken ct)
    {
        if (!view.IsWholeRun)
        {
            return new RehabPage<RehabRunError>(0, 1, PageSize, []);
        }

        var query = db.Set<RehabRunError>().AsNoTracking().Where(e => e.RunId == view.Run.Id);
        int total = await query.CountAsync(ct);
        page = Math.Min(Paging.Clamp(page), Paging.LastPage(total, PageSize));
        var items = await query.OrderBy(e => e.Ordinal).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new RehabPage<RehabRunError>(total, page, PageSize, items);
    }

    public IAsyncEnumerable<RehabRunError> AllErrors(RehabRunView view) => view.IsWholeRun
        ? db.Set<RehabRunError>().AsNoTracking().Where(e => e.RunId == view.Run.Id).OrderBy(e => e.Ordinal).AsAsyncEnumerable()
        : AsyncEnumerable.Empty<RehabRunError>();

    public async Task<IReadOnlyList<RehabRunIndicator>> IndicatorsAsync(RehabRunView view, CancellationToken ct) =>
        await db.Set<RehabRunIndicator>().AsNoTracking()
            .Where(i => i.RunId == view.Run.Id && i.Scope == (view.Scope ?? ""))
            .OrderBy(i => i.Ordinal)
            .ToListAsync(ct);

    /// <summary>The structures of the view, for the structure filter.</summary>
    public async Task<IReadOnlyList<string>> StructuresAsync(RehabRunView view, CancellationToken ct) =>
        view.Scope is { } own
            ? [own]
            : await db.Set<RehabRunIndicator>().AsNoTracking()
                .Where(i => i.RunId == view.Run.Id && i.Scope == "" && i.Dimension == "struttura")
                .OrderBy(i => i.Ordinal).Select(i => i.Value).ToListAsync(ct);

    private static string? ScopeOf(Actor actor) => actor.IsAts ? null : actor.StructureId;

    private IQueryable<RehabRunVerdict> Filtered(RehabRunView view, RehabVerdictFilter filter)
    {
        var query = Verdicts.Where(v => v.RunId == view.Run.Id);
        if (view.Scope is { } own)
        {
            query = query.Where(v => v.StructureId == own);
        }

        if (filter.Structure is { } structure)
        {
            query = query.Where(v => v.StructureId == structure);
        }

        if (filter.StructureAmong is { } among)
        {
            query = query.Where(v => among.Contains(v.StructureId));
        }

        if (filter.Verdict is { } verdict)
        {
            query = query.Where(v => v.Verdict == verdict);
        }

        if (filter.Discipline is { } discipline)
        {
            query = query.Where(v => v.Discipline == discipline);
        }

        if (filter.Level is { } level)
        {
            string stored = level == RehabLabels.NoLevel ? "" : level;
            query = query.Where(v => v.Level == stored);
        }

        return query;
    }
}
