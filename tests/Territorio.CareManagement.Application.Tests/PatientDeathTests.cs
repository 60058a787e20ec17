using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Application.Remuneration;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Flows.Reference;
using Territorio.Flows.Remuneration;
using Territorio.Remuneration.Yearly;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>A patient's death recorded by the ATS: the pact keeps the days it ran, later bookings are cancelled, on SQLite and PostgreSQL.</summary>
public class PatientDeathTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Death_KeepsDeliveriesBeforeIt_PaysUpToTheDeath_AndCancelsLaterBookings(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        var (before, after) = await EnrolWithTwoBookingsAsync(world);
        var died = before.Date.AddDays(5);
        world.Clock.UtcNow = died.AddDays(3).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);

        var (pact, cancelled) = await world.UseAsync(db => world.Enrolment(db).RecordDeathAsync("P1", new DeathNotice(died, DeathSource.CertificatoDiMorte), AtsOperator, Ct));

        pact.ShouldNotBeNull().ShouldSatisfyAllConditions(p => p.Status.ShouldBe(PactStatus.Cancelled), p => p.EndDate.ShouldBe(died), p => p.IsInForceOn(before.Date).ShouldBeTrue());
        cancelled.ShouldBe(1);
        var bookings = await world.UseAsync(db => world.Bookings(db).OfPatientAsync("P1", Ct));
        bookings.Single(b => b.Id == after.Id).ShouldSatisfyAllConditions(b => b.Status.ShouldBe(BookingStatus.Cancelled), b => b.CancelReason.ShouldBe(PatientDeath.Reason));
        bookings.Single(b => b.Id == before.Id).Status.ShouldBe(BookingStatus.Booked);
        (await world.UseAsync(db => world.Network(db).FreeSlotsAsync("89.52", "G1", after.Date, after.Date, 10, Ct)))
            .Single(s => s.SlotId == after.SlotId).Free.ShouldBe(2);

        // The outpatient flow arrives late: the visit before the death counts, a service after it does not.
        var flow = $"person_id,date,code\nP1,{before.Date:yyyy-MM-dd},89.01\nP1,{died.AddDays(1):yyyy-MM-dd},89.52\n";
        var imported = await world.UseAsync(db => world.Delivered(db).ImportAsync(new StringReader(flow), "outpatient.csv", Actor.System, Ct));
        imported.ShouldSatisfyAllConditions(r => r.Booked.ShouldBe(1), r => r.NotInCharge.ShouldBe(1));
        var adherence = await world.UseAsync(async db => await world.Cases(db).AdherenceAsync(await db.Set<Pai>().SingleAsync(p => p.PatientId == "P1", Ct), null, Ct));
        adherence.ShouldNotBeNull().Items.Single(i => i.Code == "89.01").Done.ShouldBe(1);

        // DGR X/6164/2017: the yearly tariff, pro rata up to the day of death.
        var periods = await world.UseAsync(db => new CarePactPeriodSource(db).ReadYearAsync(2026, Ats, Ct));
        var reference = ReferenceData.Default();
        var catalogue = TariffCatalogueJson.Read(reference.PathOf("remuneration", "tariffe.json"), ChronicPathologies.Load(reference).Codes);
        var line = RemunerationEngine.Run(periods, catalogue, 2026, new RemunerationOptions()).Lines.ShouldHaveSingleItem();
        line.ShouldSatisfyAllConditions(l => l.From.ShouldBe(Today), l => l.To.ShouldBe(died), l => l.EndedByDeath.ShouldBeTrue(),
            l => l.Amount.ShouldBe(RemunerationEngine.ProRata(l.Tariff.Total, died.DayNumber - Today.DayNumber + 1, 365)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AfterDeath_DeliveryAfterTheDeathDay_NewBookings_AndAFutureDeath_AreRefused(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");
        long soon = await world.FirstSlotAsync(inDays: 7), other = await world.FirstSlotAsync("89.52", inDays: 20);
        var booking = await world.UseAsync(db => world.Bookings(db).BookAsync("P1", soon, CaseManager(), Ct));
        world.Clock.UtcNow = booking.Date.AddDays(3).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);

        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).RecordDeathAsync("P1", new DeathNotice(booking.Date.AddDays(4), DeathSource.CertificatoDiMorte), AtsOperator, Ct))))
            .Message.ShouldContain("nel futuro");
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).RecordDeathAsync("P1", new DeathNotice(booking.Date, DeathSource.CertificatoDiMorte), CaseManager(), Ct))))
            .Message.ShouldContain("solo l'ATS");

        await world.UseAsync(db => world.Enrolment(db).RecordDeathAsync("P1", new DeathNotice(booking.Date.AddDays(-1), DeathSource.CertificatoDiMorte), AtsOperator, Ct));

        var erogatore = new Actor(ActorRole.Erogatore, "op.e1", "E1");
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Bookings(db).MarkDeliveredAsync(booking.Id, booking.Date, erogatore, Ct))))
            .Message.ShouldContain("annullata");
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Bookings(db).BookAsync("P1", other, CaseManager(), Ct))))
            .Message.ShouldContain("patto di cura attivo");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeathBeforeThePactsStart_MeansThePactNeverRan_AndIsNotPaid(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");

        var (pact, _) = await world.UseAsync(db => world.Enrolment(db).RecordDeathAsync("P1", new DeathNotice(Today.AddDays(-1), DeathSource.CertificatoDiMorte), AtsOperator, Ct));

        pact.ShouldNotBeNull().WasEverInForce.ShouldBeFalse();
        (await world.UseAsync(db => new CarePactPeriodSource(db).ReadYearAsync(2026, Ats, Ct))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task DeathByHand_PreviewListsTheLaterBookings_RecordIsAudited_AndASecondOneOrAnotherAtsIsRefused(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        var (before, after) = await EnrolWithTwoBookingsAsync(world);
        var notice = new DeathNotice(before.Date.AddDays(1), DeathSource.ComunicazioneMmg, "telefonata del medico");
        world.Clock.UtcNow = before.Date.AddDays(2).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);

        var preview = await world.UseAsync(db => world.Enrolment(db).PreviewDeathAsync("P1", notice, AtsOperator, Ct));
        preview.ShouldSatisfyAllConditions(p => p.Refusal.ShouldBeNull(), p => p.Pact.ShouldNotBeNull(), p => p.BookingsCancelled.Select(b => b.Id).ShouldBe([after.Id]));
        var otherAts = new Actor(ActorRole.Ats, "op.ats", "325");
        (await world.UseAsync(db => world.Enrolment(db).PreviewDeathAsync("P1", notice, otherAts, Ct))).Refusal.ShouldNotBeNull().Message.ShouldContain("un'altra ATS");
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).RecordDeathAsync("P1", notice, otherAts, Ct))))
            .Message.ShouldContain("un'altra ATS");

        var (_, cancelled) = await world.UseAsync(db => world.Enrolment(db).RecordDeathAsync("P1", notice, AtsOperator, Ct));

        cancelled.ShouldBe(1);
        var audit = await world.UseAsync(db => db.Set<AuditEntry>().Where(a => a.PatientId == "P1" && a.Action == "decesso registrato").ToListAsync(Ct));
        audit.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            a => a.Actor.ShouldBe(AtsOperator.ToString()), a => a.Reason.ShouldBe("comunicazione del MMG: telefonata del medico"), a => a.Details.ShouldContain($"{notice.Date:yyyy-MM-dd}"));
        var again = await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).RecordDeathAsync("P1", notice with { Date = notice.Date.AddDays(-3) }, AtsOperator, Ct)));
        again.ShouldSatisfyAllConditions(e => e.Message.ShouldContain($"già deceduto/a il {notice.Date:dd/MM/yyyy}"), e => e.Field.ShouldBe("dataDecesso"));
    }

    /// <summary>P1 in charge with a PAI, booked in a week and in 40 days.</summary>
    private static async Task<(Booking Before, Booking After)> EnrolWithTwoBookingsAsync(CareWorld world)
    {
        await world.EnrolWithPaiAsync("P1");
        long soon = await world.FirstSlotAsync(inDays: 7), later = await world.FirstSlotAsync("89.52", inDays: 40);
        var before = await world.UseAsync(db => world.Bookings(db).BookAsync("P1", soon, CaseManager(), Ct));
        var after = await world.UseAsync(db => world.Bookings(db).BookAsync("P1", later, CaseManager(), Ct));
        return (before, after);
    }
}
