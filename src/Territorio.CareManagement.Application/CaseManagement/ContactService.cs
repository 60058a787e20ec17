using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.Data;

namespace Territorio.CareManagement.Application.CaseManagement;

/// <summary>The case manager's contacts with patients in charge: recorded on the active pact, listed newest first.</summary>
public sealed class ContactService(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    /// <summary>At most this many contacts are listed for a patient (the newest).</summary>
    public const int ListLimit = 50;

    /// <summary>Records a contact; <paramref name="on"/> defaults to today.</summary>
    public async Task<Contact> RecordAsync(string patientId, ContactKind kind, DateOnly? on, ContactOutcome outcome, string? note, Actor by, CancellationToken ct)
    {
        var pact = await ActivePactAsync(patientId, ct);
        var contact = Contact.Record(pact, kind, on ?? Today, outcome, note, Now(by));
        Db.Add(contact);
        await CommitAsync(ct);
        return contact;
    }

    public async Task<IReadOnlyList<Contact>> OfPatientAsync(string patientId, int limit, CancellationToken ct) =>
        await Db.Set<Contact>().AsNoTracking().Where(c => c.PatientId == patientId)
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.Id)
            .Take(Math.Clamp(limit, 1, ListLimit)).ToListAsync(ct);

    /// <summary>The recent contacts of a Gestore's patients, summarised per patient (what the worklist shows).</summary>
    public static async Task<IReadOnlyDictionary<string, ContactSummary>> RecentByPatientAsync(TerritorioDbContext db, string gestoreId, DateOnly asOf, CancellationToken ct)
    {
        var since = asOf.AddDays(-WorklistRules.ContactWindowDays);
        var rows = await db.Set<Contact>().AsNoTracking()
            .Where(c => c.GestoreId == gestoreId && c.Date >= since && c.Date <= asOf)
            .Select(c => new { c.PatientId, c.Date, c.Kind, c.Outcome })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.PatientId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => ContactSummary.Of(g.Select(r => (r.Date, r.Kind, r.Outcome)))!, StringComparer.Ordinal);
    }
}
