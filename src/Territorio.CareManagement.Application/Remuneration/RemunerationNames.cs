using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Flows.Remuneration;
using Territorio.Kernel.Organisations;
using Territorio.Remuneration.Yearly;

namespace Territorio.CareManagement.Application.Remuneration;

/// <summary>
/// The names a remuneration's statements and exports print beside the codes: the patients with a
/// pact (name, codice fiscale), the Gestori (and their seat from the registry), the GPs. One query
/// per kind, bounded by the pacts paid (of one ATS, or all).
/// </summary>
public static class RemunerationNames
{
    /// <summary>The names the reference data gives without a database: the ATS and the pathologies.</summary>
    public static PartyNames Reference(CareCatalogues catalogues) => PartyNames.None with { AtsNames = catalogues.AtsNames, Pathologies = catalogues.Pathologies };

    public static async Task<PartyNames> OfAsync(TerritorioDbContext db, RemunerationResult result, string? ats, CareCatalogues catalogues, CancellationToken ct)
    {
        var pacts = db.Set<PattoDiCura>().AsNoTracking().Where(p => ats == null || p.Ats == ats);
        var patients = await db.Residents.AsNoTracking()
            .Where(r => r.Surname != null && pacts.Any(p => p.PatientId == r.Id))
            .Select(r => new { r.Id, r.GivenName, r.Surname, r.FiscalCode })
            .ToDictionaryAsync(r => r.Id, r => new PatientName($"{r.GivenName} {r.Surname}", r.FiscalCode), ct);
        var gestoreIds = result.Gestori.Select(g => g.GestoreId).ToList();
        var gestori = await db.Set<Gestore>().AsNoTracking().IgnoreAutoIncludes().Where(g => gestoreIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Name }).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var seats = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Gestore && gestoreIds.Contains(o.Code)).ToListAsync(ct);
        var mmgIds = result.MmgLines.Select(l => l.MmgId).Concat(result.Lines.Select(l => l.Period.MmgId)).OfType<string>().Distinct().ToList();
        var doctors = await db.GeneralPractitioners.AsNoTracking().Where(g => mmgIds.Contains(g.Id)).ToListAsync(ct);
        return new PartyNames(patients, gestori, doctors.ToDictionary(d => d.Id, d => d.DisplayName))
        {
            GestoreSeats = seats.ToDictionary(o => o.Code, o => o.Letterhead),
            AtsNames = catalogues.AtsNames,
            Pathologies = catalogues.Pathologies,
        };
    }

}
