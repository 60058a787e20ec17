using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Data.Queries;
using Territorio.Data.Security;
using Territorio.Kernel.Population;

namespace Territorio.Web.Security;

/// <summary>
/// The only way the web application reads a patient: decides whether the caller may see the
/// patient (an ATS its territory, a GP its assistiti, a patient only themself, a Gestore the
/// patients of its active pacts, an erogatore the patients it has bookings for) and writes every read — and every refused attempt — to the access log.
/// </summary>
public sealed class PatientAccess(TerritorioDbContext db, TimeProvider clock, AccessLogWriter log)
{
    /// <summary>
    /// Who sees a resident, on the actor's keys (null: the actor has no such role). Territory
    /// first: nobody sees a resident of another ATS.
    /// </summary>
    private static readonly Expression<Func<TerritorioDbContext, Resident, string, bool, string?, string?, string?, string?, bool>> Visible =
        (db, r, ats, wholeTerritory, mmg, person, gestore, erogatore) => r.Ats == ats && (wholeTerritory
            || (mmg != null && r.MmgId == mmg)
            || (person != null && r.Id == person)
            || (gestore != null && db.Set<PattoDiCura>().Any(p => p.PatientId == r.Id && p.GestoreId == gestore && p.Status == PactStatus.Active))
            || (erogatore != null && db.Set<Booking>().Any(b => b.PatientId == r.Id && b.ErogatoreId == erogatore)));

    private static readonly Expression<Func<TerritorioDbContext, Resident, bool>> NothingAlongside = (_, _) => true;

    /// <summary>The Gestore's active pact with the resident: a Gestore reads a record only under it (DGR X/6164/2017: the pact is the act of taking in charge).</summary>
    private static readonly Expression<Func<TerritorioDbContext, Resident, string?, long?>> PactOf =
        (db, r, gestore) => gestore == null ? (long?)null
            : db.Set<PattoDiCura>().Where(p => p.PatientId == r.Id && p.GestoreId == gestore && p.Status == PactStatus.Active).Select(p => (long?)p.Id).FirstOrDefault();

    /// <summary>Residents the actor may see (never widened by the caller's input).</summary>
    public IQueryable<Resident> VisibleTo(Actor actor)
    {
        var viewer = Viewer.Of(actor);
        var context = db;
        return db.Residents.Where(Inlined.Expand<Func<Resident, bool>>(
            r => Inlined.Call(Visible, context, r, viewer.Ats, viewer.WholeTerritory, viewer.Mmg, viewer.Person, viewer.Gestore, viewer.Erogatore)));
    }

    /// <summary>The patient if visible to the actor, else null; logs the attempt either way.</summary>
    public async Task<Resident?> OpenAsync(Actor actor, string patientId, string resource, CancellationToken cancellationToken) =>
        (await OpenAsync(actor, patientId, resource, NothingAlongside, cancellationToken))?.Patient;

    /// <summary>
    /// As <see cref="OpenAsync(Actor, string, string, CancellationToken)"/>, with <paramref name="alongside"/> of
    /// the patient read in the same statement: a screen that needs more of the database (e.g. the
    /// version of the patient's record) saves a round trip on every view. The query is compiled
    /// once per <paramref name="alongside"/> (a static expression: it may use only the context and
    /// the resident), since building it cost more than running it.
    /// </summary>
    public async Task<Opened<T>?> OpenAsync<T>(Actor actor, string patientId, string resource, Expression<Func<TerritorioDbContext, Resident, T>> alongside, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var viewer = Viewer.Of(actor);
        var open = (Func<TerritorioDbContext, string, bool, string?, string?, string?, string?, string, Task<Opened<T>?>>)OpenQueries.GetOrAdd(
            (db.GetType(), alongside), static key => EF.CompileAsyncQuery(OpenQuery((Expression<Func<TerritorioDbContext, Resident, T>>)key.Alongside)));
        var opened = await open(db, viewer.Ats, viewer.WholeTerritory, viewer.Mmg, viewer.Person, viewer.Gestore, viewer.Erogatore, patientId);
        string? patientAts = opened?.Patient.Ats
            ?? await db.Residents.Where(r => r.Id == patientId).Select(r => r.Ats).FirstOrDefaultAsync(cancellationToken);
        await log.AppendAsync([Entry(actor, patientId, patientAts, resource, granted: opened is not null, opened?.PactId)]);
        return opened;
    }

    /// <summary>Compiled per provider's context (a compiled query serves one model) and per expression read alongside.</summary>
    private static readonly ConcurrentDictionary<(Type Context, LambdaExpression Alongside), Delegate> OpenQueries = new();

    /// <summary>Compiled per provider's context: a list screen (the worklist) logs what it shows on every view.</summary>
    private static readonly ConcurrentDictionary<Type, Delegate> ShownQueries = new();

    /// <summary>The residents of a list by id, each with whether the actor may see them and the Gestore's pact with them.</summary>
    private static readonly Expression<Func<TerritorioDbContext, string, bool, string?, string?, string?, string?, string[], IQueryable<Shown>>> ShownQuery =
        Inlined.Expand<Func<TerritorioDbContext, string, bool, string?, string?, string?, string?, string[], IQueryable<Shown>>>(
            (db, ats, wholeTerritory, mmg, person, gestore, erogatore, ids) => db.Residents.AsNoTracking()
                .Where(r => ids.Contains(r.Id))
                .Select(r => new Shown(r, Inlined.Call(Visible, db, r, ats, wholeTerritory, mmg, person, gestore, erogatore), Inlined.Call(PactOf, db, r, gestore))));

    private static Expression<Func<TerritorioDbContext, string, bool, string?, string?, string?, string?, string, Opened<T>?>> OpenQuery<T>(Expression<Func<TerritorioDbContext, Resident, T>> alongside) =>
        Inlined.Expand<Func<TerritorioDbContext, string, bool, string?, string?, string?, string?, string, Opened<T>?>>(
            (db, ats, wholeTerritory, mmg, person, gestore, erogatore, id) => db.Residents.AsNoTracking()
                .Where(r => Inlined.Call(Visible, db, r, ats, wholeTerritory, mmg, person, gestore, erogatore) && r.Id == id)
                .Select(r => new Opened<T>(r, Inlined.Call(alongside, db, r), Inlined.Call(PactOf, db, r, gestore)))
                .FirstOrDefault());

    /// <summary>Logs a read of several patients at once (a list showing their data).</summary>
    public async Task RecordListAsync(Actor actor, IEnumerable<Resident> patients, string resource, CancellationToken cancellationToken)
    {
        var list = patients.ToList();
        var pacts = new Dictionary<string, long>();
        if (actor.IsGestore && list.Count > 0)
        {
            var ids = list.Select(p => p.Id).ToList();
            pacts = await db.Set<PattoDiCura>().AsNoTracking()
                .Where(p => ids.Contains(p.PatientId) && p.GestoreId == actor.GestoreId && p.Status == PactStatus.Active)
                .Select(p => new { p.PatientId, p.Id })
                .ToDictionaryAsync(p => p.PatientId, p => p.Id, cancellationToken);
        }

        await log.AppendAsync([.. list.Select(p => Entry(actor, p.Id, p.Ats, resource, granted: true, pacts.TryGetValue(p.Id, out long pact) ? pact : null))]);
    }

    /// <summary>Logs a look-up that found the resident but was refused (nothing of them was shown): the ATS sees who looked for whom.</summary>
    public async Task RecordRefusedAsync(Actor actor, Resident patient, string resource) =>
        await log.AppendAsync([Entry(actor, patient.Id, patient.Ats, resource, granted: false)]);

    /// <summary>Logs the patients a screen showed by id (those visible to the actor; others are not shown).</summary>
    public async Task RecordShownAsync(Actor actor, IEnumerable<string> patientIds, string resource, CancellationToken cancellationToken) =>
        await ReadShownAsync(actor, patientIds, resource, cancellationToken);

    /// <summary>
    /// The residents a list shows, by id, for their names, and the log of those visible to the actor,
    /// in one statement: the check and the Gestore's pact come with the rows (a worklist view used to
    /// read the residents and then check them, two statements and a lookup per row for the pact).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Resident>> ReadShownAsync(Actor actor, IEnumerable<string> patientIds, string resource, CancellationToken cancellationToken)
    {
        var viewer = Viewer.Of(actor);
        var read = (Func<TerritorioDbContext, string, bool, string?, string?, string?, string?, string[], IAsyncEnumerable<Shown>>)ShownQueries.GetOrAdd(
            db.GetType(), static _ => EF.CompileAsyncQuery(ShownQuery));
        var residents = new Dictionary<string, Resident>(StringComparer.Ordinal);
        var entries = new List<PatientAccessEntry>();
        await foreach (var shown in read(db, viewer.Ats, viewer.WholeTerritory, viewer.Mmg, viewer.Person, viewer.Gestore, viewer.Erogatore, [.. patientIds.Distinct()]).WithCancellation(cancellationToken))
        {
            residents[shown.Patient.Id] = shown.Patient;
            if (shown.Visible)
            {
                entries.Add(Entry(actor, shown.Patient.Id, shown.Patient.Ats, resource, granted: true, shown.PactId));
            }
        }

        await log.AppendAsync(entries);
        return residents;
    }

    /// <summary>The GP's own assistiti (at most <paramref name="limit"/>), logged as read.</summary>
    public async Task<List<Resident>> MmgPatientsAsync(Actor actor, int limit, string resource, CancellationToken cancellationToken)
    {
        var patients = await VisibleTo(actor).Where(r => r.MmgId == actor.MmgId)
            .OrderBy(r => r.Id).Take(limit).AsNoTracking().ToListAsync(cancellationToken);
        await RecordListAsync(actor, patients, resource, cancellationToken);
        return patients;
    }

    private PatientAccessEntry Entry(Actor actor, string patientId, string? patientAts, string resource, bool granted, long? pactId = null) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime,
        UserName = actor.UserName,
        Roles = actor.RolesText,
        PatientId = patientId.Length > 32 ? patientId[..32] : patientId,
        PatientAts = patientAts,
        Resource = resource.Length > 256 ? resource[..256] : resource,
        Granted = granted,
        PactId = pactId,
    };

    /// <summary>A patient a list showed, whether the actor may see them, and the Gestore's pact with them.</summary>
    private sealed record Shown(Resident Patient, bool Visible, long? PactId);
}

/// <summary>A patient the caller may see, with what was read alongside and, for a Gestore, the pact it reads under.</summary>
public sealed record Opened<T>(Resident Patient, T Alongside, long? PactId);

/// <summary>The keys of an actor that decide what it sees (null: no such role).</summary>
internal sealed record Viewer(string Ats, bool WholeTerritory, string? Mmg, string? Person, string? Gestore, string? Erogatore)
{
    public static Viewer Of(Actor actor) => new(
        actor.Ats,
        actor.IsAts,
        actor.IsMmg ? actor.MmgId : null,
        actor.IsPatient ? actor.PersonId : null,
        actor.IsGestore ? actor.GestoreId : null,
        actor.IsErogatore ? actor.ErogatoreId : null);
}
