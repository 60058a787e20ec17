using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Web.Api;
using Territorio.Web.Security;

namespace Territorio.Web.Care;

/// <summary>One of the GP's assistiti: level in force, Gestore of the active pact, state of the PAI.</summary>
public sealed record MmgAssistito(PatientSummary Patient, int? Level, string? MainPathology, string? GestoreId, int? PaiVersion, bool ProposalPending);

/// <summary>The GP's list of assistiti, in a fixed number of queries whatever its length (no query per patient).</summary>
public sealed class MmgPanelQuery(CareServices care, PatientAccess access, TimeProvider clock)
{
    public async Task<IReadOnlyList<MmgAssistito>> ListAsync(Actor actor, string resource, CancellationToken ct)
    {
        var patients = await access.MmgPatientsAsync(actor, PatientEndpoints.MmgListLimit, resource, ct);
        var ids = access.VisibleTo(actor).Where(r => r.MmgId == actor.MmgId).Select(r => r.Id);
        var classifications = await Classifications.EffectiveAsync(care.Db, ids, ct);
        var pacts = await care.Db.Set<PattoDiCura>().AsNoTracking()
            .Where(p => ids.Contains(p.PatientId) && p.Status == PactStatus.Active)
            .Select(p => new { p.Id, p.PatientId, p.GestoreId }).ToListAsync(ct);
        var pactIds = pacts.Select(p => p.Id).ToList();
        var pais = await care.Db.Set<Pai>().AsNoTracking().IgnoreAutoIncludes()
            .Where(p => pactIds.Contains(p.PactId))
            .Select(p => new
            {
                p.PactId,
                Active = p.Versions.Where(v => v.Status == PaiVersionStatus.Active).Select(v => (int?)v.Number).FirstOrDefault(),
                Pending = p.Versions.Any(v => v.Status == PaiVersionStatus.Proposed),
            }).ToDictionaryAsync(p => p.PactId, ct);
        var pactOf = pacts.ToDictionary(p => p.PatientId, StringComparer.Ordinal);

        var today = ItalianTime.Today(clock);
        return [.. patients.Select(p =>
        {
            var classification = classifications.GetValueOrDefault(p.Id);
            var pact = pactOf.GetValueOrDefault(p.Id);
            var pai = pact is null ? null : pais.GetValueOrDefault(pact.Id);
            return new MmgAssistito(PatientSummary.Of(p, today), classification?.Level, classification?.MainPathology, pact?.GestoreId, pai?.Active, pai?.Pending == true);
        })];
    }
}
