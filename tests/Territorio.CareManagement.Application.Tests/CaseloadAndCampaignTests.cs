using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.Data;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>The worklist's filters, sorts and caseloads; the ATS's letter campaigns; on SQLite and PostgreSQL.</summary>
public class CaseloadAndCampaignTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WorklistFilters_ByCaseManager_Unassigned_Level_PathologyAndPactState_ListOnlyTheirCases(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        // P1..P3 signed 40 days ago, no PAI yet: all three on the worklist.
        foreach (string patient in new[] { "P1", "P2", "P3" })
        {
            await world.SignedSinceAsync(Today.AddDays(-40), patient, "G1", "paziente", "dr.rossi", CaseManager());
        }

        await world.UseAsync(db => new CaseloadService(db, world.Clock).AssignAsync("P2", "cm.verdi", Manager(), Ct));
        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P3", 1, "20", ["56"], Manager(), "scompenso documentato", Ct));
        await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "documentazione adeguata", Ct));

        Task<string[]> PatientsAsync(WorklistFilter filter) => world.UseAsync(async db =>
            (await world.Cases(db).WorklistPageAsync("G1", null, 30, 0, 25, Ct, filter)).Entries.Select(e => e.PatientId).ToArray());

        (await PatientsAsync(new WorklistFilter(CaseManager: "cm.verdi"))).ShouldBe(["P2"]);
        (await PatientsAsync(new WorklistFilter(Unassigned: true))).ShouldBe(["P3", "P1"]);
        (await PatientsAsync(new WorklistFilter(Level: 1))).ShouldBe(["P3"]);
        (await PatientsAsync(new WorklistFilter(Level: 2, Pathology: "56"))).ShouldBe(["P1", "P2"]);
        (await PatientsAsync(new WorklistFilter(Pathology: "20"))).ShouldBe(["P3"]);
        (await PatientsAsync(new WorklistFilter(PactState: WorklistPactState.WithoutPai))).Length.ShouldBe(3);
        (await PatientsAsync(new WorklistFilter(PactState: WorklistPactState.WithPai))).ShouldBeEmpty();
        (await PatientsAsync(new WorklistFilter(PactState: WorklistPactState.Expiring))).ShouldBeEmpty();

        var page = await world.UseAsync(db => world.Cases(db).WorklistPageAsync("G1", null, 30, 0, 25, Ct, new WorklistFilter(CaseManager: "cm.verdi")));
        page.ShouldSatisfyAllConditions(p => p.Total.ShouldBe(1), p => p.Cases!["P2"].CaseManager.ShouldBe("cm.verdi"));
        var caseloads = await world.UseAsync(db => world.Cases(db).CaseloadsAsync("G1", Ct));
        caseloads.ShouldBe([("cm.verdi", 1), (null, 2)]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WorklistAdherence_RefreshedToTheDay_FiltersBelowTheThreshold_AndSortsLowestFirst(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        foreach (string patient in new[] { "P1", "P3" })
        {
            await world.EnrolWithPaiAsync(patient);
        }

        // A year on, every window has closed; P3 had one visit, P1 nothing: P1's row was last written the day of its PAI.
        world.Clock.UtcNow = world.Clock.UtcNow.AddDays(370);
        await world.UseAsync(db => world.Delivered(db).ImportAsync(new StringReader($"person_id,date,code\nP3,{Today.AddDays(20):yyyy-MM-dd},89.01\n"), "flusso.csv", Actor.System, Ct));

        (await world.UseAsync(db => new CaseloadService(db, world.Clock).RefreshAdherenceAsync("G1", Ct))).ShouldBe(1);
        var below = await world.UseAsync(db => world.Cases(db).WorklistPageAsync("G1", null, 30, 0, 25, Ct, new WorklistFilter(AdherenceBelow: 1)));
        var sorted = await world.UseAsync(db => world.Cases(db).WorklistPageAsync("G1", null, 30, 0, 25, Ct, new WorklistFilter(Sort: WorklistSort.Adherence)));

        below.Entries.Select(e => e.PatientId).ShouldBe(["P1"]);
        below.Cases!["P1"].ShouldSatisfyAllConditions(c => c.AdherencePercent.ShouldBe(0), c => c.RefreshedOn.ShouldBe(Today.AddDays(370)));
        sorted.Entries.Select(e => e.PatientId).ShouldBe(["P1", "P3"]);
        sorted.Cases!["P3"].AdherencePercent.ShouldNotBeNull().ShouldBeGreaterThan(0);
        (await world.UseAsync(db => new CaseloadService(db, world.Clock).RefreshAdherenceAsync("G1", Ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LetterCampaign_ChoosesByLevelAndGp_IssuesOnce_AndCountsDeclinedAndEnrolled(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        LetterCampaignService Letters(TerritorioDbContext db) => new(db, world.Clock, world.Catalogues);
        var target = new LetterTarget(2, "56", "MMG1");

        var invitable = await world.UseAsync(db => Letters(db).InvitableAsync(Ats, target, 0, 2, Ct));
        invitable.ShouldSatisfyAllConditions(i => i.Total.ShouldBe(5), i => i.Patients.Select(p => p.PatientId).ShouldBe(["P1", "P2"]));
        (await world.UseAsync(db => Letters(db).InvitableAsync(Ats, target with { MmgId = "MMG9" }, 0, 10, Ct))).Total.ShouldBe(0);
        var preview = await world.UseAsync(db => Letters(db).PreviewAsync(Ats, target, AtsOperator, Ct));
        preview.ShouldNotBeNull().Letter.PatientId.ShouldBe("P1");
        (await world.UseAsync(db => Letters(db).CampaignsAsync(Ats, Ct))).ShouldBeEmpty();

        var campaign = await world.UseAsync(db => Letters(db).IssueAsync(Ats, target, AtsOperator, Ct));
        campaign.Letters.ShouldBe(5);
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => Letters(db).IssueAsync(Ats, target, AtsOperator, Ct))))
            .Message.ShouldContain("nessun paziente candidabile ancora da invitare");

        await world.UseAsync(db => Letters(db).DeclineAsync(campaign.Id, "P2", AtsOperator, "non interessato", Ct));
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => Letters(db).DeclineAsync(campaign.Id, "Q1", AtsOperator, "x", Ct))))
            .Message.ShouldContain("nessuna lettera della campagna");

        var progress = (await world.UseAsync(db => Letters(db).CampaignAsync(Ats, campaign.Id, Ct))).ShouldNotBeNull();
        progress.ShouldSatisfyAllConditions(p => p.Declined.ShouldBe(1), p => p.Enrolled.ShouldBe(1));
        (await world.UseAsync(db => Letters(db).CampaignAsync("322", campaign.Id, Ct))).ShouldBeNull();
        var (total, letters) = await world.UseAsync(db => Letters(db).LettersAsync(campaign.Id, 0, 2, Ct));
        total.ShouldBe(5);
        letters.Select(l => (l.Letter.PatientId, l.Enrolled, l.Letter.DeclinedOn)).ShouldBe([("P1", true, null), ("P2", false, (DateOnly?)Today)]);
        var contents = await world.UseAsync(db => Letters(db).ContentsAsync(campaign.Id, null, Ct));
        contents.Select(c => c.Letter.PatientId).ShouldBe(["P1", "P2", "P3", "P4", "P5"]);
        contents[0].ShouldSatisfyAllConditions(c => c.MmgId.ShouldBe("MMG1"), c => c.Gestori.Select(g => g.Id).ShouldBe(["G1", "G2"]));
    }
}
