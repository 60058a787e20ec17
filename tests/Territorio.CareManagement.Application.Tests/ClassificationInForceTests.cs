using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.Data;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>
/// The classification in force (latest stratification + reclassifications approved since) is what
/// eligibility and letters read (decision 0055), on SQLite and PostgreSQL.
/// </summary>
public class ClassificationInForceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Eligible_AfterApprovedReclassificationToLevel4_DropsThePatient(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));
        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 4, "56", [], Manager(), "ipertensione controllata, nessuna comorbilità", Ct));
        await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "documentazione adeguata", Ct));
        var pact = (await world.UseAsync(db => world.Enrolment(db).PactsOfAsync("P1", Ct))).Single();
        await world.UseAsync(db => world.Enrolment(db).CancelAsync(pact.Id, CaseManager(), "non più cronico", Ct));

        var eligible = await world.UseAsync(db => world.Enrolment(db).EligibleAsync(Ats, 100, Ct));

        // The stratification still says level 2: only the Commission's decision keeps P1 out.
        eligible.Select(e => e.PatientId).ShouldBe(["P2", "P3", "P4", "P5"]);
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct))))
            .Message.ShouldContain("livello 4");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Eligible_AfterApprovedReclassificationToLevel2From4_AddsThePatient_AndTheLetterSaysLevel2(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));
        // A new stratification puts P1 at level 4; its Gestore contests it.
        var levels = "person_id,level,main_pathology,pathologies,evidence\nP1,4,,,x\nP2,2,56,56|50,x\n";
        await world.UseAsync(db => world.Levels(db).ImportAsync(new StringReader(levels), "levels-2.csv", Today, AtsOperator, null, Ct));
        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 2, "56", ["50"], Manager(), "diabete in terapia, non visto dai flussi", Ct));
        var pact = (await world.UseAsync(db => world.Enrolment(db).PactsOfAsync("P1", Ct))).Single();
        await world.UseAsync(db => world.Enrolment(db).CancelAsync(pact.Id, CaseManager(), "il paziente vuole scegliere di nuovo", Ct));
        (await world.UseAsync(db => world.Enrolment(db).EligibleAsync(Ats, 100, Ct))).Select(e => e.PatientId).ShouldBe(["P2"]);

        await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "referti adeguati", Ct));

        var eligible = await world.UseAsync(db => world.Enrolment(db).EligibleAsync(Ats, 100, Ct));
        eligible.Select(e => (e.PatientId, e.Level, e.ReclassificationId)).ShouldBe([("P1", 2, request.Id), ("P2", 2, null)]);
        var letters = await world.UseAsync(db => world.Enrolment(db).IssueLettersAsync(Ats, 10, AtsOperator, Ct));
        letters.Single(l => l.Letter.PatientId == "P1").Letter.Level.ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Approved_AfterANewStratificationFoundAnotherPathology_KeepsIt_AndChangesOnlyWhatTheRequestNames(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));
        // Proposed on 56|50: level 1, ischaemic heart disease (29) added, diabetes (50) removed.
        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 1, "29", [], Manager(), "cardiopatia ischemica con ricoveri", Ct, ["50"]));
        // Before the Commission meets, the next stratification also finds COPD (39) with its evidence.
        var levels = "person_id,level,main_pathology,pathologies,evidence\nP1,2,56,56|50|39,\"SDO 491.2 2026-02-20\"\nP2,2,56,56|50,x\n";
        await world.UseAsync(db => world.Levels(db).ImportAsync(new StringReader(levels), "levels-2.csv", Today.AddDays(-1), AtsOperator, null, Ct));

        await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "referti adeguati", Ct));

        var inForce = (await world.UseAsync(db => ClassificationQueries.EffectiveAsync(db, "P1", Ct)))!;
        (inForce.Level, inForce.MainPathology).ShouldBe((1, "29"));
        inForce.Pathologies.Split('|').ShouldBe(["29", "56", "39"], ignoreOrder: true);
    }
}
