using Territorio.Rehab.Contests;

namespace Territorio.Rehab.Tests;

/// <summary>A structure's contest of a verdict and the ATS's decision: who may do what, once (decision 0200).</summary>
public sealed class VerdictContestTests
{
    private static readonly ContestedVerdict Verdict = new(7, 3, "R-0001", "SA", "321");

    private static readonly DateTime Opened = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static readonly DateTime Decided = Opened.AddDays(5);

    private const string Reason = "la scala di Barthel era compilata nell'SDO corretta";

    private static VerdictContest Open() => VerdictContest.Open(Verdict, null, "SA", "Direzione SA (sa)", Opened, "  il ricovero per acuti era il 01/02  ");

    [Fact]
    public void Open_ByTheAdmissionsStructure_IsContestedWithWhoWhenAndTheNote()
    {
        var contest = Open();

        contest.ShouldSatisfyAllConditions(
            () => contest.State.ShouldBe(ContestState.Contested),
            () => contest.IsOpen.ShouldBeTrue(),
            () => contest.Note.ShouldBe("il ricovero per acuti era il 01/02"),
            () => contest.OpenedBy.ShouldBe("Direzione SA (sa)"),
            () => contest.OpenedAtUtc.ShouldBe(Opened),
            () => contest.Ats.ShouldBe("321"),
            () => (contest.RunId, contest.Line, contest.StructureId).ShouldBe((7L, 3L, "SA")),
            () => contest.DecidedBy.ShouldBeNull());
    }

    [Fact]
    public void Open_ByAnotherStructure_IsRefused()
    {
        var refused = Should.Throw<ContestRefusedException>(() => VerdictContest.Open(Verdict, null, "SB", "sb", Opened, "nota"));

        refused.Message.ShouldBe("solo la struttura SA, del ricovero R-0001, può contestarne il giudizio");
        refused.Conflict.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Open_WithoutANote_IsRefusedNamingTheNote(string note)
    {
        var refused = Should.Throw<ContestRefusedException>(() => VerdictContest.Open(Verdict, null, "SA", "sa", Opened, note));

        refused.Field.ShouldBe("nota");
        refused.Conflict.ShouldBeFalse();
        refused.Message.ShouldBe("la nota è obbligatoria: scrivere perché il giudizio non è corretto");
    }

    [Fact]
    public void Open_WithANoteTooLong_IsRefused()
    {
        var refused = Should.Throw<ContestRefusedException>(() => VerdictContest.Open(Verdict, null, "SA", "sa", Opened, new string('x', VerdictContest.MaxText + 1)));

        refused.Field.ShouldBe("nota");
        refused.Message.ShouldContain("al massimo 4000 caratteri");
    }

    [Fact]
    public void Open_ASecondTimeWhileOpen_IsRefused()
    {
        var first = Open();

        var refused = Should.Throw<ContestRefusedException>(() => VerdictContest.Open(Verdict, first, "SA", "sa", Opened.AddDays(1), "di nuovo"));

        refused.Message.ShouldBe("il giudizio sul ricovero R-0001 è già contestato (dal 02/03/2026): l'ATS non ha ancora deciso");
    }

    [Fact]
    public void Open_AfterTheAtsDecided_IsRefused_TheDecisionIsFinal()
    {
        var first = Open();
        first.Confirm("321", "ats", Decided, null);

        var refused = Should.Throw<ContestRefusedException>(() => VerdictContest.Open(Verdict, first, "SA", "sa", Decided.AddDays(1), "ci riprovo"));

        refused.Message.ShouldBe("la contestazione del giudizio sul ricovero R-0001 è già stata decisa dall'ATS (giudizio confermato il 07/03/2026): la decisione è definitiva");
    }

    [Fact]
    public void Confirm_ByTheRunsAts_WithoutAReason_KeepsWhoAndWhen()
    {
        var contest = Open();

        contest.Confirm("321", "Controllore (ctl)", Decided, "  ");

        contest.ShouldSatisfyAllConditions(
            () => contest.State.ShouldBe(ContestState.Confirmed),
            () => contest.DecidedBy.ShouldBe("Controllore (ctl)"),
            () => contest.DecidedAtUtc.ShouldBe(Decided),
            () => contest.DecisionReason.ShouldBeNull(),
            () => contest.OpenedBy.ShouldBe("Direzione SA (sa)"));
    }

    [Fact]
    public void Annul_WithAReason_SetsTheVerdictAside()
    {
        var contest = Open();

        contest.Annul("321", "ctl", Decided, Reason);

        contest.State.ShouldBe(ContestState.Annulled);
        contest.DecisionReason.ShouldBe(Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sbagliato")]
    public void Annul_WithoutASentenceOfReason_IsRefusedNamingTheReason(string reason)
    {
        var contest = Open();

        var refused = Should.Throw<ContestRefusedException>(() => contest.Annul("321", "ctl", Decided, reason));

        refused.Field.ShouldBe("motivazione");
        refused.Message.ShouldStartWith("per annullare il giudizio la motivazione è obbligatoria (almeno 20 caratteri)");
        contest.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Decide_ByAnotherAts_IsRefused()
    {
        var contest = Open();

        var refused = Should.Throw<ContestRefusedException>(() => contest.Confirm("322", "ctl", Decided, null));

        refused.Message.ShouldBe("solo l'ATS 321, del territorio della struttura SA, decide questa contestazione");
        contest.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Decide_ASecondTime_IsRefused_TheDecisionIsFinal()
    {
        var contest = Open();
        contest.Annul("321", "ctl", Decided, Reason);

        var refused = Should.Throw<ContestRefusedException>(() => contest.Confirm("321", "ctl", Decided.AddDays(1), null));

        refused.Message.ShouldBe("la contestazione del giudizio sul ricovero R-0001 è già stata decisa (giudizio annullato il 07/03/2026): la decisione è definitiva");
        contest.State.ShouldBe(ContestState.Annulled);
        contest.DecidedAtUtc.ShouldBe(Decided);
    }

    [Theory]
    [InlineData("contestato", ContestState.Contested)]
    [InlineData("confermato", ContestState.Confirmed)]
    [InlineData("annullato", ContestState.Annulled)]
    public void StateCodes_RoundTrip(string code, ContestState state)
    {
        VerdictContest.Code(state).ShouldBe(code);
        VerdictContest.Parse(code).ShouldBe(state);
    }

    [Fact]
    public void Parse_UnknownState_IsNull() => VerdictContest.Parse("respinto").ShouldBeNull();
}
