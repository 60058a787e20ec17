using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Gestori;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Population;
using Territorio.Testing;
using Territorio.Web.Security;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// The web application over a database of its own whose clock the test moves: a year of care
/// (<see cref="YearOfCareBrowserTests"/>) passes in seconds. The region holds one named GP, one
/// Gestore, two erogatori with their agendas for the year, and one resident stratified at level 2
/// with three pathologies through the stratification import, not yet invited by the ATS.
/// </summary>
public sealed class YearOfCareFixture : IAsyncLifetime
{
    public const string Ats = "321";
    public const string Patient = "PY000001";
    public const string Mmg = "MMGY01";
    public const string Gestore = "GY";
    public const string GestoreName = "ASST Nord Milano";
    public const string Clinic = "EY1";
    public const string ClinicName = "Poliambulatorio Niguarda";
    public const string Laboratory = "EY2";
    public const string LaboratoryName = "Laboratorio analisi Greco";

    public const string AtsUser = "ats.anno", CaseManagerUser = "cm.anno", ClinicianUser = "rc.anno", MmgUser = "mmg.anno",
        ClinicUser = "erogatore.poliambulatorio", LaboratoryUser = "erogatore.laboratorio", PatientUser = "paziente.anno";

    /// <summary>Diabetes type 2 (main), hypertension, ischaemic heart disease: the regional codes of data/lombardia.</summary>
    public static readonly string[] Pathologies = ["50", "56", "29"];

    /// <summary>Services of the merged PAI each erogatore offers: visits, ECG and echocardiogram at the clinic, HbA1c at the laboratory.</summary>
    public static readonly string[] ClinicServices = ["89.01.8", "89.01.3", "89.52", "88.72.2"];

    public static readonly string[] LaboratoryServices = ["90.28.1"];

    /// <summary>The first day of the year of care: a Monday, 08:00 in Rome.</summary>
    public static readonly DateOnly FirstDay = new(2027, 1, 11);

    public static readonly DateOnly PatientBirth = new(1951, 3, 8);

    private static readonly Municipality Milano = new("F205", "Milano");

    public static readonly ResidentIdentity PatientIdentity = new(
        CodiceFiscale.Compute("Lombardi", "Paolo", PatientBirth, Sex.Male, "F205"), "Lombardi", "Paolo", Milano,
        new PostalAddress("Via Lecco 21", "20124", Milano), "+39 000 333 0001", "paolo.lombardi@esempio.invalid");

    public static GeneralPractitioner Doctor => new(Mmg, "Galli", "Giovanni", Sex.Male, Ats,
        new PostalAddress("Viale Monza 40", "20127", Milano), "+39 000 333 0200", "giovanni.galli@mmg.esempio.invalid");

    private TestDatabase? _database;
    private Chromium? _chromium;

    /// <summary>"Now" for the whole web application: pages, API, care rules and the worklist.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(FirstDay.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero));

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateSqliteAsync();
        await using (var db = _database.CreateContext())
        {
            db.GeneralPractitioners.Add(Doctor);
            db.Residents.Add(new Resident(Patient, PatientBirth, Sex.Male, Ats, Mmg, null, PatientIdentity));
            await db.SaveChangesAsync();
        }

        App = WebApp.Build(["--Pdf:PdfSharpLicense=AGPL"], _database.Options, "http://127.0.0.1:0", Clock);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            foreach (var spec in AccountSpecs())
            {
                await Territorio.Web.Security.Accounts.CreateAsync(scope.ServiceProvider, spec, Territory.Password);
            }

            await SeedAsync(scope.ServiceProvider.GetRequiredService<CareServices>(), CancellationToken.None);
        }

        await App.StartAsync();
        BaseAddress = new Uri(App.Urls.First());
        _chromium = await Chromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        await App.DisposeAsync();
        await _database!.DisposeAsync();
    }

    public DateOnly Today => CareManagement.Common.RomeCalendar.Today(Clock);

    /// <summary>Moves the clock to 08:00 in Rome of a later day (sessions started before then have expired: sign in again).</summary>
    public void MoveTo(DateOnly day)
    {
        var at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(8, 0)), CareManagement.Common.RomeCalendar.Zone), TimeSpan.Zero);
        at.ShouldBeGreaterThanOrEqualTo(Clock.GetUtcNow(), "the year only moves forward");
        Clock.SetUtcNow(at);
    }

    /// <summary>A new browser context signed in as the account.</summary>
    public async Task<IPage> SignedInAsync(string userName, bool tablet = false)
    {
        var page = await _chromium!.NewPageAsync(BaseAddress, tablet);
        await Chromium.SignInAsync(page, userName, Territory.Password);
        return page;
    }

    private static IEnumerable<AccountSpec> AccountSpecs() =>
    [
        new(AtsUser, "Operatore ATS Milano", TerritorioRoles.AtsOperatore, Ats),
        new(CaseManagerUser, "Case manager Nord Milano", TerritorioRoles.GestoreCaseManager, Ats, GestoreId: Gestore),
        new(ClinicianUser, "Responsabile clinico Nord Milano", TerritorioRoles.GestoreResponsabileClinico, Ats, GestoreId: Gestore),
        new(MmgUser, "Giovanni Galli", TerritorioRoles.Mmg, Ats, MmgId: Mmg),
        new(ClinicUser, "Accettazione Niguarda", TerritorioRoles.Erogatore, Ats, ErogatoreId: Clinic),
        new(LaboratoryUser, "Accettazione laboratorio Greco", TerritorioRoles.Erogatore, Ats, ErogatoreId: Laboratory),
        new(PatientUser, "Paolo Lombardi", TerritorioRoles.Paziente, Ats, PersonId: Patient),
    ];

    /// <summary>The stratification through its import, the Gestore approved for level 2, the erogatori with agreements and the year's agendas.</summary>
    private static async Task SeedAsync(CareServices care, CancellationToken ct)
    {
        var by = new CareActor.Factory("seed");
        string levels = "person_id,level,main_pathology,pathologies,evidence\n"
            + $"{Patient},2,50,50|56|29,50=drugs:A10BA02:2026-10-02|56=exemptions:0031:2025-06-01|29=sdo:410.9:2026-03-10;drugs:C01DA02:2026-04-03\n";
        await care.Levels.ImportAsync(new StringReader(levels), "levels-2026.csv", new DateOnly(2026, 12, 31), by.Ats(Ats), null, ct);

        await care.Gestori.RegisterAsync(Gestore, GestoreName, GestoreKind.Asst, Ats, by.Ats(Ats), ct);
        await care.Gestori.ApplyAsync(Gestore, Ats, 2, by.ClinicalManager(Gestore), ct);
        await care.Gestori.DecideAsync(Gestore, Ats, 2, approve: true, by.Ats(Ats), "requisiti verificati", ct);

        var lastDay = new DateOnly(2027, 12, 31);
        foreach (var (id, name, services) in new[] { (Clinic, ClinicName, ClinicServices), (Laboratory, LaboratoryName, LaboratoryServices) })
        {
            await care.Network.RegisterAsync(id, name, Ats, services, by.Ats(Ats), ct);
            await care.Network.SignAgreementAsync(id, Gestore, new DateOnly(2027, 1, 1), null, by.ClinicalManager(Gestore), ct);
            foreach (string service in services)
            {
                await care.Network.OpenAgendaAsync(id, service, FirstDay.AddDays(1), lastDay, [new TimeOnly(9, 0), new TimeOnly(10, 0), new TimeOnly(11, 0)], 30, 1, ct);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class YearOfCareCollection : ICollectionFixture<YearOfCareFixture>
{
    public const string Name = "a year of care";
}
