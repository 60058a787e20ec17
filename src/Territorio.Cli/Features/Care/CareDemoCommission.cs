using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Reclassification;

namespace Territorio.Cli.Features.Care;

/// <summary>
/// The demo's work for the ATS Commission of one territory (DGR X/6164/2017 allegato 1): Gestori
/// propose reclassifications and patients ask to change Gestore; some wait for a decision, some
/// were already approved or rejected, so the Commission's screen has both lists.
/// </summary>
internal static class CareDemoCommission
{
    private enum Outcome
    {
        Pending,
        Approved,
        Rejected,
    }

    private static readonly Outcome[] Reclassifications = [Outcome.Pending, Outcome.Pending, Outcome.Approved, Outcome.Rejected];
    private static readonly Outcome[] Changes = [Outcome.Pending, Outcome.Approved, Outcome.Rejected];

    /// <returns>How many requests were submitted.</returns>
    public static async Task<int> FillAsync(CareServices care, string ats, DateOnly today, CancellationToken ct)
    {
        // Patients already in the Commission's story (CareDemo.CommissionStoryAsync) are left alone.
        var pacts = await care.Db.Set<PattoDiCura>().AsNoTracking()
            .Where(p => p.Ats == ats && p.Status == PactStatus.Active)
            .Where(p => !care.Db.Set<ReclassificationRequest>().Any(r => r.PatientId == p.PatientId)
                && !care.Db.Set<ChangeOfGestoreRequest>().Any(r => r.PatientId == p.PatientId))
            .OrderBy(p => p.PatientId).ToListAsync(ct);
        var gestori = await care.Db.Set<Gestore>().Include(g => g.Candidatures).AsNoTracking().Where(g => g.Ats == ats).OrderBy(g => g.Id).ToListAsync(ct);
        var commission = new Actor(ActorRole.AtsCommission, "demo.commissione", ats);
        int submitted = 0;

        foreach (var (pact, outcome) in pacts.Zip(Reclassifications))
        {
            // Level 1 patients stabilised, the others worsened: either way the level changes.
            bool stabilised = pact.Level == 1;
            var request = await care.Reclassification.ProposeAsync(pact.PatientId, stabilised ? 2 : pact.Level - 1, pact.MainPathology ?? "20", [],
                new Actor(ActorRole.ClinicalManager, "demo.responsabile", pact.GestoreId),
                stabilised ? "condizioni stabilizzate dopo la dimissione: la fragilità non è più prevalente" : "peggioramento documentato alla visita di controllo", ct);
            submitted++;
            if (outcome != Outcome.Pending)
            {
                await care.Reclassification.DecideAsync(request.Id, outcome == Outcome.Approved, commission,
                    outcome == Outcome.Approved ? "evidenze cliniche verificate" : "manca la documentazione clinica a supporto", ct);
            }
        }

        foreach (var (pact, outcome) in pacts.Skip(Reclassifications.Length).Zip(Changes))
        {
            if (gestori.FirstOrDefault(g => g.Id != pact.GestoreId && g.IsEligible(ats, pact.Level)) is not { } to)
            {
                continue;
            }

            var effective = (pact.StartDate > today ? pact.StartDate : today).AddDays(15);
            var request = await care.Enrolment.RequestChangeAsync(pact.PatientId, to.Id, effective, new Actor(ActorRole.Patient, pact.PatientId), "il paziente si è trasferito vicino a una sede dell'altro Gestore", ct);
            submitted++;
            if (outcome != Outcome.Pending)
            {
                await care.Enrolment.DecideChangeAsync(request.Id, outcome == Outcome.Approved, commission,
                    outcome == Outcome.Approved ? "trasferimento documentato" : "il Gestore attuale ha una sede a meno di 5 km", ct);
            }
        }

        return submitted;
    }
}
