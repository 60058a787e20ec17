namespace Territorio.Rehab.Contests;

/// <summary>Where a contest stands: opened by the structure, then decided once by the ATS.</summary>
public enum ContestState
{
    /// <summary>Opened by the structure, waiting for the ATS ("contestato").</summary>
    Contested,

    /// <summary>The ATS upheld the verdict ("confermato").</summary>
    Confirmed,

    /// <summary>The ATS set the verdict aside ("annullato").</summary>
    Annulled,
}

/// <summary>The verdict a contest is about: one admission (line) of one run, of one structure, in the run's ATS.</summary>
public sealed record ContestedVerdict(long RunId, long Line, string RecordId, string StructureId, string Ats);

/// <summary>A contest refused by one of its rules: the Italian sentence is shown as is; <see cref="Field"/> names the input at fault.</summary>
public sealed class ContestRefusedException(string field, string message, bool conflict) : Exception(message)
{
    /// <summary>"nota", "motivazione", "esito", or "giudizio" when the verdict's state (not an input) refuses it.</summary>
    public string Field { get; } = field;

    /// <summary>True when the request is well formed but the contest's state refuses it (already contested, already decided, not yours).</summary>
    public bool Conflict { get; } = conflict;
}

/// <summary>
/// A hospital structure's contest of one rehab verdict and the ATS's decision on it. Territorio's
/// own procedure under DM 5/8/2021 art.5 c.2 (the regions' controls of appropriateness stay in
/// force; the decree sets no contest procedure): the structure whose admission was judged writes
/// why it disagrees; the ATS of its territory confirms the verdict, or annuls it with a reason.
/// The decision is final, and who did what when is kept (decision 0200).
/// </summary>
public sealed class VerdictContest
{
    public const int MaxText = 4000;

    /// <summary>
    /// An annulment sets a control's verdict aside: its reason is what a later audit reads, so it
    /// must be a sentence (at least this many characters), not a word.
    /// </summary>
    public const int MinAnnulmentReason = 20;

    private VerdictContest()
    {
        RecordId = StructureId = Ats = Note = OpenedBy = "";
    }

    public long Id { get; private set; }

    public long RunId { get; private set; }

    /// <summary>The verdict's line in the run's file (with <see cref="RunId"/>, the verdict's key).</summary>
    public long Line { get; private set; }

    public string RecordId { get; private set; }

    public string StructureId { get; private set; }

    /// <summary>The ATS whose run holds the verdict: the only one that decides.</summary>
    public string Ats { get; private set; }

    public ContestState State { get; private set; }

    /// <summary>The structure's note: why the verdict is wrong.</summary>
    public string Note { get; private set; }

    public string OpenedBy { get; private set; }

    public DateTime OpenedAtUtc { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    /// <summary>The ATS's reason: required to annul, optional to confirm (the verdict's own reasons stand).</summary>
    public string? DecisionReason { get; private set; }

    public bool IsOpen => State == ContestState.Contested;

    /// <summary>
    /// The structure contests the verdict. Refused: another structure's admission, an empty note,
    /// a verdict already contested (open) or whose contest the ATS has decided (final).
    /// </summary>
    public static VerdictContest Open(ContestedVerdict verdict, VerdictContest? existing, string actorStructure, string by, DateTime atUtc, string note)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (!string.Equals(actorStructure, verdict.StructureId, StringComparison.Ordinal))
        {
            throw new ContestRefusedException("giudizio", $"solo la struttura {verdict.StructureId}, del ricovero {verdict.RecordId}, può contestarne il giudizio", conflict: true);
        }

        if (existing is { IsOpen: true })
        {
            throw new ContestRefusedException("giudizio", $"il giudizio sul ricovero {verdict.RecordId} è già contestato (dal {Day(existing.OpenedAtUtc)}): l'ATS non ha ancora deciso", conflict: true);
        }

        if (existing is not null)
        {
            throw new ContestRefusedException("giudizio", $"la contestazione del giudizio sul ricovero {verdict.RecordId} è già stata decisa dall'ATS ({Word(existing.State)} il {Day(existing.DecidedAtUtc!.Value)}): la decisione è definitiva", conflict: true);
        }

        return new VerdictContest
        {
            RunId = verdict.RunId,
            Line = verdict.Line,
            RecordId = verdict.RecordId,
            StructureId = verdict.StructureId,
            Ats = verdict.Ats,
            State = ContestState.Contested,
            Note = Required("nota", note, 1, "la nota è obbligatoria: scrivere perché il giudizio non è corretto"),
            OpenedBy = Who(by),
            OpenedAtUtc = atUtc,
        };
    }

    /// <summary>The ATS upholds the verdict; a reason is welcome, not required.</summary>
    public void Confirm(string actorAts, string by, DateTime atUtc, string? reason)
    {
        EnsureDecidable(actorAts);
        string? given = string.IsNullOrWhiteSpace(reason) ? null : Required("motivazione", reason, 1, "");
        Decide(ContestState.Confirmed, by, atUtc, given);
    }

    /// <summary>The ATS sets the verdict aside: only with a reason of at least <see cref="MinAnnulmentReason"/> characters.</summary>
    public void Annul(string actorAts, string by, DateTime atUtc, string reason)
    {
        EnsureDecidable(actorAts);
        Decide(ContestState.Annulled, by, atUtc, Required("motivazione", reason, MinAnnulmentReason,
            $"per annullare il giudizio la motivazione è obbligatoria (almeno {MinAnnulmentReason} caratteri): è ciò che resta a chi rivedrà il controllo"));
    }

    /// <summary>The state as the issue names it, and as exports and the API carry it.</summary>
    public static string Code(ContestState state) => state switch
    {
        ContestState.Contested => "contestato",
        ContestState.Confirmed => "confermato",
        _ => "annullato",
    };

    public static ContestState? Parse(string? code) => code?.Trim() switch
    {
        "contestato" => ContestState.Contested,
        "confermato" => ContestState.Confirmed,
        "annullato" => ContestState.Annulled,
        _ => null,
    };

    private void EnsureDecidable(string actorAts)
    {
        if (!string.Equals(actorAts, Ats, StringComparison.Ordinal))
        {
            throw new ContestRefusedException("giudizio", $"solo l'ATS {Ats}, del territorio della struttura {StructureId}, decide questa contestazione", conflict: true);
        }

        if (!IsOpen)
        {
            throw new ContestRefusedException("giudizio", $"la contestazione del giudizio sul ricovero {RecordId} è già stata decisa ({Word(State)} il {Day(DecidedAtUtc!.Value)}): la decisione è definitiva", conflict: true);
        }
    }

    private void Decide(ContestState state, string by, DateTime atUtc, string? reason)
    {
        if (atUtc < OpenedAtUtc)
        {
            throw new ArgumentOutOfRangeException(nameof(atUtc), "a decision cannot precede the contest");
        }

        State = state;
        DecidedBy = Who(by);
        DecidedAtUtc = atUtc;
        DecisionReason = reason;
    }

    private static string Required(string field, string? text, int minLength, string refusal)
    {
        string trimmed = text?.Trim() ?? "";
        if (trimmed.Length < minLength)
        {
            throw new ContestRefusedException(field, refusal, conflict: false);
        }

        return trimmed.Length > MaxText
            ? throw new ContestRefusedException(field, $"{field} troppo lunga: al massimo {MaxText} caratteri (ora {trimmed.Length})", conflict: false)
            : trimmed;
    }

    private static string Who(string by) => string.IsNullOrWhiteSpace(by) ? throw new ArgumentException("the actor is required", nameof(by)) : by.Trim();

    private static string Word(ContestState state) => state == ContestState.Confirmed ? "giudizio confermato" : "giudizio annullato";

    private static string Day(DateTime utc) => utc.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
