using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using static Territorio.CareManagement.Tests.Given;

namespace Territorio.CareManagement.Tests;

public class ContactTests
{
    [Fact]
    public void Record_ByCaseManagerOfThePactsGestore_KeepsDayOutcomeNoteAndAuthor_AndIsAudited()
    {
        var pact = Pact(start: Today.AddDays(-30));

        var contact = Contact.Record(pact, ContactKind.PhoneCall, Today.AddDays(-1), ContactOutcome.Reached, "  concordato il prelievo  ", By(CaseManager()));

        contact.ShouldSatisfyAllConditions(
            c => c.PatientId.ShouldBe(pact.PatientId),
            c => c.GestoreId.ShouldBe("G1"),
            c => c.Date.ShouldBe(Today.AddDays(-1)),
            c => c.Outcome.ShouldBe(ContactOutcome.Reached),
            c => c.Note.ShouldBe("concordato il prelievo"),
            c => c.Author.ShouldBe(CaseManager().ToString()),
            c => c.PendingHistory.ShouldHaveSingleItem().Action.ShouldBe("contatto registrato"));
    }

    [Fact]
    public void Record_ByMmgOrAnotherGestore_IsRefused()
    {
        var pact = Pact(start: Today.AddDays(-30));

        Should.Throw<CareRuleException>(() => Contact.Record(pact, ContactKind.PhoneCall, Today, ContactOutcome.Reached, null, By(Doctor)))
            .Message.ShouldContain("solo il case manager o il responsabile clinico del Gestore G1");
        Should.Throw<CareRuleException>(() => Contact.Record(pact, ContactKind.Visit, Today, ContactOutcome.Reached, null, By(CaseManager("G2"))));
    }

    [Fact]
    public void Record_InTheFuture_OrBeforeThePact_IsRefused()
    {
        var pact = Pact(start: Today.AddDays(-30));

        Should.Throw<CareRuleException>(() => Contact.Record(pact, ContactKind.PhoneCall, Today.AddDays(1), ContactOutcome.Reached, null, By(CaseManager())))
            .Message.ShouldContain("nel futuro");
        Should.Throw<CareRuleException>(() => Contact.Record(pact, ContactKind.PhoneCall, Today.AddDays(-31), ContactOutcome.Reached, null, By(CaseManager())))
            .Message.ShouldContain("precede l'inizio del patto");
    }

    [Fact]
    public void Record_OnACancelledPact_IsRefused()
    {
        var pact = Pact(start: Today.AddDays(-30));
        pact.Cancel(By(CaseManager(), "rinuncia del paziente"));

        Should.Throw<CareRuleException>(() => Contact.Record(pact, ContactKind.Message, Today, ContactOutcome.MessageLeft, null, By(CaseManager())))
            .Message.ShouldContain("non è attivo");
    }

    [Fact]
    public void Record_NoteLongerThanTheLimit_IsRefused_BlankNoteIsNone()
    {
        var pact = Pact(start: Today.AddDays(-30));

        Should.Throw<CareRuleException>(() => Contact.Record(pact, ContactKind.PhoneCall, Today, ContactOutcome.NotReached, new string('x', Contact.MaxNoteLength + 1), By(CaseManager())))
            .Message.ShouldContain("supera 1000 caratteri");
        Contact.Record(pact, ContactKind.PhoneCall, Today, ContactOutcome.NotReached, "   ", By(CaseManager())).Note.ShouldBeNull();
    }

    [Theory]
    [InlineData("telefonata", ContactKind.PhoneCall)]
    [InlineData("VISITA", ContactKind.Visit)]
    [InlineData("Message", ContactKind.Message)]
    public void ContactNames_ParseItalianCodesAndEnglishNames(string text, ContactKind expected)
    {
        ContactNames.TryParseKind(text, out var kind).ShouldBeTrue();
        kind.ShouldBe(expected);
        ContactNames.TryParseOutcome("non raggiunto", out var outcome).ShouldBeTrue();
        outcome.ShouldBe(ContactOutcome.NotReached);
        ContactNames.TryParseKind("fax", out _).ShouldBeFalse();
    }

    [Fact]
    public void Summary_CountsContacts_LastOne_AndLastReached()
    {
        var summary = ContactSummary.Of([
            (Today.AddDays(-5), ContactKind.PhoneCall, ContactOutcome.Reached),
            (Today.AddDays(-1), ContactKind.PhoneCall, ContactOutcome.NotReached),
            (Today.AddDays(-9), ContactKind.Message, ContactOutcome.MessageLeft),
        ])!;

        summary.ShouldBe(new ContactSummary(3, Today.AddDays(-1), ContactKind.PhoneCall, ContactOutcome.NotReached, Today.AddDays(-5)));
        ContactSummary.Of([]).ShouldBeNull();
    }
}

public class WorklistContactTests
{
    private static readonly DateOnly AsOf = new(2026, 8, 1);

    // Missed booking 3 days ago; the worklist puts it first unless the patient was reached since.
    private static CaseSnapshot Missed(string id, ContactSummary? contacts) =>
        new(id, 2, 1, AsOf.AddDays(-100), AsOf.AddDays(265), true, [AsOf.AddDays(-3)], null, contacts);

    private static CaseSnapshot PaiMissing(string id) =>
        new(id, 2, 2, AsOf.AddDays(-45), AsOf.AddDays(300), false, [], null);

    private static ContactSummary Reached(int daysAgo) =>
        new(1, AsOf.AddDays(-daysAgo), ContactKind.PhoneCall, ContactOutcome.Reached, AsOf.AddDays(-daysAgo));

    [Fact]
    public void Worklist_PatientReachedAfterTheFindingArose_GoesBelowThoseNotContacted()
    {
        var worklist = new WorklistRules().Build([Missed("Reached", Reached(0)), PaiMissing("NotCalled")], AsOf);

        worklist.Select(e => e.PatientId).ShouldBe(["NotCalled", "Reached"]);
        worklist[1].ContactedOn.ShouldBe(AsOf);
        worklist[1].Contacts!.Recent.ShouldBe(1);
    }

    [Fact]
    public void Worklist_ReachedBeforeTheFindingArose_KeepsItsUrgency()
    {
        var worklist = new WorklistRules().Build([Missed("CalledBefore", Reached(5)), PaiMissing("NotCalled")], AsOf);

        worklist.Select(e => e.PatientId).ShouldBe(["CalledBefore", "NotCalled"]);
        worklist[0].ContactedOn.ShouldBeNull();
    }

    [Fact]
    public void Worklist_AttemptWithoutReachingThePatient_KeepsItsUrgency_ButIsCounted()
    {
        var attempt = new ContactSummary(2, AsOf, ContactKind.PhoneCall, ContactOutcome.NotReached, null);

        var worklist = new WorklistRules().Build([Missed("NoAnswer", attempt), PaiMissing("NotCalled")], AsOf);

        worklist.Select(e => e.PatientId).ShouldBe(["NoAnswer", "NotCalled"]);
        worklist[0].Contacts!.Recent.ShouldBe(2);
    }

    [Fact]
    public void Worklist_ReachedLongerAgoThanTheHold_IsUrgentAgain()
    {
        // Pact expiring: the finding arose 30 days before the end, the call was 8 days ago.
        var expiring = new CaseSnapshot("Expiring", 2, 3, AsOf.AddDays(-345), AsOf.AddDays(19), true, [], null, Reached(WorklistRules.ContactHoldDays + 1));

        new WorklistRules().Build([expiring], AsOf).Single().ContactedOn.ShouldBeNull();
    }
}
