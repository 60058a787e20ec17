using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Data.Security;
using Territorio.Kernel.Population;

namespace Territorio.Web.Security;

/// <summary>
/// The only way the web application reads a patient: decides whether the caller may see the
/// patient (an ATS its territory, a GP its assistiti, a patient only themself, a Gestore the
/// patients of its active pacts, an erogatore the patients it has bookings for) and writes every read — and every refused attempt — to the access log.
/// </summary>
public sealed class PatientAccess(TerritorioDbContext db, TimeProvider clock)
{
    /// <summary>Residents the actor may see (never widened by the caller's input).</summary>
    public IQueryable<Resident> VisibleTo(Actor actor) => db.Residents.Where(VisibilityOf(actor));

    /// <summary>The patient if visible to the actor, else null; logs the attempt either way.</summary>
    public async Task<Resident?> OpenAsync(Actor actor, string patientId, string resource, CancellationToken cancellationToken)
    {
        var patient = await VisibleTo(actor).AsNoTracking().FirstOrDefaultAsync(r => r.Id == patientId, cancellationToken);
        string? patientAts = patient?.Ats
            ?? await db.Residents.Where(r => r.Id == patientId).Select(r => r.Ats).FirstOrDefaultAsync(cancellationToken);
        await AccessLog.AppendAsync(db, [Entry(actor, patientId, patientAts, resource, granted: patient is not null)], cancellationToken);
        return patient;
    }

    /// <summary>Logs a read of several patients at once (a list showing their data).</summary>
    public async Task RecordListAsync(Actor actor, IEnumerable<Resident> patients, string resource, CancellationToken cancellationToken)
    {
        await AccessLog.AppendAsync(db, [.. patients.Select(p => Entry(actor, p.Id, p.Ats, resource, granted: true))], cancellationToken);
    }

    /// <summary>Logs the patients a screen showed by id (those visible to the actor; others are not shown).</summary>
    public async Task RecordShownAsync(Actor actor, IEnumerable<string> patientIds, string resource, CancellationToken cancellationToken)
    {
        var ids = patientIds.Distinct().ToList();
        var shown = await VisibleTo(actor).Where(r => ids.Contains(r.Id)).AsNoTracking().ToListAsync(cancellationToken);
        await RecordListAsync(actor, shown, resource, cancellationToken);
    }

    /// <summary>The GP's own assistiti (at most <paramref name="limit"/>), logged as read.</summary>
    public async Task<List<Resident>> MmgPatientsAsync(Actor actor, int limit, string resource, CancellationToken cancellationToken)
    {
        var patients = await VisibleTo(actor).Where(r => r.MmgId == actor.MmgId)
            .OrderBy(r => r.Id).Take(limit).AsNoTracking().ToListAsync(cancellationToken);
        await RecordListAsync(actor, patients, resource, cancellationToken);
        return patients;
    }

    private PatientAccessEntry Entry(Actor actor, string patientId, string? patientAts, string resource, bool granted) => new()
    {
        AtUtc = clock.GetUtcNow().UtcDateTime,
        UserName = actor.UserName,
        Roles = actor.RolesText,
        PatientId = patientId.Length > 32 ? patientId[..32] : patientId,
        PatientAts = patientAts,
        Resource = resource.Length > 256 ? resource[..256] : resource,
        Granted = granted,
    };

    private Expression<Func<Resident, bool>> VisibilityOf(Actor actor)
    {
        // Territory first: nobody sees a resident of another ATS.
        string ats = actor.Ats;
        bool wholeTerritory = actor.IsAts;
        string? mmg = actor.IsMmg ? actor.MmgId : null;
        string? person = actor.IsPatient ? actor.PersonId : null;
        string? gestore = actor.IsGestore ? actor.GestoreId : null;
        string? erogatore = actor.IsErogatore ? actor.ErogatoreId : null;
        var pacts = db.Set<PattoDiCura>();
        var bookings = db.Set<Booking>();
        return r => r.Ats == ats && (wholeTerritory
            || (mmg != null && r.MmgId == mmg)
            || (person != null && r.Id == person)
            || (gestore != null && pacts.Any(p => p.PatientId == r.Id && p.GestoreId == gestore && p.Status == PactStatus.Active))
            || (erogatore != null && bookings.Any(b => b.PatientId == r.Id && b.ErogatoreId == erogatore)));
    }
}
