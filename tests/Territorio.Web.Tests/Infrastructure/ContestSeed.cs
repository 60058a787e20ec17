using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Territorio.Data;
using Territorio.Kernel.Organisations;
using Territorio.Kernel.Population;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// A run of territory A of its own, for contest tests: contests change a run, so each test gets a
/// structure (named in the registry) and that structure's management account, unseen by the
/// tests that count the seeded run's verdicts. Lines as in <see cref="RehabSeed.Sdo"/>.
/// </summary>
public static class ContestSeed
{
    /// <summary>The 56a stroke stay and the out-of-scope stay of the structure.</summary>
    public const long StrokeLine = 3;
    public const long OutOfScopeLine = 5;

    private static int _next;

    public sealed record ContestRun(long RunId, string Structure, string StructureName, string StructureUser)
    {
        public string Label => $"{StructureName} ({Structure})";

        public string VerdictPage(long line) => $"/Riabilitazione/Giudizio/{RunId}/{line}";

        public string ContestApi(long line) => $"/api/riabilitazione/esecuzioni/{RunId}/giudizi/{line}/contestazione";
    }

    public static async Task<ContestRun> CreateAsync(WebAppFixture app, CancellationToken ct)
    {
        int n = Interlocked.Increment(ref _next);
        string structure = $"SC{n}";
        string name = $"Casa di Cura San Giuseppe {n}";
        string user = $"struttura.contesta{n}";
        await using var scope = app.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await Accounts.CreateAsync(services, new AccountSpec(user, $"Direzione sanitaria San Giuseppe {n}", TerritorioRoles.Struttura, Territory.A.Ats, StructureId: structure), Territory.Password);
        var db = services.GetRequiredService<TerritorioDbContext>();
        db.Organisations.Add(new Organisation(OrganisationKind.Struttura, structure, Territory.A.Ats,
            new OrganisationIdentity(name, new PostalAddress("Via Garibaldi 5", "21100", new Municipality("L682", "Varese")), "+39 000 555 0600", null, "sangiuseppe@pec.esempio.invalid"), fictitious: true));
        await db.SaveChangesAsync(ct);

        string sdo = RehabSeed.Sdo(Territory.A)
            .Replace($",{Territory.A.Structure},", $",{structure},", StringComparison.Ordinal)
            .Replace($",{RehabSeed.OtherStructure(Territory.A)},", $",{structure}B,", StringComparison.Ordinal);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(sdo));
        using var file = await SdoUpload.SaveAsync(content, $"contestazioni-{n}.csv", long.MaxValue, null, ct);
        var run = await services.GetRequiredService<RehabRunImport>().ImportAsync(file, Territory.A.Ats, "seed", demo: false, ct);
        return new ContestRun(run.Id, structure, name, user);
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
