using Territorio.CareManagement.Application.Remuneration;
using Territorio.CareManagement.Common;
using Territorio.Data;
using Territorio.Flows.Reference;
using Territorio.Flows.Remuneration;
using Territorio.Remuneration.Yearly;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>The pact periods of a year read from the care tables and paid (decision 0056), on SQLite and PostgreSQL.</summary>
public class RemunerationFromCareTests
{
    private static readonly DateOnly Start = new(2026, 1, 10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Year_WithReclassificationChangeOfGestoreDeathAndMmgRoles_IsPaidPeriodByPeriod(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Gestori(db).AddMemberAsync("G2", "MMG1", new DateOnly(2025, 1, 1), AtsOperator, Ct));
        world.Clock.UtcNow = Start.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        foreach (var (patient, gestore) in new[] { ("P1", "G1"), ("P2", "G1"), ("P3", "G2"), ("P4", "G1") })
        {
            await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync(patient, gestore, null, "paziente", "dr.rossi", CaseManager(gestore), Ct));
        }

        // P4's GP drafts the PAI for G1, which validates it: a collaborator's PAI.
        var plan = await world.UseAsync(db => world.Pai(db).TemplateForAsync("P4", Ct));
        await world.UseAsync(db => world.Pai(db).ProposeAsync("P4", plan.Items, Doctor, "bozza del MMG", Ct));
        await world.UseAsync(db => world.Pai(db).DecideProposalAsync("P4", accept: true, Manager(), "validata", Ct));

        // 2 March: P1 reclassified to heart failure, level 1; P2 moves to the GPs' cooperative from 1 May.
        world.Clock.UtcNow = Today.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var reclassification = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 1, "20", ["56", "50", "17"], Manager(), "scompenso documentato", Ct));
        await world.UseAsync(db => world.Reclassification(db).DecideAsync(reclassification.Id, approve: true, Commission, "adeguata", Ct));
        var change = await world.UseAsync(db => world.Enrolment(db).RequestChangeAsync("P2", "G2", new DateOnly(2026, 5, 1), new Actor(ActorRole.Patient, "P2"), "il mio MMG", Ct));
        await world.UseAsync(db => world.Enrolment(db).DecideChangeAsync(change.Id, approve: true, Commission, "accolta", Ct));
        world.Clock.UtcNow = new DateTime(2026, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P2", "G2", null, "paziente", "dr.verdi", CaseManager("G2"), Ct));
        // P3 dies on 15 June.
        await world.UseAsync(async db =>
        {
            (await db.Residents.FindAsync(["P3"], Ct))!.RecordDeath(new DateOnly(2026, 6, 15));
            await db.SaveChangesAsync(Ct);
        });

        var periods = await world.UseAsync(db => new CarePactPeriodSource(db, batchSize: 2).ReadYearAsync(2026, Ats, Ct));
        var reference = ReferenceData.Default();
        var catalogue = TariffCatalogueJson.Read(reference.PathOf("remuneration", "tariffe.json"), ChronicPathologies.Load(reference).Codes);
        var result = RemunerationEngine.Run(periods, catalogue, 2026, new RemunerationOptions { PaiFee = 50m });

        result.Issues.ShouldBeEmpty();
        result.Lines.Select(l => (l.Period.PatientId, l.Period.GestoreId, l.Tariff.Pathology, l.Tariff.Level, l.From, l.To, l.EndedByDeath, l.Period.MmgRole))
            .OrderBy(l => l.PatientId).ThenBy(l => l.From)
            .ShouldBe([
                ("P1", "G1", 56, 2, Start, new DateOnly(2026, 3, 1), false, MmgRole.BusinessAsUsual),
                ("P1", "G1", 20, 1, Today, new DateOnly(2026, 12, 31), false, MmgRole.BusinessAsUsual),
                ("P2", "G1", 56, 2, Start, new DateOnly(2026, 4, 30), false, MmgRole.BusinessAsUsual),
                ("P2", "G2", 56, 2, new DateOnly(2026, 5, 1), new DateOnly(2026, 12, 31), false, MmgRole.GestoreMember),
                ("P3", "G2", 56, 2, Start, new DateOnly(2026, 6, 15), true, MmgRole.GestoreMember),
                ("P4", "G1", 56, 2, Start, new DateOnly(2026, 12, 31), false, MmgRole.Collaborator),
            ]);
        var p2InCooperative = result.Lines.Single(l => l.Period.GestoreId == "G2" && l.Period.PatientId == "P2");
        p2InCooperative.Amount.ShouldBe(RemunerationEngine.ProRata(p2InCooperative.Tariff.Total, 245, 365));
        result.MmgLines.Select(l => (l.Period.PatientId, l.Kind, l.Amount)).OrderBy(l => l.PatientId).ShouldBe([
            ("P2", MmgPayKind.GpShare, p2InCooperative.MmgShareAmount),
            ("P3", MmgPayKind.GpShare, result.Lines.Single(l => l.Period.PatientId == "P3").MmgShareAmount),
            ("P4", MmgPayKind.PaiFee, 50m),
        ]);
        result.Gestori.ShouldAllBe(g => g.Total == g.Lines.Sum(l => l.Amount));
        result.Total.ShouldBe(result.Gestori.Sum(g => g.Total));
        result.Total.ShouldBe(result.Lines.Sum(l => l.Amount));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OtherAtsAndOtherYears_AreNotRead(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));

        (await world.UseAsync(db => new CarePactPeriodSource(db).ReadYearAsync(2026, "322", Ct))).ShouldBeEmpty();
        (await world.UseAsync(db => new CarePactPeriodSource(db).ReadYearAsync(2025, null, Ct))).ShouldBeEmpty();
        (await world.UseAsync(db => new CarePactPeriodSource(db).ReadYearAsync(2027, Ats, Ct))).ShouldHaveSingleItem().End.ShouldBe(new DateOnly(2027, 3, 1));
    }
}
