using Territorio.CareManagement.Application.Bookings;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Application.Gestori;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Application.Plans;
using Territorio.CareManagement.Application.Reclassification;
using Territorio.CareManagement.Application.Stratification;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Flows.Reference;
using Territorio.Kernel.Population;
using Territorio.Testing;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>A clock stopped at a chosen instant, moved by the test.</summary>
public sealed class FixedClock(DateTime utc) : TimeProvider
{
    public DateTime UtcNow { get; set; } = utc;

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
}

/// <summary>
/// A small region in a fresh database: residents P1..Pn of ATS 321 (GP MMG1), a stratification
/// with levels, Gestore G1 (ASST, levels 1–3) and G2 (GP cooperative, levels 2–3), erogatore E1
/// with an agreement with G1 and agendas for the hypertension services.
/// </summary>
public sealed class CareWorld : IAsyncDisposable
{
    public const string Ats = "321";
    public static readonly DateOnly Today = new(2026, 3, 2);
    public static readonly Actor AtsOperator = new(ActorRole.Ats, "op.ats", Ats);
    public static readonly Actor Commission = new(ActorRole.AtsCommission, "commissione", Ats);
    public static readonly Actor Doctor = new(ActorRole.Mmg, "MMG1");

    private static readonly Lazy<CareCatalogues> SharedCatalogues = new(() => CareCatalogues.Load(ReferenceData.Default()));

    private CareWorld(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public FixedClock Clock { get; } = new(Today.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));

    public CareCatalogues Catalogues => SharedCatalogues.Value;

    public static Actor Manager(string gestore = "G1") => new(ActorRole.ClinicalManager, "dr.rossi", gestore);

    public static Actor CaseManager(string gestore = "G1") => new(ActorRole.CaseManager, "cm.bianchi", gestore);

    public static async Task<CareWorld> CreateAsync(DatabaseProvider provider, int patients = 6)
    {
        var world = new CareWorld(await TestDatabase.CreateAsync(provider));
        await world.SeedAsync(patients);
        return world;
    }

    public async Task<T> UseAsync<T>(Func<TerritorioDbContext, Task<T>> work)
    {
        await using var db = Database.CreateContext();
        return await work(db);
    }

    public Task UseAsync(Func<TerritorioDbContext, Task> work) => UseAsync(async db =>
    {
        await work(db);
        return true;
    });

    public GestoriService Gestori(TerritorioDbContext db) => new(db, Clock);

    public NetworkService Network(TerritorioDbContext db) => new(db, Clock, Catalogues.Branche);

    public EnrolmentService Enrolment(TerritorioDbContext db) => new(db, Clock, Catalogues);

    /// <summary>
    /// A pact that started in the past, as it came about: the patient's request and the signature on
    /// its first day (no pact starts before its consent), then the clock back where it was.
    /// </summary>
    public async Task<SignedPact> SignedSinceAsync(DateOnly start, string patient, string gestore, string witness, string signatory, Actor by)
    {
        var now = Clock.UtcNow;
        Clock.UtcNow = start.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        try
        {
            return await UseAsync(db => Enrolment(db).SignOnPatientRequestAsync(patient, gestore, start, witness, signatory, by, TestContext.Current.CancellationToken));
        }
        finally
        {
            Clock.UtcNow = now;
        }
    }

    public PaiService Pai(TerritorioDbContext db) => new(db, Clock, Catalogues);

    public BookingService Bookings(TerritorioDbContext db) => new(db, Clock);

    public DeliveredImport Delivered(TerritorioDbContext db) => new(db, Clock);

    public CaseQueries Cases(TerritorioDbContext db) => new(db, Clock);

    public ReclassificationService Reclassification(TerritorioDbContext db) => new(db, Clock, Catalogues);

    public LevelsImport Levels(TerritorioDbContext db) => new(db, Clock, Catalogues);

    /// <summary>Signs a pact with G1 and writes the PAI from the template.</summary>
    public async Task EnrolWithPaiAsync(string patientId, string gestore = "G1")
    {
        var ct = TestContext.Current.CancellationToken;
        await UseAsync(db => Enrolment(db).SignOnPatientRequestAsync(patientId, gestore, null, "paziente", "dr.rossi", CaseManager(gestore), ct));
        await UseAsync(db => Pai(db).WriteFromTemplateAsync(patientId, Manager(gestore), null, ct));
    }

    public async Task<long> FirstSlotAsync(string code = "89.01", int inDays = 7) =>
        (await UseAsync(db => Network(db).FreeSlotsAsync(code, "G1", Today.AddDays(inDays), Today.AddDays(60), 1, TestContext.Current.CancellationToken)))[0].SlotId;

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();

    private async Task SeedAsync(int patients)
    {
        var ct = TestContext.Current.CancellationToken;
        await UseAsync(async db =>
        {
            for (int i = 1; i <= patients; i++)
            {
                db.Residents.Add(new Resident($"P{i}", new DateOnly(1950, 1, i), Sex.Female, Ats, "MMG1"));
            }

            db.Residents.Add(new Resident("Q1", new DateOnly(1960, 5, 5), Sex.Male, "322", "MMG9"));
            await db.SaveChangesAsync(ct);
        });

        // P1..Pn-1: hypertension level 2 (with diabetes); Pn: level 4.
        var csv = new StringWriter();
        csv.WriteLine("person_id,level,main_pathology,pathologies,evidence");
        for (int i = 1; i < patients; i++)
        {
            csv.WriteLine($"P{i},2,56,56|50,\"SDO 401.9 2025-01-10\"");
        }

        csv.WriteLine($"P{patients},4,,,");
        await UseAsync(db => Levels(db).ImportAsync(new StringReader(csv.ToString()), "levels.csv", Today.AddDays(-10), AtsOperator, null, ct));

        await UseAsync(async db =>
        {
            var gestori = Gestori(db);
            await gestori.RegisterAsync("G1", "ASST Nord Milano", GestoreKind.Asst, Ats, AtsOperator, ct);
            await gestori.RegisterAsync("G2", "Cooperativa MMG Milano", GestoreKind.CooperativaMmg, Ats, AtsOperator, ct);
            foreach (var (gestore, level) in new[] { ("G1", 1), ("G1", 2), ("G1", 3), ("G2", 2), ("G2", 3) })
            {
                await gestori.ApplyAsync(gestore, Ats, level, Manager(gestore), ct);
                await gestori.DecideAsync(gestore, Ats, level, approve: true, AtsOperator, "requisiti verificati", ct);
            }

            var network = Network(db);
            await network.RegisterAsync("E1", "Poliambulatorio Centro", Ats, ["89.01", "89.52", "90.16.3", "90.37.4", "89.61.1", "95.09.1"], AtsOperator, ct);
            await network.SignAgreementAsync("E1", "G1", Today.AddYears(-1), null, Manager(), ct);
            await network.OpenAgendaAsync("E1", "89.01", Today, Today.AddDays(60), [new TimeOnly(9, 0), new TimeOnly(10, 0)], 20, 1, ct);
            await network.OpenAgendaAsync("E1", "89.52", Today, Today.AddDays(60), [new TimeOnly(11, 0)], 15, 2, ct);
        });
    }
}
