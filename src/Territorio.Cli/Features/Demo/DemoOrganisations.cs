using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.Data;
using Territorio.Kernel.Organisations;
using Territorio.Synthetic;
using Territorio.Web.Security;

namespace Territorio.Cli.Features.Demo;

/// <summary>
/// The organisation registry of the demo region: fictitious seats and contacts of its Gestori and
/// erogatori, and named hospital structures for the demo SDO flow, so that no screen shows a bare code.
/// </summary>
public static class DemoOrganisations
{
    public static async Task<int> LoadAsync(DatabaseOptions options, int seed, IdentityLists lists, CancellationToken ct)
    {
        await using var db = TerritorioDatabase.CreateContext(options);
        var gestori = await db.Set<Gestore>().AsNoTracking().IgnoreAutoIncludes().OrderBy(g => g.Id)
            .Select(g => new { g.Id, g.Name, g.Ats }).ToListAsync(ct);
        var erogatori = await db.Set<Erogatore>().AsNoTracking().IgnoreAutoIncludes().OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.Name, e.Ats }).ToListAsync(ct);
        string ats = await DemoAccounts.DemoAtsAsync(db, ct) ?? DemoResidents.AtsCodes[0];
        var named = gestori.Select(g => (OrganisationKind.Gestore, g.Id, g.Name, g.Ats))
            .Concat(erogatori.Select(e => (OrganisationKind.Erogatore, e.Id, e.Name, e.Ats)));
        await db.Organisations.ExecuteDeleteAsync(ct);
        var organisations = DemoResidents.Organisations(named, ats, seed, lists).ToList();
        db.Organisations.AddRange(organisations);
        await db.SaveChangesAsync(ct);
        return organisations.Count;
    }
}
