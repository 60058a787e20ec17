using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Security;

namespace Territorio.Web.Care;

/// <summary>
/// How the Gestore's operator finds the patient who signs a Patto di Cura
/// (docs/decisions/0240-enrolment-finds-the-patient-by-name.md): by surname (and given name) among
/// the residents of its ATS who could sign with it — the ATS's letter not declined, an open request
/// to this Gestore, an approved change to it; by exact codice fiscale or id, any resident of its
/// ATS (the person at the desk shows their health card; the consent rules then decide). Every
/// person shown is logged as read.
/// </summary>
public sealed class EnrolmentPatients(TerritorioDbContext db, PatientSearch search, PatientAccess access)
{
    public const string Resource = "pagina Arruolamento (ricerca del paziente)";

    /// <summary>Residents of the Gestore's ATS who could sign a pact with it now.</summary>
    public IQueryable<Resident> Candidates(Actor me)
    {
        string ats = me.Ats, gestore = me.GestoreId ?? "";
        return db.Residents.Where(r => r.Ats == ats && (
            db.Set<EnrolmentLetter>().Any(l => l.PatientId == r.Id && l.DeclinedOn == null)
            || db.Set<EnrolmentRequest>().Any(q => q.PatientId == r.Id && q.GestoreId == gestore && q.PactId == null)
            || db.Set<ChangeOfGestoreRequest>().Any(c => c.PatientId == r.Id && c.ToGestoreId == gestore && c.Status == RequestStatus.Approved && c.NewPactId == null)));
    }

    /// <summary>The resident of the Gestore's ATS whose id or whole codice fiscale is <paramref name="text"/>, or null.</summary>
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

        await access.RecordListAsync(me, found, Resource, ct);
        return found[0];
    }

    /// <summary>The first page of candidates matching the surname (and given name), codice fiscale or id.</summary>
    public Task<PatientSearchPage> FindAsync(Actor me, string text, CancellationToken ct) =>
        search.FindAsync(me, Candidates(me), text, 1, descending: false, Resource, ct);

    /// <summary>"Rossi Maria — RSSMRA48C54F205X — nata il 14/03/1948 — Milano": enough to tell the right person.</summary>
    public static string Line(Resident r) =>
        $"{(r.Surname is null ? r.Id : $"{r.Surname} {r.GivenName}")} — {r.FiscalCode ?? "codice fiscale non indicato"} — "
        + $"{(r.Sex == Sex.Female ? "nata" : "nato")} il {ItalianFormat.Date(r.BirthDate)} — {r.Municipality ?? "comune non indicato"}";
}
