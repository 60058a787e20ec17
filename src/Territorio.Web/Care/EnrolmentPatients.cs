using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Security;

namespace Territorio.Web.Care;

/// <summary>
/// How the Gestore's operator finds the patient who signs a Patto di Cura
/// (docs/decisions/0240-enrolment-finds-the-patient-by-name.md, 0265-enrolment-lookup-needs-a-consent-basis.md):
/// by surname (and given name), exact codice fiscale or id, only among the residents of its ATS with
/// a consent basis for it — the ATS's letter not declined, an open request to this Gestore, an
/// approved change to it — or already in its charge. GDPR art. 9 and DGR X/6164/2017 allegato 1:
/// the Gestore's access to a person's data starts with the consent basis and the signed pact; it has
/// no right to learn who lives in the ATS, so a look-up of anyone else answers exactly as for
/// nobody. Every person shown is logged as read, every refused exact look-up as refused.
/// </summary>
public sealed class EnrolmentPatients(TerritorioDbContext db, PatientSearch search, PatientAccess access)
{
    public const string Resource = "pagina Arruolamento (ricerca del paziente)";

    /// <summary>What the Gestore is told when a look-up finds nobody it may see: the same whether the person exists or not.</summary>
    public static string NotFound(string text) =>
        $"Nessun paziente trovato per «{text.Trim()}» tra gli assistiti dell'ATS invitati con lettera o che hanno chiesto la presa in carico a questo Gestore. "
        + "Controlli il cognome o scriva il codice fiscale completo; se il paziente non è stato invitato, può chiedere la presa in carico dalla sua pagina o tramite il suo MMG.";

    /// <summary>Residents of the Gestore's ATS with a consent basis for it (they could sign a pact with it now), or already in its charge.</summary>
    public IQueryable<Resident> Candidates(Actor me)
    {
        string ats = me.Ats, gestore = me.GestoreId ?? "";
        return db.Residents.Where(r => r.Ats == ats && (
            db.Set<EnrolmentLetter>().Any(l => l.PatientId == r.Id && l.DeclinedOn == null)
            || db.Set<EnrolmentRequest>().Any(q => q.PatientId == r.Id && q.GestoreId == gestore && q.PactId == null)
            || db.Set<ChangeOfGestoreRequest>().Any(c => c.PatientId == r.Id && c.ToGestoreId == gestore && c.Status == RequestStatus.Approved && c.NewPactId == null)
            || db.Set<PattoDiCura>().Any(p => p.PatientId == r.Id && p.GestoreId == gestore && p.Status == PactStatus.Active)));
    }

    /// <summary>
    /// The candidate (<see cref="Candidates"/>) whose id or whole codice fiscale is <paramref name="text"/>, or
    /// null; a resident of the ATS found by it without a consent basis is logged as a refused read.
    /// </summary>
    public async Task<Resident?> ExactAsync(Actor me, string? text, CancellationToken ct)
    {
        string trimmed = (text ?? "").Trim(), upper = trimmed.ToUpperInvariant();
        if (trimmed.Length == 0)
        {
            return null;
        }

        string ats = me.Ats;
        var found = await db.Residents.AsNoTracking().Where(r => r.Ats == ats && (r.Id == trimmed || r.FiscalCode == upper)).Take(2).ToListAsync(ct);
        if (found.Count != 1)
        {
            return null;
        }

        string id = found[0].Id;
        if (!await Candidates(me).AnyAsync(r => r.Id == id, ct))
        {
            await access.RecordRefusedAsync(me, found[0], Resource);
            return null;
        }

        await access.RecordListAsync(me, found, Resource, ct);
        return found[0];
    }

    /// <summary>Whether the patient is a candidate of the Gestore (see <see cref="Candidates"/>); a refusal is logged.</summary>
    public async Task<bool> MayEnrolAsync(Actor me, string patientId, CancellationToken ct) =>
        await ExactAsync(me, patientId, ct) is { } found && found.Id == patientId.Trim();

    /// <summary>The first page of candidates matching the surname (and given name), codice fiscale or id.</summary>
    public Task<PatientSearchPage> FindAsync(Actor me, string text, CancellationToken ct) =>
        search.FindAsync(me, Candidates(me), text, 1, descending: false, Resource, ct);

    /// <summary>"Rossi Maria — RSSMRA48C54F205X — nata il 14/03/1948 — Milano": enough to tell the right person.</summary>
    public static string Line(Resident r) =>
        $"{(r.Surname is null ? r.Id : $"{r.Surname} {r.GivenName}")} — {r.FiscalCode ?? "codice fiscale non indicato"} — "
        + $"{(r.Sex == Sex.Female ? "nata" : "nato")} il {ItalianFormat.Date(r.BirthDate)} — {r.Municipality ?? "comune non indicato"}";
}
