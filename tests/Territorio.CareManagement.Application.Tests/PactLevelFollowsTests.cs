using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Remuneration;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Remuneration.Yearly;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>An approved reclassification moves the pact's level, the PAI template and the pay periods from the decision's day (real databases).</summary>
public class PactLevelFollowsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ApprovedReclassification_PactLevelTemplateAndPayPeriodsFollow_FromTheDecisionDay(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        var start = Today.AddMonths(-1);
        world.Clock.UtcNow = start.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));
        world.Clock.UtcNow = Today.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 1, "20", [], Manager(), "scompenso documentato", Ct));

        await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "adeguata", Ct));

        var pact = await world.UseAsync(db => db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.PatientId == "P1", Ct));
        pact.Level.ShouldBe(1);
        pact.LevelPeriods.Select(p => (p.From, p.Level, p.MainPathology, p.ReclassificationId))
            .ShouldBe([(start, 2, "56", (long?)null), (Today, 1, "20", request.Id)]);
        (await world.UseAsync(db => world.Pai(db).TemplateForAsync("P1", Ct))).Level.ShouldBe(1);
        var periods = await world.UseAsync(db => new CarePactPeriodSource(db).ReadYearAsync(2026, Ats, Ct));
        periods.Select(p => (p.Start, p.End, p.Pathology, p.Level)).ShouldBe([(start, Today.AddDays(-1), 56, 2), (Today, pact.EndDate, 20, 1)]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ApprovedToALevelTheGestoreLacks_DecisionSaysSo_AndThePatientIsOfferedTheEligibleGestori(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G2", null, "paziente", "dr.verdi", CaseManager("G2"), Ct));
        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 1, "20", [], Manager("G2"), "fragilità", Ct));
        (await world.UseAsync(db => world.Enrolment(db).ChangeOfferAsync("P1", Ct))).ShouldBeNull();

        var decided = await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "adeguata", Ct));

        decided.DecisionNote.ShouldNotBeNull().ShouldContain("Cooperativa MMG Milano (G2) non è accreditato per il livello 1");
        var offer = (await world.UseAsync(db => world.Enrolment(db).ChangeOfferAsync("P1", Ct))).ShouldNotBeNull();
        offer.Level.ShouldBe(1);
        offer.CurrentGestore.Id.ShouldBe("G2");
        offer.Gestori.Select(g => (g.Id, g.Name)).ShouldBe([("G1", "ASST Nord Milano")]);
        offer.Reclassification.ShouldNotBeNull().Id.ShouldBe(request.Id);

        // The patient chooses G1: the ordinary change of Gestore starts, and the offer is answered.
        var change = await world.UseAsync(db => world.Enrolment(db).RequestChangeAsync("P1", "G1", Today.AddDays(30), new(ActorRole.Patient, "P1"), "riclassificazione al livello 1", Ct));
        change.Status.ShouldBe(RequestStatus.Pending);
        (await world.UseAsync(db => world.Enrolment(db).ChangeOfferAsync("P1", Ct))).ShouldBeNull();
        (await world.UseAsync(db => db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.PatientId == "P1", Ct))).ShouldSatisfyAllConditions(
            p => p.GestoreId.ShouldBe("G2"),
            p => p.Status.ShouldBe(PactStatus.Active));
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangeToAGestoreNotAccreditedAtTheNewLevel_IsRefused(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));
        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 1, "20", [], Manager(), "fragilità", Ct));
        await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "adeguata", Ct));

        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).RequestChangeAsync("P1", "G2", Today.AddDays(30), new(ActorRole.Patient, "P1"), "vicino a casa", Ct))))
            .Message.ShouldContain("non è idoneo per l'ATS 321 al livello 1");
    }
}
