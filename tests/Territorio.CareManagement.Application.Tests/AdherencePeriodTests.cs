using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>Issue 16: adherence counts only delivered services within the pact's period, through the application services.</summary>
public class AdherencePeriodTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangeOfGestore_TheNewPaiCountsOnlyTheDeliveriesOfTheNewPact(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.SignedSinceAsync(Today.AddDays(-60), "P1", "G1", "paziente", "dr.rossi", CaseManager());
        await world.UseAsync(db => world.Pai(db).WriteFromTemplateAsync("P1", Manager(), null, Ct));
        await world.UseAsync(db => world.Delivered(db).ImportAsync(new StringReader($"person_id,date,code\nP1,{Today.AddDays(-20):yyyy-MM-dd},89.01\n"), "flusso.csv", Actor.System, Ct));
        (await world.UseAsync(db => world.Cases(db).AdherenceAsync("P1", null, Ct))).Items.Single(i => i.Code == "89.01").Done.ShouldBe(1);

        var effective = Today.AddDays(15);
        var request = await world.UseAsync(db => world.Enrolment(db).RequestChangeAsync("P1", "G2", effective, new Actor(ActorRole.Patient, "P1"), "vuole la cooperativa del proprio MMG", Ct));
        await world.UseAsync(db => world.Enrolment(db).DecideChangeAsync(request.Id, approve: true, Commission, "richiesta motivata", Ct));
        world.Clock.UtcNow = effective.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G2", null, "paziente", "dr.verdi", CaseManager("G2"), Ct));
        await world.UseAsync(db => world.Pai(db).WriteFromTemplateAsync("P1", Manager("G2"), null, Ct));

        var fresh = await world.UseAsync(db => world.Cases(db).AdherenceAsync("P1", null, Ct));
        fresh.PlanStart.ShouldBe(effective);
        fresh.Done.ShouldBe(0);

        world.Clock.UtcNow = world.Clock.UtcNow.AddDays(10);
        await world.UseAsync(db => world.Delivered(db).ImportAsync(new StringReader($"person_id,date,code\nP1,{effective.AddDays(5):yyyy-MM-dd},89.01\n"), "flusso.csv", Actor.System, Ct));
        var visits = (await world.UseAsync(db => world.Cases(db).AdherenceAsync("P1", null, Ct))).Items.Single(i => i.Code == "89.01");
        visits.Done.ShouldBe(1);
        visits.Occurrences.Where(o => o.State == OccurrenceState.Done).Select(o => o.DeliveredOn).ShouldBe([effective.AddDays(5)]);

        // The old PAI, read after its pact closed: its own delivery only, and nothing overdue after its last day.
        var old = await world.UseAsync(async db => await world.Cases(db).AdherenceAsync(await db.Set<Pai>().SingleAsync(p => p.PatientId == "P1" && p.GestoreId == "G1", Ct), null, Ct));
        old.ShouldNotBeNull().LastDay.ShouldBe(effective.AddDays(-1));
        old.Items.Single(i => i.Code == "89.01").Occurrences.Where(o => o.State == OccurrenceState.Done).Select(o => o.DeliveredOn).ShouldBe([Today.AddDays(-20)]);
        old.Items.SelectMany(i => i.Occurrences).ShouldAllBe(o => o.From <= old.LastDay && (o.State != OccurrenceState.Overdue || o.To <= old.LastDay));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RenewedPact_TheSecondYearIsMeasuredOnItsOwnWindows(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        var start = Today.AddDays(-320);
        var signed = await world.SignedSinceAsync(start, "P2", "G1", "paziente", "dr.rossi", CaseManager());
        await world.UseAsync(db => world.Pai(db).WriteFromTemplateAsync("P2", Manager(), null, Ct));
        await world.UseAsync(db => world.Delivered(db).ImportAsync(new StringReader($"person_id,date,code\nP2,{start.AddDays(20):yyyy-MM-dd},89.01\n"), "flusso.csv", Actor.System, Ct));
        await world.UseAsync(db => world.Enrolment(db).RenewAsync(signed.Pact.Id, new PatientSignature(SignatureMethod.Paper, "Carla Neri (cm.bianchi)", "patto-0123456789abcdef0123456789abcdef.pdf"), CaseManager(), Ct));

        var secondYear = PattoDiCura.OneYearFrom(start).AddDays(1);
        var report = await world.UseAsync(db => world.Cases(db).AdherenceAsync("P2", PattoDiCura.OneYearFrom(secondYear).AddDays(1), Ct));

        report.LastDay.ShouldBe(PattoDiCura.OneYearFrom(secondYear));
        var visits = report.Items.Single(i => i.Code == "89.01");
        visits.Occurrences.Count.ShouldBe(2 * visits.PlannedPerYear);
        visits.Occurrences.Where(o => o.From >= secondYear).ShouldAllBe(o => o.State == OccurrenceState.Overdue);
        visits.Occurrences.Where(o => o.State == OccurrenceState.Done).Select(o => o.DeliveredOn).ShouldBe([start.AddDays(20)]);
    }
}
