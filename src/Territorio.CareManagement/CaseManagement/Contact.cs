using System.Globalization;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;

namespace Territorio.CareManagement.CaseManagement;

public enum ContactKind
{
    PhoneCall,
    Visit,
    Message,
}

public enum ContactOutcome
{
    /// <summary>The case manager spoke with the patient (or their carer).</summary>
    Reached,

    /// <summary>No answer, patient absent at the visit.</summary>
    NotReached,

    /// <summary>A message left or sent, no answer yet.</summary>
    MessageLeft,
}

/// <summary>
/// A contact of the Gestore's case manager with a patient in charge: phone call, visit or
/// message, with its day, outcome and note (DGR X/6164/2017 allegato 1: the case manager follows
/// the patient proactively and is their point of reference). Recorded once, never edited: a
/// correction is a new contact.
/// </summary>
public sealed class Contact : AggregateRoot
{
    public const int MaxNoteLength = 1000;

    private Contact()
    {
        PatientId = GestoreId = Author = "";
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public long PactId { get; private set; }

    public string GestoreId { get; private set; }

    public ContactKind Kind { get; private set; }

    /// <summary>The day the contact took place (Europe/Rome calendar).</summary>
    public DateOnly Date { get; private set; }

    public ContactOutcome Outcome { get; private set; }

    public string? Note { get; private set; }

    public string Author { get; private set; }

    public ActorRole AuthorRole { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    public bool Reached => Outcome == ContactOutcome.Reached;

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    public static Contact Record(PattoDiCura pact, ContactKind kind, DateOnly on, ContactOutcome outcome, string? note, Change change)
    {
        if (!change.By.IsStaffOf(pact.GestoreId))
        {
            throw new CareRuleException($"solo il case manager o il responsabile clinico del Gestore {pact.GestoreId} registra i contatti con il paziente {pact.PatientId}");
        }

        if (!pact.IsActiveOn(change.Day))
        {
            throw new CareRuleException($"il patto {pact.Id} del paziente {pact.PatientId} non è attivo: non si registrano contatti");
        }

        if (on > change.Day)
        {
            throw new CareRuleException($"la data del contatto {on:dd/MM/yyyy} è nel futuro");
        }

        if (on < pact.StartDate)
        {
            throw new CareRuleException($"la data del contatto {on:dd/MM/yyyy} precede l'inizio del patto ({pact.StartDate:dd/MM/yyyy})");
        }

        string? text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > MaxNoteLength })
        {
            throw new CareRuleException($"la nota del contatto supera {MaxNoteLength} caratteri ({text.Length})");
        }

        var contact = new Contact
        {
            PatientId = pact.PatientId,
            PactId = pact.Id,
            GestoreId = pact.GestoreId,
            Kind = kind,
            Date = on,
            Outcome = outcome,
            Note = text,
            Author = change.By.ToString(),
            AuthorRole = change.By.Role,
            RecordedAtUtc = change.AtUtc,
        };
        contact.Record("contatto registrato", change, $"{kind} del {on:yyyy-MM-dd}: {outcome}");
        return contact;
    }
}

/// <summary>The recent contacts of a patient, as the worklist counts them.</summary>
public sealed record ContactSummary(int Recent, DateOnly? LastOn, ContactKind? LastKind, ContactOutcome? LastOutcome, DateOnly? LastReachedOn)
{
    public static ContactSummary? Of(IEnumerable<(DateOnly Date, ContactKind Kind, ContactOutcome Outcome)> contacts)
    {
        var list = contacts.OrderBy(c => c.Date).ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var last = list[^1];
        var reached = list.Where(c => c.Outcome == ContactOutcome.Reached).Select(c => (DateOnly?)c.Date).LastOrDefault();
        return new ContactSummary(list.Count, last.Date, last.Kind, last.Outcome, reached);
    }
}

/// <summary>Italian names of contact kinds and outcomes, and the codes operators type (CLI, forms, API).</summary>
public static class ContactNames
{
    public static readonly IReadOnlyList<(ContactKind Kind, string Code)> Kinds =
        [(ContactKind.PhoneCall, "telefonata"), (ContactKind.Visit, "visita"), (ContactKind.Message, "messaggio")];

    public static readonly IReadOnlyList<(ContactOutcome Outcome, string Code)> Outcomes =
        [(ContactOutcome.Reached, "raggiunto"), (ContactOutcome.NotReached, "non-raggiunto"), (ContactOutcome.MessageLeft, "messaggio-lasciato")];

    public static string Italian(ContactKind kind) => Kinds.First(k => k.Kind == kind).Code;

    public static string Italian(ContactOutcome outcome) => Outcomes.First(o => o.Outcome == outcome).Code.Replace('-', ' ');

    /// <summary>An Italian code (telefonata) or the English name (PhoneCall), any case.</summary>
    public static bool TryParseKind(string? text, out ContactKind kind) => TryParse(Kinds, text, out kind);

    public static bool TryParseOutcome(string? text, out ContactOutcome outcome) => TryParse(Outcomes, text, out outcome);

    private static bool TryParse<T>(IReadOnlyList<(T Value, string Code)> codes, string? text, out T value)
        where T : struct, Enum
    {
        string key = (text ?? "").Trim().Replace(' ', '-');
        foreach (var (candidate, code) in codes)
        {
            if (key.Equals(code, StringComparison.OrdinalIgnoreCase) || key.Equals(candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
