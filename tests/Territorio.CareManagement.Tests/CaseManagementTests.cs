using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.CareManagement.Reclassification;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class CaseManagementTests
{
    private static readonly DateOnly PlanStart = new(2026, 1, 1);
    private static readonly DateOnly PlanEnd = new(2026, 12, 31);

    [Fact]
    public void Windows_FourPerYear_AreConsecutiveQuarters()
    {
        var windows = AdherenceCalculator.Windows(PaiItem.Service("90.28.1", "", 4), PlanStart).ToList();

        windows.Select(w => (w.From, w.To)).ShouldBe([
            (new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 1)),
            (new DateOnly(2026, 4, 2), new DateOnly(2026, 7, 1)),
            (new DateOnly(2026, 7, 2), new DateOnly(2026, 9, 30)),
            (new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)),
        ]);
    }

    [Fact]
    public void Windows_ExplicitMonths_StayInsideThem()
    {
        var window = AdherenceCalculator.Windows(PaiItem.Service("95.02", "", 1, 1, 3), PlanStart).Single();
        (window.From, window.To).ShouldBe((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)));
    }

    [Fact]
    public void Adherence_DeliveredInWindow_CountsDone_ClosedEmptyWindowIsOverdue()
    {
        var items = new[] { PaiItem.Service("90.28.1", "HbA1c", 4), PaiItem.Service("89.7", "Visita", 1) };
        var delivered = new List<(string, DateOnly)> { ("90.28.1", new DateOnly(2026, 2, 10)), ("90.28.1", new DateOnly(2026, 2, 20)) };

        var report = AdherenceCalculator.Compute("P1", PlanStart, PlanEnd, items, delivered, new DateOnly(2026, 8, 1));

        var hba1c = report.Items[0];
        hba1c.Occurrences.Select(o => o.State).ShouldBe([OccurrenceState.Done, OccurrenceState.Overdue, OccurrenceState.Open, OccurrenceState.Future]);
        hba1c.Percent.ShouldBe(50);
        report.Items[1].Due.ShouldBe(0);
        report.Overdue.ShouldBe(1);
        report.OldestOverdueSince.ShouldBe(new DateOnly(2026, 7, 1));
    }

    [Fact]
    public void Adherence_NothingDueYet_HasNoPercentage()
    {
        var report = AdherenceCalculator.Compute("P1", PlanStart, PlanEnd, [PaiItem.Service("89.7", "", 1)], [], PlanStart.AddDays(3));
        report.Percent.ShouldBeNull();
    }

    [Fact]
    public void Adherence_DeliveryOutsideWindowOrPlanYear_DoesNotCount()
    {
        var report = AdherenceCalculator.Compute("P1", PlanStart, PlanEnd, [PaiItem.Service("95.02", "", 1, 1, 3)], [("95.02", new DateOnly(2026, 5, 1)), ("95.02", new DateOnly(2025, 12, 30))], new DateOnly(2026, 6, 1));
        report.Percent.ShouldBe(0);
    }

    [Fact]
    public void Worklist_OrdersMissedThenOverdueThenPaiMissingThenExpiringThenNewPacts()
    {
        var asOf = new DateOnly(2026, 8, 1);
        var overdue = AdherenceCalculator.Compute("B", PlanStart, PlanEnd, [PaiItem.Service("90.28.1", "", 4)], [], asOf);
        var cases = new[]
        {
            new CaseSnapshot("D", 2, 4, asOf.AddDays(-340), asOf.AddDays(20), true, [], null),
            new CaseSnapshot("C", 2, 3, asOf.AddDays(-45), asOf.AddDays(300), false, [], null),
            new CaseSnapshot("B", 2, 2, PlanStart, PlanStart.AddYears(1).AddDays(-1), true, [], overdue),
            new CaseSnapshot("A", 1, 1, PlanStart, PlanStart.AddYears(1).AddDays(-1), true, [asOf.AddDays(-3)], null),
            new CaseSnapshot("New", 2, 5, asOf.AddDays(-10), asOf.AddDays(350), false, [], null),
            new CaseSnapshot("OK", 2, 6, asOf.AddDays(-10), asOf.AddDays(350), true, [], null),
        };

        var worklist = new WorklistRules().Build(cases, asOf);

        worklist.Select(e => (e.PatientId, e.MostUrgent)).ShouldBe([
            ("A", WorklistReason.MissedBooking),
            ("B", WorklistReason.OverdueService),
            ("C", WorklistReason.PaiNotWritten),
            ("D", WorklistReason.PactExpiring),
            ("New", WorklistReason.PaiToWrite),
        ]);
    }

    [Fact]
    public void Worklist_SameReason_MoreDaysLateFirst()
    {
        var asOf = new DateOnly(2026, 8, 1);
        var cases = new[]
        {
            new CaseSnapshot("Late5", 2, 1, PlanStart, PlanStart.AddYears(1), true, [asOf.AddDays(-5)], null),
            new CaseSnapshot("Late20", 2, 2, PlanStart, PlanStart.AddYears(1), true, [asOf.AddDays(-20)], null),
        };

        new WorklistRules().Build(cases, asOf).Select(e => e.PatientId).ShouldBe(["Late20", "Late5"]);
    }

    [Fact]
    public void Worklist_PaiDueDays_IsConfigurable()
    {
        var asOf = new DateOnly(2026, 8, 1);
        var snapshot = new CaseSnapshot("C", 2, 3, asOf.AddDays(-10), asOf.AddDays(300), false, [], null);

        new WorklistRules(paiDueDays: 30).Build([snapshot], asOf).ShouldHaveSingleItem().MostUrgent.ShouldBe(WorklistReason.PaiToWrite);
        new WorklistRules(paiDueDays: 7).Build([snapshot], asOf).ShouldHaveSingleItem().MostUrgent.ShouldBe(WorklistReason.PaiNotWritten);
    }

    [Fact]
    public void Worklist_PactSignedToday_IsListedAtOnce_WithThePaiDeadline()
    {
        var today = new DateOnly(2026, 12, 7);
        var signed = new CaseSnapshot("P1", 2, 1, today, today.AddYears(1).AddDays(-1), false, [], null);

        var entry = new WorklistRules().Build([signed], today).ShouldHaveSingleItem();

        entry.Findings.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.Reason.ShouldBe(WorklistReason.PaiToWrite),
            f => f.Detail.ShouldBe("PAI da redigere entro il 05/01/2027"),
            f => f.DaysLate.ShouldBe(0));
    }

    [Fact]
    public void Worklist_NewPact_LeavesTheList_OnceThePaiIsWritten()
    {
        var today = new DateOnly(2026, 12, 7);
        var withPai = new CaseSnapshot("P1", 2, 1, today.AddDays(-3), today.AddYears(1), true, [], null);

        new WorklistRules().Build([withPai], today).ShouldBeEmpty();
    }

    [Fact]
    public void Worklist_NewPact_PastTheDeadline_IsAPaiNotWritten()
    {
        var start = new DateOnly(2026, 12, 7);
        var rules = new WorklistRules();
        var snapshot = new CaseSnapshot("P1", 2, 1, start, start.AddYears(1).AddDays(-1), false, [], null);

        rules.Build([snapshot], rules.PaiDueBy(start)).ShouldHaveSingleItem().MostUrgent.ShouldBe(WorklistReason.PaiToWrite);
        rules.Build([snapshot], rules.PaiDueBy(start).AddDays(1)).ShouldHaveSingleItem().MostUrgent.ShouldBe(WorklistReason.PaiNotWritten);
    }

    [Fact]
    public void Worklist_PactStartingTomorrow_IsNotListedYet()
    {
        var today = new DateOnly(2026, 12, 7);
        var snapshot = new CaseSnapshot("P1", 2, 1, today.AddDays(1), today.AddYears(1), false, [], null);

        new WorklistRules().Build([snapshot], today).ShouldBeEmpty();
    }

    [Fact]
    public void Reclassification_ProposedByGestore_ApprovedByCommission_IsTheClassificationInForce()
    {
        var pact = Pact(start: Today.AddMonths(-1));
        var current = Level(2);
        var request = ReclassificationRequest.Propose(pact, current, 1, "20", ["56", "20", "50", "17"], [], By(ClinicalManager(), "scompenso cardiaco documentato"));

        request.Approve(pact, EligibleGestore(levels: [1, 2, 3]), By(Commission, "documentazione adeguata", Today.AddDays(5)));

        var effective = Classification.Effective(new StratifiedPerson(1, "P1", 2, "56", ["56", "50"], ""), Today.AddDays(-30), request.AsClassification());
        effective.ShouldNotBeNull().ShouldSatisfyAllConditions(
            c => c.Level.ShouldBe(1),
            c => c.MainPathology.ShouldBe("20"),
            c => c.Source.ShouldStartWith("riclassificazione"));
    }

    [Fact]
    public void Reclassification_AddsAndRemovesOnlyTheNamedPathologies_KeepingTheOthers()
    {
        var current = new Classification("P1", 2, "56", "56|20|50|17", Today.AddDays(-30), "stratificazione n.1");

        var request = ReclassificationRequest.Propose(Pact(), current, 1, "20", ["40"], ["17"], By(ClinicalManager(), "scompenso cardiaco documentato"));

        request.ToPathologies.ShouldBe("20|56|50|40");
    }

    [Fact]
    public void Reclassification_ApprovedAfterTheStratificationFoundAnotherPathology_KeepsIt()
    {
        var pact = Pact(start: Today.AddMonths(-1));
        var proposedOn = new Classification("P1", 2, "56", "56|20|50|17", Today.AddDays(-30), "stratificazione n.1");
        var request = ReclassificationRequest.Propose(pact, proposedOn, 1, "20", ["40"], ["17"], By(ClinicalManager(), "scompenso cardiaco documentato"));
        // The next stratification, before the decision, also found COPD (39).
        var decidedOn = proposedOn with { Pathologies = "56|20|50|17|39", Source = "stratificazione n.2" };

        request.Approve(pact, EligibleGestore(levels: [1, 2, 3]), By(Commission, "documentazione adeguata", Today.AddDays(5)), decidedOn);

        request.ToPathologies.ShouldBe("20|56|50|39|40");
        request.AsClassification()!.Pathologies.ShouldBe("20|56|50|39|40");
    }

    [Fact]
    public void Reclassification_RemovingTheNewMainPathology_IsRefused()
    {
        Should.Throw<CareRuleException>(() => ReclassificationRequest.Propose(Pact(), Level(2), 1, "20", [], ["20"], By(ClinicalManager(), "x")))
            .Message.ShouldContain("non può essere tolta");
    }

    [Fact]
    public void Reclassification_ApprovedToALevelTheGestoreIsNotAccreditedFor_SaysSo_AndOffersAChangeOfGestore()
    {
        var gestore = EligibleGestore(levels: [2, 3]);
        var pact = Pact(gestore);
        var request = ReclassificationRequest.Propose(pact, Level(2), 1, "20", [], [], By(ClinicalManager(), "fragilità documentata"));

        request.Approve(pact, gestore, By(Commission, "documentazione adeguata"));

        request.Status.ShouldBe(RequestStatus.Approved);
        request.DecisionNote.ShouldNotBeNull().ShouldContain("non è accreditato per il livello 1: al paziente va proposto il cambio di Gestore");
        pact.Status.ShouldBe(PactStatus.Active);
    }

    [Fact]
    public void Reclassification_ApprovedToALevelTheGestoreServes_HasNoNote()
    {
        var gestore = EligibleGestore(levels: [1, 2, 3]);
        var pact = Pact(gestore);
        var request = ReclassificationRequest.Propose(pact, Level(2), 1, "20", [], [], By(ClinicalManager(), "fragilità documentata"));

        request.Approve(pact, gestore, By(Commission, "documentazione adeguata"));

        request.DecisionNote.ShouldBeNull();
    }

    [Fact]
    public void Reclassification_NewerStratification_WinsOverOlderApproval()
    {
        var approved = new Classification("P1", 1, "20", "20", new DateOnly(2025, 6, 1), "riclassificazione n.1");

        var effective = Classification.Effective(new StratifiedPerson(7, "P1", 2, "56", ["56", "20"], ""), new DateOnly(2026, 1, 1), approved);

        effective!.Source.ShouldBe("stratificazione n.7");
    }

    [Fact]
    public void Reclassification_RejectedOrPending_IsNotInForce()
    {
        var request = ReclassificationRequest.Propose(Pact(), Level(2), 1, "20", [], [], By(ClinicalManager(), "x"));
        request.AsClassification().ShouldBeNull();
        Should.Throw<CareRuleException>(() => request.Reject(By(Commission)));
        request.Reject(By(Commission, "non documentato"));
        request.AsClassification().ShouldBeNull();
    }

    [Fact]
    public void Reclassification_ByMmgOrAnotherGestore_OrWithoutChange_IsRefused()
    {
        var pact = Pact();
        Should.Throw<CareRuleException>(() => ReclassificationRequest.Propose(pact, Level(2), 1, "20", [], [], By(Doctor, "x")));
        Should.Throw<CareRuleException>(() => ReclassificationRequest.Propose(pact, Level(2), 1, "20", [], [], By(ClinicalManager("G2"), "x")));
        Should.Throw<CareRuleException>(() => ReclassificationRequest.Propose(pact, Level(2), 2, "56", ["56"], [], By(ClinicalManager(), "x"))).Message.ShouldContain("non cambia nulla");
    }

    [Fact]
    public void Reclassification_ApprovedByAtsOperatorInsteadOfCommission_IsRefused()
    {
        var pact = Pact();
        var request = ReclassificationRequest.Propose(pact, Level(2), 1, "20", [], [], By(ClinicalManager(), "x"));
        Should.Throw<CareRuleException>(() => request.Approve(pact, EligibleGestore(), By(AtsOperator)));
    }

    [Fact]
    public void Stratified_EligibleLevelWithoutMainPathology_OrMainNotAmongPathologies_IsRefused()
    {
        Should.Throw<CareRuleException>(() => new StratifiedPerson(1, "P1", 2, null, [], ""));
        Should.Throw<CareRuleException>(() => new StratifiedPerson(1, "P1", 2, "56", ["20"], ""));
        new StratifiedPerson(1, "P1", 4, null, [], "").Level.ShouldBe(4);
    }

    [Fact]
    public void Letter_ListsEligibleGestori_AndIsRefusedWithoutAny()
    {
        var letter = EnrolmentLetter.Issue("P1", Ats, Level(2), 1, ["G1", "G2"], By(AtsOperator));
        letter.GestoriListed.ShouldBe("G1|G2");

        Should.Throw<CareRuleException>(() => EnrolmentLetter.Issue("P1", Ats, Level(2), 1, [], By(AtsOperator)))
            .Message.ShouldContain("nessun Gestore idoneo per l'ATS 321 al livello 2");
        Should.Throw<CareRuleException>(() => EnrolmentLetter.Issue("P1", Ats, Level(4), 1, ["G1"], By(AtsOperator)));
    }

    [Fact]
    public void RomeCalendar_LateEveningUtc_IsNextDayInItaly()
    {
        RomeCalendar.DateOf(new DateTime(2026, 6, 30, 22, 30, 0, DateTimeKind.Utc)).ShouldBe(new DateOnly(2026, 7, 1));
        RomeCalendar.DateOf(new DateTime(2026, 12, 31, 23, 30, 0, DateTimeKind.Utc)).ShouldBe(new DateOnly(2027, 1, 1));
        RomeCalendar.DateOf(new DateTime(2026, 12, 31, 22, 30, 0, DateTimeKind.Utc)).ShouldBe(new DateOnly(2026, 12, 31));
    }

    [Fact]
    public void Change_DayIsTheRomeCalendarDay()
    {
        new Change(Actor.System, new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc)).Day.ShouldBe(new DateOnly(2026, 3, 2));
        PactRules.Sign(Signing(), EligibleGestore(), [], By(CaseManager())).Pact.SignedOn.ShouldBe(Today);
    }
}
