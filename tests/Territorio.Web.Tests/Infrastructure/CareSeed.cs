using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.Testing;
using Territorio.Web.Security;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// The care path of each territory, built through the care services as users would: an approved
/// Gestore, an erogatore with an agreement and an agenda, the first patient enrolled with a PAI
/// and a booking. Territory A also has a Gestore still waiting for approval and a stratified
/// patient not yet enrolled, for the end-to-end flow.
/// </summary>
public static class CareSeed
{
    /// <summary>The PAI (FHIR CarePlan) id of each territory's patient, known once seeded.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CarePlanIds = new();

    /// <summary>The FHIR id of the first service of each territory's PAI (<c>/fhir/ServiceRequest/{id}</c>).</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ServiceRequestIds = new();

    /// <summary>The day and time of each territory's seeded booking.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateOnly Date, TimeOnly Start)> BookingTimes = new();

    /// <summary>The seeded booking id of each territory's patient.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> BookingIds = new();

    /// <summary>The seeded patient's pact, per territory key.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> PactIds = new();

    /// <summary>Territory A's patient's booking of a past working day, waiting for the erogatore (delivered or not presented).</summary>
    public static long PastBookingId { get; private set; }

    public static DateOnly PastBookingDay { get; private set; }

    public const string PendingGestore = "GA2";
    public const string PendingGestoreCaseManager = "cm.ga2";
    public const string PendingGestoreClinicalManager = "rc.ga2";
    public const string NewPatient = "PA000003";

    /// <summary>An erogatore of territory A outside every network, whose hours and closures a test edits freely.</summary>
    public const string HoursErogatore = "EO";
    public const string HoursErogatoreUser = "erogatore.orari";

    /// <summary>A laboratory accredited for branca 11 alone (decision 0260): it may not offer an echocardiogram.</summary>
    public const string LabErogatore = "E321LAB";
    public const string LabErogatoreUser = "erogatore.laboratorio";
    public const string Pathology = "56";

    public static readonly DateOnly NewPatientBirth = new(1950, 6, 30);

    private static readonly Kernel.Population.Municipality Milano = new("F205", "Milano");

    /// <summary>The new patient is a person with a name, a codice fiscale, an address and a phone.</summary>
    public static readonly Kernel.Population.ResidentIdentity NewPatientIdentity = new(
        Kernel.Codes.CodiceFiscale.Compute("Rossi", "Maria", NewPatientBirth, Kernel.Population.Sex.Female, "F205"),
        "Rossi", "Maria", Milano, new Kernel.Population.PostalAddress("Via Roma 12", "20121", Milano), "+39 000 555 0101", "maria.rossi@esempio.invalid");

    /// <summary>Territory A's GP, by name.</summary>
    public static Kernel.Population.GeneralPractitioner MmgOfTerritoryA => new(Territory.A.Mmg, "Bianchi", "Anna", Kernel.Population.Sex.Female, Territory.A.Ats,
        new Kernel.Population.PostalAddress("Via Verdi 3", "20121", Milano), "+39 000 555 0200", "anna.bianchi@mmg.esempio.invalid");

    public static readonly string[] Services = ["89.01", "89.52", "90.16.3"];

    public static async Task SeedAsync(CareServices care, DateOnly today, CancellationToken ct)
    {
        var by = new CareActor.Factory("seed");
        care.Db.Residents.AddRange(new[] { Territory.A, Territory.B }.SelectMany(AtsSeed.Residents));
        await care.Db.SaveChangesAsync(ct);
        const string header = "person_id,level,main_pathology,pathologies,evidence\n";
        var rows = new[] { Territory.A, Territory.B }.SelectMany(t => new[] { t.Patient, t.OtherMmgPatient }).Append(NewPatient)
            .Select(id => $"{id},2,{Pathology},{Pathology}|29,test")
            .Concat(new[] { Territory.A, Territory.B }.SelectMany(AtsSeed.LevelRows)).ToList();
        // The stratification before: the latest one's changes of level (issue 20) have people to show; the new patient was not in it.
        string previous = header + string.Join("\n", rows.Where(r => !r.StartsWith(NewPatient + ",", StringComparison.Ordinal)).Select(AtsSeed.PreviousRow));
        await care.Levels.ImportAsync(new StringReader(previous), "levels-precedente.csv", today.AddDays(-400), by.Ats(Territory.A.Ats), null, ct);
        await care.Levels.ImportAsync(new StringReader(header + string.Join("\n", rows)), "levels.csv", today.AddDays(-30), by.Ats(Territory.A.Ats), null, ct);

        foreach (var t in new[] { Territory.A, Territory.B })
        {
            await ApprovedGestoreAsync(care, t.Gestore, t.Ats, by, ct);
            await care.Network.RegisterAsync(t.Erogatore, "Poliambulatorio " + t.Key.ToUpperInvariant(), t.Ats, Services, by.Ats(t.Ats), ct);
            await care.Network.SignAgreementAsync(t.Erogatore, t.Gestore, today.AddDays(-60), null, by.ClinicalManager(t.Gestore), ct);
            foreach (string service in Services)
            {
                await care.Network.OpenAgendaAsync(t.Erogatore, service, today.AddDays(1), today.AddDays(45), [new TimeOnly(9, 0), new TimeOnly(11, 30)], 30, 2, ct);
            }

            var manager = by.ClinicalManager(t.Gestore);
            await care.SignedSinceAsync(t.Patient, t.Gestore, today.AddDays(-20), "Paziente " + t.Key, "Gestore " + t.Key, manager, ct);
            await care.Pai.WriteFromTemplateAsync(t.Patient, manager, null, ct);
            var pai = (await care.Pai.FindAsync(t.Patient, ct))!;
            CarePlanIds[t.Key] = pai.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            PactIds[t.Key] = pai.PactId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ServiceRequestIds[t.Key] = $"{CarePlanIds[t.Key]}-sr-{pai.ActiveVersion!.Services.First().Code}";
            var slot = (await care.Network.FreeSlotsAsync(Services[0], t.Gestore, today, today.AddDays(60), 1, ct))[0];
            var booking = await care.Bookings.BookAsync(t.Patient, slot.SlotId, manager, ct);
            BookingIds[t.Key] = booking.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            BookingTimes[t.Key] = (booking.Date, booking.Start);
        }

        await PastBookingAsync(care, Territory.A, today, by.ClinicalManager(Territory.A.Gestore), ct);
        await care.Network.RegisterAsync(HoursErogatore, "Centro prelievi Orari", Territory.A.Ats, Services, by.Ats(Territory.A.Ats), ct);
        await care.Network.OpenAgendaAsync(HoursErogatore, Services[0], today.AddDays(1), today.AddDays(30), [new TimeOnly(9, 0), new TimeOnly(11, 30)], 30, 1, ct);
        await care.Network.RegisterAsync(LabErogatore, "Laboratorio Analisi Milano Centro", Territory.A.Ats, ["11"], ["90.16.3"], by.Ats(Territory.A.Ats), ct);

        // Territory A: a Gestore whose candidature waits for the ATS, already in the erogatore's network.
        await care.Gestori.RegisterAsync(PendingGestore, "Cooperativa MMG Alfa", GestoreKind.CooperativaMmg, Territory.A.Ats, by.Ats(Territory.A.Ats), ct);
        await care.Gestori.ApplyAsync(PendingGestore, Territory.A.Ats, 2, by.ClinicalManager(PendingGestore), ct);
        await care.Network.SignAgreementAsync(Territory.A.Erogatore, PendingGestore, today.AddDays(-60), null, by.ClinicalManager(PendingGestore), ct);
        foreach (var t in new[] { Territory.A, Territory.B })
        {
            await AtsSeed.SeedAsync(care, t, today, ct);
        }
    }

    public static AccountSpec LabErogatoreAccount => new(LabErogatoreUser, "Accettazione Laboratorio", TerritorioRoles.Erogatore, Territory.A.Ats, ErogatoreId: LabErogatore);

    public static AccountSpec HoursErogatoreAccount => new(HoursErogatoreUser, "Erogatore Orari", TerritorioRoles.Erogatore, Territory.A.Ats, ErogatoreId: HoursErogatore);

    public static IEnumerable<AccountSpec> PendingGestoreAccounts =>
    [
        new(PendingGestoreCaseManager, "Case manager Alfa", TerritorioRoles.GestoreCaseManager, Territory.A.Ats, GestoreId: PendingGestore),
        new(PendingGestoreClinicalManager, "Responsabile clinico Alfa", TerritorioRoles.GestoreResponsabileClinico, Territory.A.Ats, GestoreId: PendingGestore),
    ];

    /// <summary>
    /// A booking made days ago for the last working day before today: the domain is asked as of
    /// the booking's day (the web's clock is the real one, and nobody can book in the past today).
    /// </summary>
    private static async Task PastBookingAsync(CareServices care, Territory t, DateOnly today, CareActor manager, CancellationToken ct)
    {
        var day = today.AddDays(-1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || ItalianHolidays.IsHoliday(day))
        {
            day = day.AddDays(-1);
        }

        var erogatore = await care.Db.Set<Erogatore>().Include(e => e.Services).Include(e => e.Agreements).Include(e => e.OpeningHours).Include(e => e.Closures)
            .SingleAsync(e => e.Id == t.Erogatore, ct);
        var slot = AgendaSlot.Open(erogatore, Services[1], day, new TimeOnly(10, 0), 30, 1);
        care.Db.Add(slot);
        await care.Db.SaveChangesAsync(ct);
        var pai = (await care.Pai.FindAsync(t.Patient, ct))!;
        var pact = await care.Db.Set<PattoDiCura>().SingleAsync(p => p.Id == pai.PactId, ct);
        var bookedOn = new Change(manager, day.AddDays(-3).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
        var booking = Booking.Book(pai, Services[1], slot, erogatore, 1, new PatientSchedule(pact, []), bookedOn);
        care.Db.Add(booking);
        await CareUnitOfWork.CommitAsync(care.Db, TimeProvider.System, ct);
        (PastBookingId, PastBookingDay) = (booking.Id, day);
    }

    private static async Task ApprovedGestoreAsync(CareServices care, string id, string ats, CareActor.Factory by, CancellationToken ct)
    {
        await care.Gestori.RegisterAsync(id, "Gestore " + id, GestoreKind.Asst, ats, by.Ats(ats), ct);
        for (int level = 1; level <= 3; level++)
        {
            await care.Gestori.ApplyAsync(id, ats, level, by.ClinicalManager(id), ct);
            await care.Gestori.DecideAsync(id, ats, level, approve: true, by.Ats(ats), "idoneo", ct);
        }
    }

    /// <summary>Opens slots of a service at territory B's erogatore in the ten days after its patient's pact ends; returns that end.</summary>
    public static async Task<DateOnly> OpenAgendaAfterThePactOfBAsync(IServiceProvider services, string service, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var care = scope.ServiceProvider.GetRequiredService<CareServices>();
        var end = await care.Db.Set<PattoDiCura>().Where(p => p.PatientId == Territory.B.Patient && p.Status == PactStatus.Active).Select(p => p.EndDate).SingleAsync(ct);
        await care.Network.OpenAgendaAsync(Territory.B.Erogatore, service, end.AddDays(1), end.AddDays(10), [new TimeOnly(15, 0)], 30, 1, ct);
        return end;
    }
}
