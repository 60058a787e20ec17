using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.CareManagement.Reclassification;
using Territorio.Data;
using Territorio.Flows.Reference;

namespace Territorio.Cli.Tests;

/// <summary>A demo region with patients in charge beyond the first 300, which the bulk loader writes (decisions 0093, 0230).</summary>
public sealed class BulkDemoRegionFixture : IAsyncLifetime
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "territorio-bulk-demo-" + Guid.NewGuid().ToString("N"));

    public string Output { get; private set; } = "";

    public TerritorioDbContext Db() => TerritorioDatabase.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = Directory });

    public async ValueTask InitializeAsync()
    {
        var demo = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:DataDirectory"] = Directory }, "demo", "run", "--people", "3000", "--no-serve", "--in-carico", "420");
        demo.ExitCode.ShouldBe(0, demo.Error);
        Output = demo.Output;
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The demo's rows obey the care rules whichever way they were written (use cases or bulk):
/// agendas on the calendar, bookings within the PAI and the pact, deliveries that happened.
/// </summary>
public sealed class DemoBulkRulesTests(BulkDemoRegionFixture region) : IClassFixture<BulkDemoRegionFixture>
{
    private static readonly DateOnly Today = RomeCalendar.Today(TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BulkLoad_TookPatientsInCharge_BeyondThoseOfTheUseCases()
    {
        region.Output.ShouldContain("presa in carico demo in blocco:");
        await using var db = region.Db();
        (await db.Set<PattoDiCura>().CountAsync(Ct)).ShouldBeGreaterThan(350);
        // Every pact has its level period, as one signed through the use cases (the patient file reads it).
        (await db.Set<PattoDiCura>().CountAsync(p => !p.LevelPeriods.Any(), Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Agendas_HaveNoSlotOnHolidaysOrClosures_NorOutsideOpeningHours_NorForServicesNotOffered()
    {
        await using var db = region.Db();
        var erogatori = await ErogatoriAsync(db);
        var slots = await db.Set<AgendaSlot>().AsNoTracking().ToListAsync(Ct);

        slots.Count.ShouldBeGreaterThan(0);
        slots.Where(s => erogatori[s.ErogatoreId].ClosedBecause(s.Date) is not null).Select(Describe).ShouldBeEmpty();
        slots.Where(s => !WithinHours(erogatori[s.ErogatoreId], s)).Select(Describe).ShouldBeEmpty();
        slots.Where(s => !erogatori[s.ErogatoreId].Offers(s.ServiceCode)).Select(Describe).ShouldBeEmpty();
    }

    [Fact]
    public async Task DemoErogatori_OfferOnlyServicesOfTheirAccreditedBranche_TheLaboratoryNoEchocardiogram()
    {
        var branche = CareCatalogues.Load(ReferenceData.Default()).Branche;
        await using var db = region.Db();
        var erogatori = await ErogatoriAsync(db);

        erogatori.Values.SelectMany(e => e.Services.Where(s => !branche.Allows(e.Branche, s.Code)).Select(s => $"{e.Id} {s.Code}")).ShouldBeEmpty();
        var laboratories = erogatori.Values.Where(e => e.Id.EndsWith("LAB", StringComparison.Ordinal)).ToList();
        laboratories.ShouldNotBeEmpty();
        laboratories.ShouldAllBe(e => e.Branche.SequenceEqual(new[] { "11" }) && !e.Offers("88.72.2"));
        erogatori.Values.ShouldContain(e => e.Offers("88.72.2"));
    }

    [Fact]
    public async Task Bookings_AreOnOpenSlots_WithinThePact_WithoutOverlaps_AndWithinEachPaiItemsYearlyFrequency()
    {
        await using var db = region.Db();
        var erogatori = await ErogatoriAsync(db);
        var slots = await db.Set<AgendaSlot>().AsNoTracking().ToDictionaryAsync(s => s.Id, Ct);
        var bookings = await db.Set<Booking>().AsNoTracking().Where(b => b.Status != BookingStatus.Cancelled).ToListAsync(Ct);
        var pais = await db.Set<Pai>().AsNoTracking().Include(p => p.Versions).ToDictionaryAsync(p => p.Id, Ct);
        var pacts = await db.Set<PattoDiCura>().AsNoTracking().ToDictionaryAsync(p => p.Id, Ct);
        bookings.Count.ShouldBeGreaterThan(300);

        bookings.Where(b => erogatori[b.ErogatoreId].ClosedBecause(b.Date) is not null || !WithinHours(erogatori[b.ErogatoreId], slots[b.SlotId])).Select(Describe).ShouldBeEmpty();
        bookings.Where(b => !erogatori[b.ErogatoreId].Offers(b.ServiceCode) || slots[b.SlotId].ServiceCode != b.ServiceCode).Select(Describe).ShouldBeEmpty();
        bookings.Where(b => !InPeriod(pacts[pais[b.PaiId].PactId], b.Date)).Select(Describe).ShouldBeEmpty();

        var overlapping = bookings.GroupBy(b => b.PatientId).SelectMany(patient => patient.SelectMany(a => patient
            .Where(b => b.Id > a.Id && slots[a.SlotId].StartsAt < slots[b.SlotId].EndsAt && slots[b.SlotId].StartsAt < slots[a.SlotId].EndsAt)
            .Select(b => $"{Describe(a)} e {Describe(b)}")));
        overlapping.ShouldBeEmpty();

        var overFrequency = bookings.Where(b => b.HoldsSeat)
            .GroupBy(b => (b.PaiId, b.ServiceCode, Year: Booking.PlanYearOf(pais[b.PaiId].StartDate, b.Date).From))
            .Where(g => pais[g.Key.PaiId].ActiveVersion?.Services.FirstOrDefault(i => i.Code == g.Key.ServiceCode) is not { PerYear: { } perYear } || g.Count() > perYear)
            .Select(g => $"PAI {g.Key.PaiId}, {g.Key.ServiceCode}: {g.Count()} nell'anno dal {g.Key.Year:dd/MM/yyyy}");
        overFrequency.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deliveries_AreOnOrAfterTheAppointmentsDay_NotInTheFuture_AndWithinThePact()
    {
        await using var db = region.Db();
        var pais = await db.Set<Pai>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.PactId, Ct);
        var pacts = await db.Set<PattoDiCura>().AsNoTracking().ToDictionaryAsync(p => p.Id, Ct);
        var delivered = await db.Set<Booking>().AsNoTracking().Where(b => b.Status == BookingStatus.Delivered).ToListAsync(Ct);
        delivered.Count.ShouldBeGreaterThan(100);

        delivered.Where(b => b.DeliveredOn is not { } on || on < b.Date || on > Today || !InPeriod(pacts[pais[b.PaiId]], on)).Select(Describe).ShouldBeEmpty();
        (await db.Set<DeliveredService>().CountAsync(d => d.Date > Today, Ct)).ShouldBe(0);
        (await db.Set<Booking>().CountAsync(b => b.Status == BookingStatus.Missed && b.Date >= Today, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task DemoRegion_HoldsAnApprovedReclassificationToALevelTheGestoreLacks_AndThePatientIsOfferedAChangeOfGestore()
    {
        await using var db = region.Db();
        var care = new CareServices(db, TimeProvider.System, CareCatalogues.Load(ReferenceData.Default()));
        var beyond = await db.Set<ReclassificationRequest>().AsNoTracking()
            .Where(r => r.Status == RequestStatus.Approved && r.DecisionNote != null && r.DecisionNote.Contains("non è accreditato")).ToListAsync(Ct);

        beyond.ShouldNotBeEmpty();
        var offers = new List<string>();
        foreach (var request in beyond)
        {
            if (await care.Enrolment.ChangeOfferAsync(request.PatientId, Ct) is { } offer)
            {
                offer.Level.ShouldBe(request.ToLevel);
                offer.Gestori.ShouldNotBeEmpty();
                offers.Add(request.PatientId);
            }
        }

        // In the demo ATS, where the ATS operator's demo account sees it.
        string? demoAts = await Web.Security.DemoAccounts.DemoAtsAsync(db, Ct);
        (await db.Residents.CountAsync(r => offers.Contains(r.Id) && r.Ats == demoAts, Ct)).ShouldBeGreaterThan(0);
    }

    private static async Task<Dictionary<string, Erogatore>> ErogatoriAsync(TerritorioDbContext db) =>
        await db.Set<Erogatore>().AsNoTracking().Include(e => e.Services).Include(e => e.OpeningHours).Include(e => e.Closures).AsSplitQuery().ToDictionaryAsync(e => e.Id, Ct);

    private static bool WithinHours(Erogatore erogatore, AgendaSlot slot) =>
        erogatore.HoursOn(slot.Date.DayOfWeek) is { } hours && slot.Start >= hours.Opens && slot.EndsAt <= slot.Date.ToDateTime(hours.Closes);

    /// <summary>Within the pact's period (a pact cancelled later, e.g. at the patient's death, keeps what happened before).</summary>
    private static bool InPeriod(PattoDiCura pact, DateOnly day) => day >= pact.StartDate && day <= pact.EndDate;

    private static string Describe(AgendaSlot s) => $"slot {s.Id} {s.ErogatoreId} {s.ServiceCode} {s.Date:dd/MM/yyyy} {s.Start:HH\\:mm}";

    private static string Describe(Booking b) => $"prenotazione {b.Id} di {b.PatientId} ({b.ServiceCode} presso {b.ErogatoreId} il {b.Date:dd/MM/yyyy} {b.Start:HH\\:mm}, {b.Status})";
}
