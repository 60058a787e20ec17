using Microsoft.EntityFrameworkCore;
using Territorio.Data;
using Territorio.Data.Security;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Population;
using Territorio.Testing;
using Territorio.Web.Care;
using Territorio.Web.Security;
using Territorio.Web.Tests.Infrastructure;

namespace Territorio.Web.Tests.Care;

/// <summary>
/// The patient search on both databases: its branches (surname, codice fiscale, id) find what the
/// actor may see, counted exactly and paged in name order, also past the matches read whole.
/// </summary>
public sealed class PatientSearchTests
{
    private const string Ats = "321";
    private const string OtherAts = "322";
    private const string Gp = "MMGS01";

    /// <summary>More Rossi in the territory than the search reads whole: pages past them come from the database.</summary>
    private const int Rossi = PatientSearch.ReadWhole + 40;

    private static readonly Municipality Milano = new("F205", "Milano");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MoreMatchesThanReadWhole_AreCountedExactly_AndEveryPageFollowsTheNameOrder_BothWays(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        await using var db = database.CreateContext();
        var (search, access) = SearchOver(database, db);
        var ats = Operator();
        var expected = await db.Residents.AsNoTracking().Where(r => r.Ats == Ats && r.SurnameKey == "ROSSI").ToListAsync(Ct);
        var ascending = expected.OrderBy(r => r.SurnameKey, StringComparer.Ordinal).ThenBy(r => r.GivenName, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToList();

        int pages = (Rossi + PatientSearch.PageSize - 1) / PatientSearch.PageSize;
        foreach (int page in new[] { 1, 40, 41, pages })
        {
            var found = await search.FindAsync(ats, access.VisibleTo(ats), "ross", page, descending: false, "test", Ct);
            found.Total.ShouldBe(Rossi);
            found.PageNumber.ShouldBe(page);
            found.Patients.Select(p => p.Id).ShouldBe(ascending.Skip((page - 1) * PatientSearch.PageSize).Take(PatientSearch.PageSize), $"pagina {page}");
        }

        var lastBackwards = await search.FindAsync(ats, access.VisibleTo(ats), "Rossi", pages, descending: true, "test", Ct);
        lastBackwards.Patients.Select(p => p.Id).ShouldBe(Enumerable.Reverse(ascending).Skip((pages - 1) * PatientSearch.PageSize));
        var beyond = await search.FindAsync(ats, access.VisibleTo(ats), "ROSSI", 999, descending: false, "test", Ct);
        beyond.PageNumber.ShouldBe(pages);
        beyond.Patients.Count.ShouldBe(Rossi % PatientSearch.PageSize);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task SurnameCodiceFiscaleAndId_FindOnlyWhomTheActorSees_AndThePageIsLogged(DatabaseProvider provider)
    {
        await using var database = await SeededAsync(provider);
        await using var db = database.CreateContext();
        var (search, access) = SearchOver(database, db);
        var ats = Operator();
        var verdi = await db.Residents.AsNoTracking().SingleAsync(r => r.Ats == Ats && r.SurnameKey == "VERDI", Ct);

        // Another ATS's Verdi (same surname, other codice fiscale) is never found.
        var bySurname = await search.FindAsync(ats, access.VisibleTo(ats), "verd", 1, descending: false, "ricerca di prova", Ct);
        bySurname.Patients.Select(p => p.Id).ShouldBe([verdi.Id]);
        var byCode = await search.FindAsync(ats, access.VisibleTo(ats), verdi.FiscalCode![..9].ToLowerInvariant(), 1, descending: false, "test", Ct);
        byCode.Patients.Select(p => p.Id).ShouldBe([verdi.Id]);
        var byId = await search.FindAsync(ats, access.VisibleTo(ats), $" {verdi.Id} ", 1, descending: false, "test", Ct);
        byId.Patients.Select(p => p.Id).ShouldBe([verdi.Id]);
        byId.Total.ShouldBe(1);
        string elsewhere = (await db.Residents.AsNoTracking().SingleAsync(r => r.Ats == OtherAts, Ct)).FiscalCode!;
        (await search.FindAsync(ats, access.VisibleTo(ats), elsewhere[..9], 1, descending: false, "test", Ct)).Total.ShouldBe(0);

        // A GP finds only their own assistiti among the Rossi: every other one of them.
        var gp = new Actor("mmg.test", new HashSet<string> { TerritorioRoles.Mmg }, Ats, null, Gp, null, null, null);
        var own = await search.FindAsync(gp, access.VisibleTo(gp).Where(r => r.MmgId == Gp), "ros", 1, descending: false, "test", Ct);
        own.Total.ShouldBe(Rossi / 2);
        own.Patients.ShouldAllBe(p => p.MmgId == Gp);

        var logged = await db.Set<PatientAccessEntry>().AsNoTracking().Where(e => e.Resource == "ricerca di prova").ToListAsync(Ct);
        logged.Select(e => (e.PatientId, e.UserName, e.Granted)).ShouldBe([(verdi.Id, "ats.test", true)]);
    }

    private static Actor Operator() => new("ats.test", new HashSet<string> { TerritorioRoles.AtsOperatore }, Ats, null, null, null, null, null);

    private static (PatientSearch Search, PatientAccess Access) SearchOver(TestDatabase database, TerritorioDbContext db)
    {
        var access = new PatientAccess(db, TimeProvider.System, AccessLogWriters.Over(database));
        return (new PatientSearch(access), access);
    }

    /// <summary>The Rossi of the territory (every other one the GP's), a Verdi here and one in another territory.</summary>
    private static async Task<TestDatabase> SeededAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var first = new DateOnly(1930, 1, 1);
        for (int n = 0; n < Rossi; n++)
        {
            // Given names in no particular order of the ids: the page order is the name's, not the id's.
            db.Residents.Add(Person($"R{n:D5}", Ats, "Rossi", NameOf((n * 7919) % Rossi), first.AddDays(n), n % 2 == 0 ? Gp : "MMGS02"));
        }

        db.Residents.Add(Person("V321", Ats, "Verdi", "Anna", new DateOnly(1950, 3, 4), Gp));
        db.Residents.Add(Person("V322", OtherAts, "Verdi", "Bruna", new DateOnly(1951, 5, 6), Gp));
        await db.SaveChangesAsync(Ct);
        return database;
    }

    /// <summary>"Naaa", "Naab", …: letters only, in the order of <paramref name="n"/>.</summary>
    private static string NameOf(int n) => string.Concat("N", (char)('a' + (n / 676)), (char)('a' + (n / 26 % 26)), (char)('a' + (n % 26)));

    private static Resident Person(string id, string ats, string surname, string givenName, DateOnly birth, string gp) =>
        new(id, birth, Sex.Female, ats, gp, null, new ResidentIdentity(
            CodiceFiscale.Compute(surname, givenName, birth, Sex.Female, Milano.Code), surname, givenName, Milano,
            new PostalAddress("Via Roma 1", "20121", Milano), null, null));
}
