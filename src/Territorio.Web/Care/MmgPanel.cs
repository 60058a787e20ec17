using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Web.Api;
using Territorio.Web.Security;

namespace Territorio.Web.Care;

/// <summary>One of the GP's assistiti: level in force, Gestore of the active pact, state of the PAI.</summary>
public sealed record MmgAssistito(PatientSummary Patient, int? Level, string? MainPathology, string? GestoreId, int? PaiVersion, bool ProposalPending)
{
    /// <summary>"ASST Sette Laghi", when the registry names the Gestore.</summary>
    public string? GestoreName { get; init; }
}

/// <summary>The GP's list of assistiti, in a fixed number of queries whatever its length (no query per patient).</summary>
public sealed class MmgPanelQuery(CareServices care, PatientAccess access, TimeProvider clock)
{
    public async Task<IReadOnlyList<MmgAssistito>> ListAsync(Actor actor, string resource, CancellationToken ct)
    {
        var patients = await access.MmgPatientsAsync(actor, PatientEndpoints.MmgListLimit, resource, ct);
        return await DescribeAsync(patients, ct);
    }

    /// <summary>The GP's own assistiti, for the search of the list screen.</summary>
    public IQueryable<Kernel.Population.Resident> Scope(Actor actor) => access.VisibleTo(actor).Where(r => r.MmgId == actor.MmgId);

    /// <summary>Level, Gestore and PAI of residents already read (and logged) by the caller.</summary>
    public async Task<IReadOnlyList<MmgAssistito>> DescribeAsync(IReadOnlyList<Kernel.Population.Resident> patients, CancellationToken ct)
    {
        var ids = patients.Select(p => p.Id).ToList();
        var classifications = await Classifications.EffectiveAsync(care.Db, care.Db.Residents.Where(r => ids.Contains(r.Id)).Select(r => r.Id), ct);
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
        var gestori = await PeopleNames.GestoreNamesAsync(care.Db, pacts.Select(p => p.GestoreId), ct);

        var today = ItalianTime.Today(clock);
        return [.. patients.Select(p =>
        {
            var classification = classifications.GetValueOrDefault(p.Id);
            var pact = pactOf.GetValueOrDefault(p.Id);
            var pai = pact is null ? null : pais.GetValueOrDefault(pact.Id);
            return new MmgAssistito(PatientSummary.Of(p, today), classification?.Level, classification?.MainPathology, pact?.GestoreId, pai?.Active, pai?.Pending == true)
            {
                GestoreName = pact is null ? null : gestori.GetValueOrDefault(pact.GestoreId),
            };
        })];
    }
}
