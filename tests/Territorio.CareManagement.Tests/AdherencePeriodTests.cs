using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

/// <summary>Issue 16: adherence counts only delivered services within the pact's period.</summary>
public class AdherencePeriodTests
{
    private static readonly PaiItem QuarterlyHbA1c = PaiItem.Service("90.28.1", "Emoglobina glicata", 4);

    [Fact]
    public void ChangeOfGestoreMidYear_EachPaiCountsOnlyTheDeliveriesOfItsOwnPact()
    {
        var g1 = EligibleGestore("G1");
        var g2 = EligibleGestore("G2", GestoreKind.CooperativaMmg);
        var oldPact = Pact(g1, start: new DateOnly(2025, 10, 1));
        var effective = new DateOnly(2026, 4, 1);
        var request = ChangeOfGestoreRequest.Submit(oldPact, g2, effective, 2, By(new Actor(ActorRole.Patient, "P1"), "preferisce la cooperativa del proprio MMG"));
        request.Approve(By(Commission, "motivazione fondata"));
        var newPact = request.SignNewPact(oldPact, g2, Signing(), By(CaseManager("G2"), on: effective)).Pact;
        // One HbA1c in each quarter of the old pact, one in the new pact's first quarter.
        List<(string, DateOnly)> delivered = [("90.28.1", new(2025, 11, 15)), ("90.28.1", new(2026, 2, 10)), ("90.28.1", new(2026, 4, 20))];
        var asOf = new DateOnly(2026, 8, 1);

        var old = AdherenceCalculator.Compute(oldPact, [QuarterlyHbA1c], delivered, asOf);
        var current = AdherenceCalculator.Compute(newPact, [QuarterlyHbA1c], delivered, asOf);

        old.LastDay.ShouldBe(new DateOnly(2026, 3, 31));
        old.Items[0].Occurrences.Select(o => (o.State, o.DeliveredOn)).ShouldBe([
            (OccurrenceState.Done, (DateOnly?)new DateOnly(2025, 11, 15)),
            (OccurrenceState.Done, new DateOnly(2026, 2, 10)),
        ]);
        old.Percent.ShouldBe(100);
        current.Items[0].Occurrences.Select(o => (o.State, o.DeliveredOn)).ShouldBe([
            (OccurrenceState.Done, (DateOnly?)new DateOnly(2026, 4, 20)),
            (OccurrenceState.Open, null),
            (OccurrenceState.Future, null),
            (OccurrenceState.Future, null),
        ]);
        current.Done.ShouldBe(1);
    }

    [Fact]
    public void ChangeOfGestore_OldPactsDeliveryInTheNewPactsFirstWindowDoesNotFulfilIt()
    {
        var pact = Pact(start: new DateOnly(2026, 1, 1));
        // Delivered the day before the pact began: that day belongs to the pact before it.
        List<(string, DateOnly)> delivered = [("90.28.1", new(2025, 12, 31))];

        var report = AdherenceCalculator.Compute(pact, [QuarterlyHbA1c], delivered, new DateOnly(2026, 4, 15));

        report.Done.ShouldBe(0);
        report.Overdue.ShouldBe(1);
    }

    [Fact]
    public void CancelledPact_NoOccurrenceIsOverdueAfterItsLastDay()
    {
        var pact = Pact(start: new DateOnly(2026, 1, 1));
        pact.Cancel(By(CaseManager(), "il paziente rinuncia", on: new DateOnly(2026, 5, 15)));
        List<(string, DateOnly)> delivered = [("90.28.1", new(2026, 2, 1)), ("90.28.1", new(2026, 6, 1))];

        var report = AdherenceCalculator.Compute(pact, [QuarterlyHbA1c], delivered, new DateOnly(2026, 12, 31));

        report.LastDay.ShouldBe(new DateOnly(2026, 5, 15));
        // The second quarter runs to 1 July: cut short by the cancellation, it is not due under this pact;
        // the delivery of 1 June came after the pact ended and does not count.
        report.Items[0].Occurrences.Select(o => o.State).ShouldBe([OccurrenceState.Done, OccurrenceState.Lapsed]);
        report.Overdue.ShouldBe(0);
        report.OldestOverdueSince.ShouldBeNull();
        report.Percent.ShouldBe(100);
    }

    [Fact]
    public void CancelledPact_WindowsClosedBeforeTheEndStayOverdue()
    {
        var pact = Pact(start: new DateOnly(2026, 1, 1));
        pact.Cancel(By(CaseManager(), "il paziente rinuncia", on: new DateOnly(2026, 8, 1)));

        var report = AdherenceCalculator.Compute(pact, [QuarterlyHbA1c], [], new DateOnly(2026, 12, 31));

        report.Items[0].Occurrences.Select(o => o.State).ShouldBe([OccurrenceState.Overdue, OccurrenceState.Overdue, OccurrenceState.Lapsed]);
        report.OldestOverdueSince.ShouldBe(new DateOnly(2026, 4, 1));
    }

    [Fact]
    public void CancelledWindowCutShort_DeliveredBeforeTheEnd_CountsDone()
    {
        var pact = Pact(start: new DateOnly(2026, 1, 1));
        pact.Cancel(By(CaseManager(), "il paziente rinuncia", on: new DateOnly(2026, 3, 1)));

        var report = AdherenceCalculator.Compute(pact, [QuarterlyHbA1c], [("90.28.1", new DateOnly(2026, 2, 20))], new DateOnly(2026, 6, 1));

        report.Items[0].Occurrences.Single().State.ShouldBe(OccurrenceState.Done);
        report.Percent.ShouldBe(100);
    }

    [Fact]
    public void RenewedPact_SecondYearHasItsOwnWindows_FirstYearDeliveriesDoNotFillThem()
    {
        var pact = Pact(start: new DateOnly(2025, 4, 1));
        pact.Renew(OnPaper, By(CaseManager(), on: new DateOnly(2026, 3, 15)));
        // Two visits in the first plan year, none yet in the second.
        var visits = PaiItem.Service("89.7", "Visita generale", 1);
        List<(string, DateOnly)> delivered = [("89.7", new(2025, 5, 1)), ("89.7", new(2026, 3, 20))];

        var report = AdherenceCalculator.Compute(pact, [visits], delivered, new DateOnly(2027, 4, 15));

        report.Items[0].Occurrences.Select(o => (o.Index, o.From, o.To, o.State)).ShouldBe([
            (1, new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31), OccurrenceState.Done),
            (2, new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31), OccurrenceState.Overdue),
        ]);
        report.Items[0].Occurrences[0].DeliveredOn.ShouldBe(new DateOnly(2025, 5, 1));
    }

    [Fact]
    public void PactAnnulledBeforeItsStart_PlansNothing()
    {
        var pact = Pact(start: Today.AddDays(10));
        pact.Cancel(By(CaseManager(), "firmato per errore"));

        var report = AdherenceCalculator.Compute(pact, [QuarterlyHbA1c], [("90.28.1", Today.AddDays(20))], Today.AddYears(1));

        report.Items[0].Occurrences.ShouldBeEmpty();
        report.Percent.ShouldBeNull();
    }

    [Fact]
    public void WorklistRow_OfAPactAfterAChangeOfGestore_IgnoresTheOldPactsDeliveries()
    {
        var pact = Pact(start: new DateOnly(2026, 1, 1));
        var pai = WrittenPai(pact);
        // The old pact's HbA1c of December would otherwise fulfil nothing, but a delivery the day
        // before this pact starts must not count as this pact's first quarter either.
        List<(string, DateOnly)> delivered = [("90.28.1", new(2025, 12, 31)), ("89.7", new(2025, 12, 31))];

        var row = WorklistCase.Of(pact, pai.ActiveVersion, [], delivered, new DateOnly(2026, 4, 10));

        row.FirstUnmetDue.ShouldBe(new DateOnly(2026, 4, 1));
        row.AdherencePercent.ShouldBe(0);
    }
}
