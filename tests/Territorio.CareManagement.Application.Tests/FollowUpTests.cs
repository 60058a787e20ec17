using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>The case manager's contacts and the GP's drafts and proposals, through the services, on SQLite and PostgreSQL.</summary>
public class FollowUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Contact_Recorded_IsListedNewestFirst_AudittedAndLowersTheWorklist(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        // P1 and P2 signed 40 days ago, no PAI yet: both on the worklist for the PAI not written.
        foreach (var patient in new[] { "P1", "P2" })
        {
            await world.SignedSinceAsync(Today.AddDays(-40), patient, "G1", "paziente", "dr.rossi", CaseManager());
        }

        (await world.UseAsync(db => world.Cases(db).WorklistAsync("G1", null, 30, Ct))).Select(e => e.PatientId).ShouldBe(["P1", "P2"]);

        await world.UseAsync(db => new ContactService(db, world.Clock).RecordAsync("P1", ContactKind.PhoneCall, Today.AddDays(-2), ContactOutcome.NotReached, "squilla a vuoto", CaseManager(), Ct));
        await world.UseAsync(db => new ContactService(db, world.Clock).RecordAsync("P1", ContactKind.PhoneCall, null, ContactOutcome.Reached, "fissata la visita", CaseManager(), Ct));

        var contacts = await world.UseAsync(db => new ContactService(db, world.Clock).OfPatientAsync("P1", 10, Ct));
        contacts.Select(c => (c.Date, c.Outcome)).ShouldBe([(Today, ContactOutcome.Reached), (Today.AddDays(-2), ContactOutcome.NotReached)]);
        var worklist = await world.UseAsync(db => world.Cases(db).WorklistAsync("G1", null, 30, Ct));
        worklist.Select(e => e.PatientId).ShouldBe(["P2", "P1"]);
        worklist[1].ShouldSatisfyAllConditions(e => e.ContactedOn.ShouldBe(Today), e => e.Contacts!.Recent.ShouldBe(2));
        (await world.UseAsync(db => world.Cases(db).HistoryAsync("P1", Ct))).Count(h => h.Action == "contatto registrato").ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Contact_ForAPatientWithoutActivePact_OrByAnotherGestore_IsRefused(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));

        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => new ContactService(db, world.Clock).RecordAsync("P2", ContactKind.Visit, null, ContactOutcome.Reached, null, CaseManager(), Ct))))
            .Message.ShouldContain("non ha un patto di cura attivo");
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => new ContactService(db, world.Clock).RecordAsync("P1", ContactKind.Visit, null, ContactOutcome.Reached, null, CaseManager("G2"), Ct))))
            .Message.ShouldContain("Gestore G1");
        (await world.UseAsync(db => new ContactService(db, world.Clock).OfPatientAsync("P1", 10, Ct))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MmgDraft_FromTemplate_IsPendingForTheGestore_ThenValidated_ThenADraftIsRefused(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));

        var draft = await world.UseAsync(db => world.Pai(db).DraftFromTemplateAsync("P1", Doctor, null, Ct));
        draft.ShouldSatisfyAllConditions(d => d.Status.ShouldBe(PaiVersionStatus.Proposed), d => d.Reason.ShouldContain("bozza del MMG dal modello provvisorio"));
        var pending = await world.UseAsync(db => world.Pai(db).PendingProposalsAsync("G1", 10, Ct));
        pending.ShouldHaveSingleItem().ShouldSatisfyAllConditions(p => p.PatientId.ShouldBe("P1"), p => p.MmgId.ShouldBe("MMG1"), p => p.IsDraft.ShouldBeTrue());
        (await world.UseAsync(db => world.Pai(db).PendingProposalsAsync("G2", 10, Ct))).ShouldBeEmpty();

        await world.UseAsync(db => world.Pai(db).DecideProposalAsync("P1", accept: true, Manager(), "validata", Ct));

        (await world.UseAsync(db => world.Pai(db).FindAsync("P1", Ct)))!.ActiveVersion!.Number.ShouldBe(1);
        (await world.UseAsync(db => world.Pai(db).PendingProposalsAsync("G1", 10, Ct))).ShouldBeEmpty();
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Pai(db).DraftFromTemplateAsync("P1", Doctor, null, Ct))))
            .Message.ShouldContain("proporre una modifica");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MmgProposal_Rejected_KeepsReasonInHistory_AndAChangedProposalIsListedAsModification(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");
        var active = (await world.UseAsync(db => world.Pai(db).FindAsync("P1", Ct)))!.ActiveVersion!;
        var moreVisits = active.Items.Select(i => i.Code == "89.01" ? PaiItem.Service(i.Code, i.Description, 4, i.FromMonth, i.ToMonth) : i).ToList();

        await world.UseAsync(db => world.Pai(db).ProposeAsync("P1", moreVisits, Doctor, "pressione instabile", Ct));
        (await world.UseAsync(db => world.Pai(db).PendingProposalsAsync("G1", 10, Ct))).Single().IsDraft.ShouldBeFalse();
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Pai(db).DecideProposalAsync("P1", accept: false, Manager(), null, Ct))))
            .Message.ShouldContain("serve una motivazione");
        await world.UseAsync(db => world.Pai(db).DecideProposalAsync("P1", accept: false, Manager(), "controlli già sufficienti", Ct));

        var pai = (await world.UseAsync(db => world.Pai(db).FindAsync("P1", Ct)))!;
        pai.Versions.Single(v => v.Number == 2).ShouldSatisfyAllConditions(
            v => v.Status.ShouldBe(PaiVersionStatus.Rejected),
            v => v.DecisionReason.ShouldBe("controlli già sufficienti"),
            v => v.Items.Single(i => i.Code == "89.01").PerYear.ShouldBe(4));
        pai.ActiveVersion!.Number.ShouldBe(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Classifications_ForManyPatients_MatchTheOnePatientQuery(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");
        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 1, "20", ["56"], Manager(), "scompenso", Ct));
        await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "documentato", Ct));

        var many = await world.UseAsync(db => Classifications.EffectiveAsync(db, db.Residents.Where(r => r.Ats == Ats).Select(r => r.Id), Ct));

        foreach (var id in new[] { "P1", "P2", "P6" })
        {
            var one = await world.UseAsync(db => ClassificationQueries.EffectiveAsync(db, id, Ct));
            many.GetValueOrDefault(id).ShouldBe(one, id);
        }

        many["P1"].Level.ShouldBe(1);
        many.ContainsKey("Q1").ShouldBeFalse();
    }
}
