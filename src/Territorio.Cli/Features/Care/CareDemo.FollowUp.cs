using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;

namespace Territorio.Cli.Features.Care;

internal static partial class CareDemo
{
    /// <summary>
    /// Today's follow-up, so the Gestore and GP screens have content: case managers' contacts
    /// (reached, not reached, messages) and, for each ATS, the GP with most patients of the first
    /// Gestore drafts a PAI, proposes a change still pending, and sees one accepted and one rejected.
    /// </summary>
    private static async Task<(int Contacts, int Proposals)> FollowUpAsync(DatabaseOptions options, CareCatalogues catalogues, TimeProvider clock, DateOnly today, CancellationToken ct)
    {
        await using var db = TerritorioDatabase.CreateContext(options);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var care = new CareServices(db, clock, catalogues);
        // Pacts of an approved change of Gestore start in the future: nobody has contacted those patients yet.
        var pacts = await db.Set<PattoDiCura>().AsNoTracking().Where(p => p.Status == PactStatus.Active && p.StartDate <= today).OrderBy(p => p.Id)
            .Select(p => new { p.PatientId, p.GestoreId, p.Ats, p.MmgId, p.StartDate, p.Level, p.MainPathology }).ToListAsync(ct);

        int contacts = 0;
        foreach (var (pact, i) in pacts.Select((p, i) => (p, i)).Where(x => x.i % 4 != 3))
        {
            var caseManager = new Actor(ActorRole.CaseManager, "demo.casemanager", pact.GestoreId);
            var day = today.AddDays(-(i % 6)) is var d && d >= pact.StartDate ? d : pact.StartDate;
            var (kind, outcome, note) = (i % 4) switch
            {
                0 => (ContactKind.PhoneCall, ContactOutcome.Reached, "concordati i prossimi controlli"),
                1 => (ContactKind.PhoneCall, ContactOutcome.NotReached, "nessuna risposta, richiamare"),
                _ => (ContactKind.Message, ContactOutcome.MessageLeft, "SMS con il promemoria degli esami"),
            };
            await care.Contacts.RecordAsync(pact.PatientId, kind, day, outcome, note, caseManager, ct);
            contacts++;
        }

        int proposals = 0;
        foreach (var ats in pacts.GroupBy(p => p.Ats))
        {
            var withActivePai = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pact in ats)
            {
                db.ChangeTracker.Clear();
                if ((await care.Pai.FindAsync(pact.PatientId, ct))?.ActiveVersion is not null)
                {
                    withActivePai.Add(pact.PatientId);
                }
            }

            // The GP with most patients in charge of one Gestore, those with a PAI first: the screens
            // of both show proposals and decisions.
            var mmg = ats.Where(p => p.MmgId != null).GroupBy(p => (p.GestoreId, MmgId: p.MmgId!))
                .OrderByDescending(g => g.Count(p => withActivePai.Contains(p.PatientId))).ThenByDescending(g => g.Count())
                .ThenBy(g => g.Key.GestoreId, StringComparer.Ordinal).ThenBy(g => g.Key.MmgId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (mmg is null)
            {
                continue;
            }

            var doctor = Actor.Factory.Mmg(mmg.Key.MmgId);
            var manager = new Actor(ActorRole.ClinicalManager, "demo.responsabile", mmg.Key.GestoreId);
            var withPai = mmg.Where(p => withActivePai.Contains(p.PatientId)).Select(p => p.PatientId).ToList();
            if (mmg.FirstOrDefault(p => !withActivePai.Contains(p.PatientId) && catalogues.Templates.Has(p.MainPathology ?? "", p.Level)) is { } toDraft)
            {
                db.ChangeTracker.Clear();
                await care.Pai.DraftFromTemplateAsync(toDraft.PatientId, doctor, null, ct);
                proposals++;
            }

            // Accepted, rejected, then one left pending: the GP sees both decisions and the Gestore has
            // one to take. With fewer patients the last one still waits.
            var proposing = withPai.Take(3).ToList();
            foreach (var (patientId, step) in proposing.Select((p, n) => (p, n)))
            {
                db.ChangeTracker.Clear();
                var active = (await care.Pai.FindAsync(patientId, ct))!.ActiveVersion!;
                var moreOften = active.Services.ElementAtOrDefault(step) ?? active.Services.First();
                var changed = active.Items.Select(item => item == moreOften
                    ? PaiItem.Service(item.Code, item.Description, Math.Min((item.PerYear ?? 1) + 1, 12), item.FromMonth, item.ToMonth)
                    : item).ToList();
                await care.Pai.ProposeAsync(patientId, changed, doctor, "controlli più frequenti dopo l'ultima visita", ct);
                proposals++;
                if (step < proposing.Count - 1)
                {
                    await care.Pai.DecideProposalAsync(patientId, accept: step == 0, manager, step == 0 ? "concordato con il medico curante" : "frequenza già adeguata al livello", ct);
                }
            }
        }

        await tx.CommitAsync(ct);
        return (contacts, proposals);
    }
}
