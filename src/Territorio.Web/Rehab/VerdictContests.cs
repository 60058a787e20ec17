using Microsoft.EntityFrameworkCore;
using Territorio.Data;
using Territorio.Data.Rehab;
using Territorio.Rehab.Contests;
using Territorio.Web.Security;

namespace Territorio.Web.Rehab;

/// <summary>How many of a view's verdicts are contested, confirmed and annulled (the run's figures).</summary>
public sealed record ContestCounts(int Open, int Confirmed, int Annulled)
{
    public static readonly ContestCounts None = new(0, 0, 0);

    public int Total => Open + Confirmed + Annulled;
}

/// <summary>
/// Contests of rehab verdicts (decision 0200), one door for the pages, the API and the run's
/// exports: a structure contests its own admissions' verdicts, the ATS of the run decides. The
/// tenancy is the run's (<see cref="RehabRunQuery.OpenAsync"/>): what the account cannot see, it
/// can neither contest nor decide. The rules themselves live in <see cref="VerdictContest"/>.
/// </summary>
public sealed class VerdictContests(TerritorioDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    private IQueryable<VerdictContest> Contests => db.Set<VerdictContest>().AsNoTracking();

    /// <summary>The contest of one verdict, if any.</summary>
    public Task<VerdictContest?> OfVerdictAsync(RehabRunView view, long line, CancellationToken ct) =>
        Contests.SingleOrDefaultAsync(c => c.RunId == view.Run.Id && c.Line == line, ct);

    /// <summary>The contests of the view's verdicts by line (the run's exports).</summary>
    public async Task<IReadOnlyDictionary<long, VerdictContest>> OfRunAsync(RehabRunView view, CancellationToken ct) =>
        await InView(view).ToDictionaryAsync(c => c.Line, ct);

    public async Task<ContestCounts> CountAsync(RehabRunView view, CancellationToken ct)
    {
        var counts = await InView(view).GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(ContestState state) => counts.FirstOrDefault(c => c.Key == state)?.Count ?? 0;
        return new ContestCounts(Of(ContestState.Contested), Of(ContestState.Confirmed), Of(ContestState.Annulled));
    }

    /// <summary>The structure contests the verdict on its admission at <paramref name="line"/>.</summary>
    public async Task<VerdictContest> OpenAsync(Actor actor, RehabRunView view, RehabRunVerdict verdict, string? note, CancellationToken ct)
    {
        if (!actor.IsStruttura)
        {
            throw new ContestRefusedException("giudizio", "contesta un giudizio solo la struttura del ricovero; l'ATS decide le contestazioni", conflict: true);
        }

        var existing = await OfVerdictAsync(view, verdict.Line, ct);
        var contest = VerdictContest.Open(
            new ContestedVerdict(view.Run.Id, verdict.Line, verdict.RecordId, verdict.StructureId, view.Run.Ats),
            existing, actor.StructureId!, actor.Witness, clock.GetUtcNow().UtcDateTime, note ?? "");
        db.Add(contest);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two contests of the same verdict at once: the unique index keeps the first.
            db.Entry(contest).State = EntityState.Detached;
            throw new ContestRefusedException("giudizio", $"il giudizio sul ricovero {verdict.RecordId} è già contestato", conflict: true);
        }

        return contest;
    }

    /// <summary>The ATS decides: <paramref name="outcome"/> "confermato" or "annullato" (with a reason).</summary>
    public async Task<VerdictContest> DecideAsync(Actor actor, RehabRunView view, long line, string? outcome, string? reason, CancellationToken ct)
    {
        if (!actor.IsAts)
        {
            throw new ContestRefusedException("giudizio", "decide una contestazione solo l'ATS del territorio della struttura", conflict: true);
        }

        var contest = await db.Set<VerdictContest>().SingleOrDefaultAsync(c => c.RunId == view.Run.Id && c.Line == line, ct)
            ?? throw new ContestRefusedException("giudizio", "il giudizio non è contestato: non c'è nulla da decidere", conflict: true);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (VerdictContest.Parse(outcome))
        {
            case ContestState.Confirmed:
                contest.Confirm(actor.Ats, actor.Witness, now, reason);
                break;
            case ContestState.Annulled:
                contest.Annul(actor.Ats, actor.Witness, now, reason ?? "");
                break;
            default:
                throw new ContestRefusedException("esito", "esito della decisione obbligatorio: \"confermato\" (il giudizio resta) o \"annullato\" (il giudizio è messo da parte)", conflict: false);
        }

        await db.SaveChangesAsync(ct);
        return contest;
    }

    /// <summary>
    /// The contests the account sees, newest first: an ATS those of its runs, a structure its own.
    /// <paramref name="structures"/> (codes) and <paramref name="state"/> filter; null means any.
    /// </summary>
    public async Task<RehabPage<VerdictContest>> ListAsync(Actor actor, IReadOnlyList<string>? structures, ContestState? state, int page, CancellationToken ct)
    {
        var query = Visible(actor);
        if (structures is not null)
        {
            query = query.Where(c => structures.Contains(c.StructureId));
        }

        if (state is { } s)
        {
            query = query.Where(c => c.State == s);
        }

        int total = await query.CountAsync(ct);
        page = Math.Min(Paging.Clamp(page), Paging.LastPage(total, PageSize));
        var items = await query.OrderByDescending(c => c.OpenedAtUtc).ThenByDescending(c => c.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new RehabPage<VerdictContest>(total, page, PageSize, items);
    }

    /// <summary>The structures that have contests the account sees (the list's filter).</summary>
    public async Task<IReadOnlyList<string>> StructuresAsync(Actor actor, CancellationToken ct) =>
        await Visible(actor).Select(c => c.StructureId).Distinct().OrderBy(s => s).ToListAsync(ct);

    private IQueryable<VerdictContest> Visible(Actor actor) =>
        actor.IsAts ? Contests.Where(c => c.Ats == actor.Ats)
        : actor.IsStruttura ? Contests.Where(c => c.Ats == actor.Ats && c.StructureId == actor.StructureId)
        : Contests.Where(_ => false);

    private IQueryable<VerdictContest> InView(RehabRunView view) =>
        view.Scope is { } own
            ? Contests.Where(c => c.RunId == view.Run.Id && c.StructureId == own)
            : Contests.Where(c => c.RunId == view.Run.Id);
}

/// <summary>Italian words for a contest's state.</summary>
public static class ContestLabels
{
    public static readonly IReadOnlyList<string> Codes = ["contestato", "confermato", "annullato"];

    public static string Of(ContestState state) => state switch
    {
        ContestState.Contested => "contestato, in attesa della decisione dell'ATS",
        ContestState.Confirmed => "giudizio confermato dall'ATS",
        _ => "giudizio annullato dall'ATS",
    };
}
