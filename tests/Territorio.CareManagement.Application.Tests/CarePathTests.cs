using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Testing;
using static Territorio.CareManagement.Application.Tests.CareWorld;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>The care path through the application services, on SQLite and PostgreSQL.</summary>
public class CarePathTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CarePath_FromLevelsToAdherence_WorksEndToEnd(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);

        var eligible = await world.UseAsync(db => world.Enrolment(db).EligibleAsync(Ats, 100, Ct));
        eligible.Select(e => e.PatientId).ShouldBe(["P1", "P2", "P3", "P4", "P5"]);

        var letters = await world.UseAsync(db => world.Enrolment(db).IssueLettersAsync(Ats, 2, AtsOperator, Ct));
        letters.Select(l => l.Letter.GestoriListed).ShouldAllBe(g => g == "G1|G2");
        (await world.UseAsync(db => world.Enrolment(db).EligibleAsync(Ats, 100, Ct))).Count(e => e.Invited).ShouldBe(2);

        await world.EnrolWithPaiAsync("P1");
        var pai = await world.UseAsync(db => world.Pai(db).FindAsync("P1", Ct));
        pai!.ActiveVersion!.Items.Select(i => i.Code).ShouldContain("89.01");

        long slot = await world.FirstSlotAsync();
        var booking = await world.UseAsync(db => world.Bookings(db).BookAsync("P1", slot, CaseManager(), Ct));
        booking.Status.ShouldBe(BookingStatus.Booked);

        world.Clock.UtcNow = world.Clock.UtcNow.AddDays(20);
        var flow = $"person_id,date,code\nP1,{booking.Date:yyyy-MM-dd},89.01\nP1,{booking.Date:yyyy-MM-dd},88.72.3\nP6,2026-03-01,89.7\nP1,2026-13-01,89.7\n";
        var imported = await world.UseAsync(db => world.Delivered(db).ImportAsync(new StringReader(flow), "outpatient.csv", Actor.System, Ct));
        imported.ShouldSatisfyAllConditions(
            r => r.Booked.ShouldBe(1),
            r => r.OutsidePlan.ShouldBe(1),
            r => r.NotInCharge.ShouldBe(1),
            r => r.Rejected.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Line.ShouldBe(5), e => e.Field.ShouldBe("date")));

        (await world.UseAsync(db => world.Bookings(db).OfPatientAsync("P1", Ct))).Single().Status.ShouldBe(BookingStatus.Delivered);
        var adherence = await world.UseAsync(db => world.Cases(db).AdherenceAsync("P1", null, Ct));
        adherence.Items.Single(i => i.Code == "89.01").Done.ShouldBe(1);

        var history = await world.UseAsync(db => world.Cases(db).HistoryAsync("P1", Ct));
        history.Select(h => h.Action).ShouldBe(["lettera di invito emessa", "richiesta di presa in carico", "patto firmato", "versione PAI scritta", "prenotata", "erogata"]);
        history.ShouldAllBe(h => h.Actor.Length > 0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Booking_SlotOfCapacityOneTakenByAnother_IsRefusedAsFull_AndCancelFreesIt(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");
        await world.EnrolWithPaiAsync("P2");
        long slot = await world.FirstSlotAsync();

        var first = await world.UseAsync(db => world.Bookings(db).BookAsync("P1", slot, CaseManager(), Ct));
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Bookings(db).BookAsync("P2", slot, CaseManager(), Ct))))
            .Message.ShouldContain("al completo");
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Bookings(db).BookAsync("P1", slot, CaseManager(), Ct))))
            .Message.ShouldContain("già prenotato");

        await world.UseAsync(db => world.Bookings(db).CancelAsync(first.Id, CaseManager(), "ricovero", Ct));
        (await world.UseAsync(db => world.Bookings(db).BookAsync("P2", slot, CaseManager(), Ct))).Seat.ShouldBe(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pai_NewVersionsAndMmgProposals_KeepOneActiveVersionInTheDatabase(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");

        await world.UseAsync(db => world.Pai(db).WriteAsync("P1", [PaiItem.Service("89.01", "Visita", 3)], Manager(), "controlli più frequenti", Ct));
        await world.UseAsync(db => world.Pai(db).ProposeAsync("P1", [PaiItem.Service("89.52", "ECG", 2)], Doctor, "ECG semestrale", Ct));
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Pai(db).ProposeAsync("P1", [PaiItem.Service("89.52", "ECG", 3)], Doctor, "ancora", Ct))))
            .Message.ShouldContain("già una proposta");
        await world.UseAsync(db => world.Pai(db).DecideProposalAsync("P1", accept: true, Manager(), "concordato", Ct));

        var pai = await world.UseAsync(db => world.Pai(db).FindAsync("P1", Ct));
        pai!.Versions.OrderBy(v => v.Number).Select(v => (v.Number, v.Status)).ShouldBe([
            (1, PaiVersionStatus.Superseded), (2, PaiVersionStatus.Superseded), (3, PaiVersionStatus.Active)]);
        pai.ActiveVersion!.AuthorRole.ShouldBe(ActorRole.Mmg);
        pai.ActiveVersion.Items.Single().Code.ShouldBe("89.52");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangeOfGestore_TakesEffectOnItsDate_WhenThePatientSignsTheNewPact(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.SignedSinceAsync(Today.AddDays(-30), "P1", "G1", "paziente", "dr.rossi", CaseManager());
        var effective = Today.AddDays(15);
        var request = await world.UseAsync(db => world.Enrolment(db).RequestChangeAsync("P1", "G2", effective, new Actor(ActorRole.Patient, "P1"), "vuole la cooperativa del proprio MMG", Ct));

        await world.UseAsync(db => world.Enrolment(db).DecideChangeAsync(request.Id, approve: true, Commission, "richiesta motivata", Ct));

        // Approved in the future: nothing moves, and the new Gestore cannot sign before the date.
        (await world.UseAsync(db => world.Enrolment(db).PactsOfAsync("P1", Ct))).ShouldHaveSingleItem().Status.ShouldBe(PactStatus.Active);
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G2", null, "paziente", "dr.verdi", CaseManager("G2"), Ct))))
            .Message.ShouldContain("decorre dal");

        world.Clock.UtcNow = effective.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G2", null, "paziente", "dr.verdi", CaseManager("G2"), Ct));

        var pacts = await world.UseAsync(db => world.Enrolment(db).PactsOfAsync("P1", Ct));
        pacts.Select(p => (p.GestoreId, p.Status, p.EndDate)).ShouldBe([
            ("G1", PactStatus.Closed, effective.AddDays(-1)),
            ("G2", PactStatus.Active, PattoDiCura.OneYearFrom(effective)),
        ]);
        var decided = await world.UseAsync(db => db.Set<ChangeOfGestoreRequest>().SingleAsync(Ct));
        decided.NewPactId.ShouldBe(pacts[1].Id);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Reclassification_ApprovedByCommission_IsTheClassificationInForce(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.EnrolWithPaiAsync("P1");
        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 1, "20", ["56", "50", "17"], Manager(), "scompenso documentato", Ct));
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Reclassification(db).ProposeAsync("P1", 1, "20", [], Manager(), "ancora", Ct))))
            .Message.ShouldContain("già una riclassificazione in attesa");

        await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "documentazione adeguata", Ct));

        var inForce = await world.UseAsync(db => ClassificationQueries.EffectiveAsync(db, "P1", Ct));
        inForce.ShouldNotBeNull().ShouldSatisfyAllConditions(c => c.Level.ShouldBe(1), c => c.MainPathology.ShouldBe("20"), c => c.Pathologies.ShouldBe("20|56|50|17"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Worklist_ListsPaiNotWrittenAndMissedBookings_MostUrgentFirst(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P2", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));
        await world.EnrolWithPaiAsync("P1");
        long slot = await world.FirstSlotAsync();
        await world.UseAsync(db => world.Bookings(db).BookAsync("P1", slot, CaseManager(), Ct));

        world.Clock.UtcNow = world.Clock.UtcNow.AddDays(40);
        var worklist = await world.UseAsync(db => world.Cases(db).WorklistAsync("G1", null, 30, Ct));

        worklist.Select(e => (e.PatientId, e.MostUrgent)).ShouldBe([("P1", WorklistReason.MissedBooking), ("P2", WorklistReason.PaiNotWritten)]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Worklist_PactSignedToday_IsListedAtOnce_UntilItsPaiIsWritten(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.SignedSinceAsync(Today.AddDays(-3), "P3", "G1", "paziente", "dr.rossi", CaseManager());
        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P2", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));

        var full = await world.UseAsync(db => world.Cases(db).WorklistAsync("G1", null, 30, Ct));
        var page = await world.UseAsync(db => world.Cases(db).WorklistPageAsync("G1", null, 30, 0, 25, Ct));
        var withoutPai = await world.UseAsync(db => world.Cases(db).WorklistPageAsync("G1", null, 30, 0, 25, Ct, new WorklistFilter(PactState: WorklistPactState.WithoutPai)));

        // The nearest deadline first: P3 signed three days before P2.
        full.Select(e => (e.PatientId, e.MostUrgent)).ShouldBe([("P3", WorklistReason.PaiToWrite), ("P2", WorklistReason.PaiToWrite)]);
        full[1].Findings.ShouldHaveSingleItem().Detail.ShouldBe($"PAI da redigere entro il {Today.AddDays(29):dd/MM/yyyy}");
        page.Entries.Select(e => (e.PatientId, e.MostUrgent, e.DaysLate)).ShouldBe(full.Select(e => (e.PatientId, e.MostUrgent, e.DaysLate)));
        withoutPai.Total.ShouldBe(2);

        await world.UseAsync(db => world.Pai(db).WriteFromTemplateAsync("P2", Manager(), null, Ct));

        (await world.UseAsync(db => world.Cases(db).WorklistPageAsync("G1", null, 30, 0, 25, Ct))).Entries.Select(e => e.PatientId).ShouldBe(["P3"]);
        (await world.UseAsync(db => world.Cases(db).WorklistAsync("G1", null, 30, Ct))).Select(e => e.PatientId).ShouldBe(["P3"]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WorklistPages_GiveTheFullWorklist_SameEntriesSameOrder(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        foreach (string patient in new[] { "P1", "P3", "P4" })
        {
            await world.EnrolWithPaiAsync(patient);
        }

        await world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P2", "G1", null, "paziente", "dr.rossi", CaseManager(), Ct));
        await world.SignedSinceAsync(Today.AddDays(-340), "P5", "G1", "paziente", "dr.rossi", CaseManager());
        long slot = await world.FirstSlotAsync();
        await world.UseAsync(db => world.Bookings(db).BookAsync("P1", slot, CaseManager(), Ct));
        world.Clock.UtcNow = world.Clock.UtcNow.AddDays(370); // the windows of level 2 services are the whole first year
        // A delivery fulfils one of P3's windows: its rows change with the import, not only with the aggregates.
        await world.UseAsync(db => world.Delivered(db).ImportAsync(new StringReader($"person_id,date,code\nP3,{Today.AddDays(20):yyyy-MM-dd},89.01\n"), "flusso.csv", Actor.System, Ct));

        var full = await world.UseAsync(db => world.Cases(db).WorklistAsync("G1", null, 30, Ct));
        var first = await world.UseAsync(db => world.Cases(db).WorklistPageAsync("G1", null, 30, 0, 2, Ct));
        var rest = await world.UseAsync(db => world.Cases(db).WorklistPageAsync("G1", null, 30, 2, 10, Ct));

        full[0].PatientId.ShouldBe("P1");
        full[0].MostUrgent.ShouldBe(WorklistReason.MissedBooking);
        full.Where(e => e.MostUrgent == WorklistReason.OverdueService).Select(e => e.PatientId).Order().ShouldBe(["P3", "P4"]);
        full.Where(e => e.MostUrgent == WorklistReason.PaiNotWritten).Select(e => e.PatientId).ShouldBe(["P5", "P2"]);
        first.Total.ShouldBe(full.Count);
        first.Entries.Concat(rest.Entries).Select(e => (e.PatientId, e.MostUrgent, e.DaysLate, e.Findings.Count))
            .ShouldBe(full.Select(e => (e.PatientId, e.MostUrgent, e.DaysLate, e.Findings.Count)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WorklistPages_OrderByTheLevelInForce_AndPutPatientsReachedAboutTheirFindingLast(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        // Same finding, same lateness (PAI not written 40 days after the pact): the level decides, then the id.
        foreach (string patient in new[] { "P1", "P2", "P3" })
        {
            await world.SignedSinceAsync(Today.AddDays(-40), patient, "G1", "paziente", "dr.rossi", CaseManager());
        }

        var request = await world.UseAsync(db => world.Reclassification(db).ProposeAsync("P3", 1, "56", ["50", "20"], Manager(), "scompenso documentato", Ct));
        await world.UseAsync(db => world.Reclassification(db).DecideAsync(request.Id, approve: true, Commission, "documentazione adeguata", Ct));
        await world.UseAsync(db => new ContactService(db, world.Clock).RecordAsync("P1", ContactKind.PhoneCall, null, ContactOutcome.Reached, "fissata la visita", CaseManager(), Ct));

        var full = await world.UseAsync(db => world.Cases(db).WorklistAsync("G1", null, 30, Ct));
        var pages = new List<WorklistEntry>();
        for (int skip = 0; skip < 4; skip++)
        {
            var page = await world.UseAsync(db => world.Cases(db).WorklistPageAsync("G1", null, 30, skip, 1, Ct));
            page.Total.ShouldBe(3);
            pages.AddRange(page.Entries);
        }

        full.Select(e => (e.PatientId, e.Level)).ShouldBe([("P3", 1), ("P2", 2), ("P1", 2)]);
        pages.Select(e => (e.PatientId, e.Level, e.ContactedOn)).ShouldBe(full.Select(e => (e.PatientId, e.Level, e.ContactedOn)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WorklistVersion_ChangesWithTheGestoresCases_AndARun_NotWithAnotherGestoresCases(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.SignedSinceAsync(Today.AddDays(-40), "P1", "G1", "paziente", "dr.rossi", CaseManager());
        await world.SignedSinceAsync(Today.AddDays(-40), "P2", "G2", "paziente", "dr.bianchi", CaseManager("G2"));
        Task<WorklistVersion> VersionAsync(string gestore) => world.UseAsync(db => world.Cases(db).WorklistVersionAsync(gestore, Ct));
        var g1 = await VersionAsync("G1");
        var g2 = await VersionAsync("G2");

        await world.UseAsync(db => new ContactService(db, world.Clock).RecordAsync("P1", ContactKind.PhoneCall, null, ContactOutcome.Reached, "fissata la visita", CaseManager(), Ct));
        var afterContact = await VersionAsync("G1");
        await world.UseAsync(db => world.Levels(db).ImportAsync(new StringReader("person_id,level,main_pathology,pathologies,evidence\nP1,3,56,56,x\n"), "levels.csv", Today, AtsOperator, null, Ct));
        var afterRun = await VersionAsync("G1");

        g1.Stamp.ShouldNotBe(0, "signing the pact wrote the Gestore's first worklist row");
        g2.Stamp.ShouldNotBe(0);
        afterContact.ShouldSatisfyAllConditions(
            v => v.Stamp.ShouldBeGreaterThan(g1.Stamp),
            v => v.RunId.ShouldBe(g1.RunId),
            v => v.Day.ShouldBe(Today));
        afterRun.RunId.ShouldBeGreaterThan(afterContact.RunId);
        (await VersionAsync("G2")).ShouldBe(g2 with { RunId = afterRun.RunId });
        (await Should.ThrowAsync<CareRuleException>(() => VersionAsync("G9"))).Message.ShouldBe("Gestore G9 non trovato");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PatientRecordVersion_ChangesWithThePatientsOwnChanges_AndAgendasWithAnyBooking(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        foreach (string patient in new[] { "P1", "P2" })
        {
            await world.SignedSinceAsync(Today.AddDays(-40), patient, "G1", "paziente", "dr.rossi", CaseManager());
        }

        Task<PatientRecordVersion?> VersionAsync(string patient) => world.UseAsync(db => world.Cases(db).PatientRecordVersionAsync(patient, Ct));
        var p1 = (await VersionAsync("P1"))!;
        var p2 = (await VersionAsync("P2"))!;

        await world.UseAsync(db => new ContactService(db, world.Clock).RecordAsync("P2", ContactKind.PhoneCall, null, ContactOutcome.Reached, "ok", CaseManager(), Ct));
        var afterContact = (await VersionAsync("P1"))!;
        await world.UseAsync(db => world.Pai(db).WriteFromTemplateAsync("P2", Manager(), null, Ct));
        long slot = await world.FirstSlotAsync();
        await world.UseAsync(db => world.Bookings(db).BookAsync("P2", slot, CaseManager(), Ct));

        afterContact.ShouldBe(p1, "another patient's contact changes nothing of P1's record");
        (await VersionAsync("P2"))!.Stamp.ShouldBeGreaterThan(p2.Stamp);
        var afterBooking = (await VersionAsync("P1"))!;
        afterBooking.Stamp.ShouldBe(p1.Stamp);
        afterBooking.Agendas.ShouldNotBe(p1.Agendas, "a booking takes a slot P1's file may offer");
        (await VersionAsync("ZZ")).ShouldBeNull();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Pact_GestoreNotEligibleAtLevel_IsRefusedInUserTerms_AndNothingIsWritten(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        await world.UseAsync(db => world.Gestori(db).RegisterAsync("G3", "Privato", CareManagement.Gestori.GestoreKind.PrivatoAccreditato, Ats, AtsOperator, Ct));

        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P1", "G3", null, "p", "g", CaseManager("G3"), Ct))))
            .Message.ShouldBe("il Gestore G3 non è idoneo per l'ATS 321 al livello 2");
        (await Should.ThrowAsync<CareRuleException>(() => world.UseAsync(db => world.Enrolment(db).SignOnPatientRequestAsync("P6", "G1", null, "p", "g", CaseManager(), Ct))))
            .Message.ShouldContain("livello 4");
        (await world.UseAsync(db => db.Set<PattoDiCura>().CountAsync(Ct))).ShouldBe(0);
        (await world.UseAsync(db => db.Set<AuditEntry>().CountAsync(a => a.PatientId != null, Ct))).ShouldBe(0);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task LevelsImport_ReportsEveryBadRow_AndStoresTheGoodOnes(DatabaseProvider provider)
    {
        await using var world = await CreateAsync(provider);
        var csv = "person_id,level,main_pathology,pathologies,evidence\nP1,3,56,56,x\nP2,7,56,56,x\nZZ,2,56,56,x\nP3,2,999,999,x\nP4,2,,50,x\n";

        var result = await world.UseAsync(db => world.Levels(db).ImportAsync(new StringReader(csv), "levels.csv", Today, AtsOperator, null, Ct));

        result.Imported.ShouldBe(1);
        result.Rejected.Select(e => (e.Line, e.Field)).ShouldBe([(3L, "level"), (4L, "person_id"), (5L, "pathologies"), (6L, "main_pathology")]);
        (await world.UseAsync(db => ClassificationQueries.EffectiveAsync(db, "P1", Ct)))!.Level.ShouldBe(3);
    }

    [Fact]
    public async Task LevelsImport_RepeatedPerson_RefusesTheWholeFile_StoresNothing()
    {
        await using var world = await CreateAsync(DatabaseProvider.Sqlite);
        var csv = "person_id,level,main_pathology,pathologies,evidence\nP1,3,56,56,x\nP2,2,56,56,x\nP1,1,56,56,x\n";
        int runs = await world.UseAsync(db => db.Set<Territorio.CareManagement.Eligibility.StratificationRun>().CountAsync(Ct));

        var refused = await Should.ThrowAsync<Territorio.Kernel.Errors.InputDataException>(
            () => world.UseAsync(db => world.Levels(db).ImportAsync(new StringReader(csv), "levels.csv", Today, AtsOperator, null, Ct)));

        refused.Message.ShouldBe("levels.csv: riga 4: colonna person_id: 'P1': identificativo ripetuto (già alla riga 2): file rifiutato");
        (await world.UseAsync(db => db.Set<Territorio.CareManagement.Eligibility.StratificationRun>().CountAsync(Ct))).ShouldBe(runs);
    }

    [Fact]
    public async Task Documents_LetterAndPact_ArePdf()
    {
        Territorio.Flows.Printing.PdfLicense.TryApply(Territorio.Flows.Printing.PdfLicense.Agpl).ShouldBeTrue();
        await using var world = await CreateAsync(DatabaseProvider.Sqlite);
        var letters = await world.UseAsync(db => world.Enrolment(db).IssueLettersAsync(Ats, 1, AtsOperator, Ct));
        await world.EnrolWithPaiAsync("P1");
        var pact = (await world.UseAsync(db => world.Enrolment(db).PactsOfAsync("P1", Ct))).Single();
        var gestore = await world.UseAsync(db => db.Set<CareManagement.Gestori.Gestore>().SingleAsync(g => g.Id == "G1", Ct));
        var pai = await world.UseAsync(db => world.Pai(db).FindAsync("P1", Ct));

        using var letter = new MemoryStream();
        CareDocuments.WriteLetter(letters[0], "ATS della Città Metropolitana di Milano", letter);
        using var pactPdf = new MemoryStream();
        CareDocuments.WritePact(pact, gestore, pai!.ActiveVersion, pactPdf, world.Catalogues);

        System.Text.Encoding.ASCII.GetString(letter.ToArray(), 0, 5).ShouldBe("%PDF-");
        pactPdf.Length.ShouldBeGreaterThan(1000);
    }
}
