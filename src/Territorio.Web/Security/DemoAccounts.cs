using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Web.Rehab;

namespace Territorio.Web.Security;

/// <param name="Tenancy">The account's tenancy by name ("ATS di Bergamo (325), Gestore ASST … (G325ASST)").</param>
public sealed record DemoAccount(AccountSpec Spec, string Password, string Tenancy);

/// <summary>
/// One account per role for <c>territorio demo run</c>, each in the tenancy of real demo data,
/// with a fresh random password that is printed once and stored only as a hash.
/// </summary>
public static class DemoAccounts
{
    public static async Task<IReadOnlyList<DemoAccount>> RecreateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TerritorioDbContext>();
        await Accounts.DeleteDemoAccountsAsync(scope.ServiceProvider, cancellationToken);

        var created = new List<DemoAccount>();
        var specs = await SpecsAsync(db, cancellationToken);
        var names = await Accounts.TenancyNamesAsync(scope.ServiceProvider.GetRequiredService<CareServices>(), specs, cancellationToken);
        foreach (var spec in specs)
        {
            string password = Accounts.GeneratePassword();
            await Accounts.CreateAsync(scope.ServiceProvider, spec, password, demo: true);
            created.Add(new DemoAccount(spec, password, spec.TenancyBy(names)));
        }

        return created;
    }

    /// <summary>The lines the demo prints: the only time the passwords are shown.</summary>
    public static IEnumerable<string> Describe(IReadOnlyList<DemoAccount> accounts) =>
        accounts.Count == 0
            ? ["account demo: nessuno (regione demo vuota)"]
            : accounts.Select(a => $"  {a.Spec.UserName,-24} {a.Password}  {TerritorioRoles.Label(a.Spec.Role)} · {a.Tenancy}")
                .Prepend("account demo (password mostrate solo ora, rigenerate a ogni avvio):");

    private static async Task<List<AccountSpec>> SpecsAsync(TerritorioDbContext db, CancellationToken cancellationToken)
    {
        // The most populous ATS of the demo region, its first GP and one of that GP's patients.
        string? ats = await DemoAtsAsync(db, cancellationToken);
        if (ats is null)
        {
            return [];
        }

        // Preferably the GP with a PAI proposal waiting for the Gestore, and one of its patients in charge, so their screens have content.
        var pacts = db.Set<PattoDiCura>().Where(p => p.Ats == ats && p.Status == PactStatus.Active);
        string? mmg = await db.Set<Pai>().Where(p => p.MmgId != null && p.Versions.Any(v => v.Status == PaiVersionStatus.Proposed) && pacts.Any(pact => pact.Id == p.PactId))
                .OrderBy(p => p.MmgId).Select(p => p.MmgId).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Residents.Where(r => r.Ats == ats && r.MmgId != null).OrderBy(r => r.MmgId).Select(r => r.MmgId).FirstOrDefaultAsync(cancellationToken);
        string? person = mmg is null ? null
            : await pacts.Where(p => p.MmgId == mmg).OrderBy(p => p.PatientId).Select(p => p.PatientId).FirstOrDefaultAsync(cancellationToken)
                ?? await db.Residents.Where(r => r.Ats == ats && r.MmgId == mmg && r.DeathDate == null).OrderBy(r => r.Id).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);

        var specs = new List<AccountSpec>
        {
            new("demo.ats.operatore", "Operatore ATS (demo)", TerritorioRoles.AtsOperatore, ats),
            new("demo.ats.controllore", "Controllore ATS (demo)", TerritorioRoles.AtsControllore, ats),
        };
        if (mmg is not null)
        {
            specs.Add(new("demo.mmg", "Medico di medicina generale (demo)", TerritorioRoles.Mmg, ats, MmgId: mmg));
        }

        if (person is not null)
        {
            specs.Add(new("demo.paziente", "Assistito (demo)", TerritorioRoles.Paziente, ats, PersonId: person));
        }

        // Gestore and erogatore accounts only when the demo region has them (care management data).
        string? gestore = await db.Set<Gestore>().Where(g => g.Ats == ats).OrderBy(g => g.Id).Select(g => g.Id).FirstOrDefaultAsync(cancellationToken);
        if (gestore is not null)
        {
            specs.Add(MainCaseManager(ats, gestore));
            // A second case manager: the clinical manager shares the patients between them (decision 0155).
            specs.Add(new("demo.gestore.cm2", "Secondo case manager (demo)", TerritorioRoles.GestoreCaseManager, ats, GestoreId: gestore));
            specs.Add(new("demo.gestore.rc", "Responsabile clinico (demo)", TerritorioRoles.GestoreResponsabileClinico, ats, GestoreId: gestore));
        }

        string? erogatore = await db.Set<Erogatore>().Where(e => e.Ats == ats).OrderBy(e => e.Id).Select(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        if (erogatore is not null)
        {
            specs.Add(new("demo.erogatore", "Erogatore (demo)", TerritorioRoles.Erogatore, ats, ErogatoreId: erogatore));
        }

        // Rehab: the management of the structure with most admissions in the demo run, and one of its wards.
        string? structure = await RehabDemo.BusiestStructureAsync(db, ats, cancellationToken);
        if (structure is not null)
        {
            specs.Add(new("demo.struttura", "Direzione sanitaria (demo)", TerritorioRoles.Struttura, ats, StructureId: structure));
            specs.Add(new("demo.reparto", "Reparto (demo)", TerritorioRoles.Reparto, ats, StructureId: structure));
        }

        // The case managers who witnessed the demo's signatures for the other Gestori (WitnessesAsync).
        specs.AddRange((await WitnessesAsync(db, cancellationToken)).Where(w => w.GestoreId != gestore));
        return specs;
    }

    private static AccountSpec MainCaseManager(string ats, string gestore) =>
        new("demo.gestore.cm", "Case manager (demo)", TerritorioRoles.GestoreCaseManager, ats, GestoreId: gestore);

    /// <summary>
    /// One case manager per Gestore of the demo region, who witnesses the demo's signatures of its pacts
    /// (decision 0253: a witness is an active operator account of the Gestore): the printed
    /// "demo.gestore.cm" for the demo accounts' Gestore, "demo.cm.&lt;Gestore&gt;" for the others.
    /// </summary>
    public static async Task<IReadOnlyList<AccountSpec>> WitnessesAsync(TerritorioDbContext db, CancellationToken cancellationToken)
    {
        string? ats = await DemoAtsAsync(db, cancellationToken);
        string? main = await db.Set<Gestore>().Where(g => g.Ats == ats).OrderBy(g => g.Id).Select(g => g.Id).FirstOrDefaultAsync(cancellationToken);
        var gestori = await db.Set<Gestore>().OrderBy(g => g.Id).Select(g => new { g.Id, g.Name, g.Ats }).ToListAsync(cancellationToken);
        return
        [
            .. gestori.Select(g => g.Id == main
                ? MainCaseManager(g.Ats, g.Id)
                : new AccountSpec($"demo.cm.{g.Id.ToLowerInvariant()}", $"Case manager di {g.Name} (demo)", TerritorioRoles.GestoreCaseManager, g.Ats, GestoreId: g.Id)),
        ];
    }

    /// <summary>
    /// Before the demo signs its pacts: the witnesses' accounts, with passwords nobody sees (the
    /// demo's web start recreates every demo account and prints the new passwords).
    /// </summary>
    public static async Task<IReadOnlyList<AccountSpec>> CreateWitnessesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await Accounts.DeleteDemoAccountsAsync(scope.ServiceProvider, cancellationToken);
        var witnesses = await WitnessesAsync(scope.ServiceProvider.GetRequiredService<TerritorioDbContext>(), cancellationToken);
        foreach (var witness in witnesses)
        {
            await Accounts.CreateAsync(scope.ServiceProvider, witness, Accounts.GeneratePassword(), demo: true);
        }

        return witnesses;
    }

    /// <summary>The ATS the demo accounts work in: the most populous of the demo region.</summary>
    public static Task<string?> DemoAtsAsync(TerritorioDbContext db, CancellationToken cancellationToken) =>
        db.Residents.GroupBy(r => r.Ats).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(cancellationToken);
}
