using System.Globalization;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Reclassification;

namespace Territorio.CareManagement.Pacts;

public enum PactStatus
{
    Active,
    Expired,
    Cancelled,

    /// <summary>Closed by an approved change of Gestore.</summary>
    Closed,
}

/// <summary>
/// The Patto di Cura between a patient and a Gestore: signed, valid one year, renewed or cancelled
/// each year (DGR X/6164/2017 allegato 1, "Patto di Cura"). One active pact per patient.
/// </summary>
public sealed class PattoDiCura : AggregateRoot
{
    /// <summary>How long before its end a pact may be renewed.</summary>
    public const int RenewalWindowDays = 60;

    private PattoDiCura()
    {
        PatientId = GestoreId = Ats = GestoreSignatory = "";
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public string GestoreId { get; private set; }

    public string Ats { get; private set; }

    private readonly List<PactLevelPeriod> _levelPeriods = [];

    /// <summary>The level in force today: the last of <see cref="LevelPeriods"/> (periods never start after the day they are recorded).</summary>
    public int Level { get; private set; }

    /// <summary>The main pathology in force today, with <see cref="Level"/>.</summary>
    public string? MainPathology { get; private set; }

    /// <summary>
    /// The pact's level history, oldest first, contiguous from the pact's start. A pact that never
    /// followed a reclassification (or was bulk-loaded) has recorded none: its one period is the
    /// pact's own level from its start.
    /// </summary>
    public IReadOnlyList<PactLevelPeriod> LevelPeriods => _levelPeriods.Count > 0 ? _levelPeriods : [new PactLevelPeriod(StartDate, Level, MainPathology, null)];

    public DateOnly SignedOn { get; private set; }

    public DateOnly StartDate { get; private set; }

    /// <summary>Last day covered (inclusive).</summary>
    public DateOnly EndDate { get; private set; }

    /// <summary>What the pact was signed on: an invitation or a request (null: signed before consent was recorded).</summary>
    public ConsentGround? ConsentGround { get; private set; }

    /// <summary>The number of the letter or request of <see cref="ConsentGround"/>.</summary>
    public long? ConsentReference { get; private set; }

    /// <summary>How the patient signed (null: signed before consent was recorded).</summary>
    public SignatureMethod? SignatureMethod { get; private set; }

    /// <summary>The stored name of the scanned paper pact (signed on paper only).</summary>
    public string? SignatureScan { get; private set; }

    /// <summary>The operator who witnessed the patient's signature, by name.</summary>
    public string? Witness { get; private set; }

    /// <summary>The witness's account (login), when the door knew it.</summary>
    public string? WitnessAccount { get; private set; }

    public string GestoreSignatory { get; private set; }

    /// <summary>The patient's GP when the pact was signed (informed in every scenario).</summary>
    public string? MmgId { get; private set; }

    public PactStatus Status { get; private set; }

    public int Renewals { get; private set; }

    private readonly List<PactRenewal> _renewalHistory = [];

    /// <summary>The renewals recorded with their signature, oldest first (pacts renewed before they were recorded count in <see cref="Renewals"/> only).</summary>
    public IReadOnlyList<PactRenewal> RenewalHistory => _renewalHistory;

    /// <summary>The day the patient confirmed, from their own page, the renewal now due (null: not confirmed).</summary>
    public DateOnly? RenewalConfirmedOn { get; private set; }

    /// <summary>On the day, the pact can be renewed: active and within the last <see cref="RenewalWindowDays"/> days.</summary>
    public bool IsInRenewalWindowOn(DateOnly day) => Status == PactStatus.Active && day <= EndDate && day >= EndDate.AddDays(-RenewalWindowDays);

    public string? CloseReason { get; private set; }

    /// <summary>The account of the Gestore's case manager who follows the patient (null: not yet assigned).</summary>
    public string? CaseManager { get; private set; }

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    /// <summary>
    /// In force from its start to its last day, whatever happened next: a pact cancelled, closed or
    /// expired keeps the days it ran (deliveries, adherence and pay of those days stand). A pact
    /// annulled before it started has its last day before its first and was never in force.
    /// </summary>
    public bool IsInForceOn(DateOnly day) => day >= StartDate && day <= EndDate;

    /// <summary>False for a pact annulled on or before its first day.</summary>
    public bool WasEverInForce => EndDate >= StartDate;

    /// <summary>Still open (not cancelled or closed) and not past its end on the given day.</summary>
    public bool IsActiveOn(DateOnly day) => Status == PactStatus.Active && day <= EndDate;

    public static DateOnly OneYearFrom(DateOnly start) => start.AddYears(1).AddDays(-1);

    internal static PattoDiCura Create(PactSigning signing, Gestore gestore, Change change)
    {
        string witness = ConsentRules.Require(signing.PatientId, signing.Basis, signing.Signature, gestore.Id);
        ConsentRules.RequireStart(signing.StartDate, change.Day, signing.Basis!);
        var pact = new PattoDiCura
        {
            PatientId = signing.PatientId,
            GestoreId = gestore.Id,
            Ats = signing.Ats,
            Level = signing.Classification.Level,
            MainPathology = signing.Classification.MainPathology,
            SignedOn = change.Day,
            StartDate = signing.StartDate,
            EndDate = OneYearFrom(signing.StartDate),
            ConsentGround = signing.Basis!.Ground,
            ConsentReference = signing.Basis.Id,
            SignatureMethod = signing.Signature!.Method,
            SignatureScan = signing.Signature.Method == Pacts.SignatureMethod.Paper ? signing.Signature.Scan!.Trim() : null,
            Witness = witness,
            WitnessAccount = signing.Signature.WitnessAccount?.Trim(),
            GestoreSignatory = Guard.Text(signing.GestoreSignatory, "firmatario per il Gestore"),
            MmgId = signing.MmgId,
            Status = PactStatus.Active,
        };
        pact._levelPeriods.Add(new PactLevelPeriod(pact.StartDate, pact.Level, pact.MainPathology, null));
        pact.Record("patto firmato", change, $"Gestore {gestore.Id}, livello {pact.Level}, dal {pact.StartDate:yyyy-MM-dd} al {pact.EndDate:yyyy-MM-dd}; "
            + $"su {GroundNames.Italian(pact.ConsentGround.Value)} n.{pact.ConsentReference}, {GroundNames.Italian(pact.SignatureMethod.Value)}, alla presenza di {witness}");
        return pact;
    }

    /// <summary>
    /// Renews the pact for one more year (DGR X/6164/2017 allegato 1: the pact is confirmed each
    /// year by the patient), on the patient's <paramref name="signature"/> — on paper with the scan,
    /// or their confirmation from their own page countersigned by the operator (<see cref="ConsentRules.RequireRenewal"/>).
    /// Only the pact's own Gestore renews it.
    /// </summary>
    public PactRenewal Renew(PatientSignature? signature, Change change)
    {
        Guard.Role(change, "rinnovo del patto", ActorRole.CaseManager, ActorRole.ClinicalManager, ActorRole.System);
        if (change.By.Role != ActorRole.System && !change.By.ActsFor(GestoreId))
        {
            throw new CareRuleException($"il patto {Id} è del Gestore {GestoreId}: solo i suoi operatori lo rinnovano");
        }

        RequireRenewalWindow(change.Day, "rinnovare");
        string witness = ConsentRules.RequireRenewal(Id, signature, RenewalConfirmedOn);
        var from = EndDate.AddDays(1);
        EndDate = OneYearFrom(from);
        Renewals++;
        var renewal = new PactRenewal(Renewals, change.Day, from, EndDate, signature!.Method, signature.Method == Pacts.SignatureMethod.Paper ? signature.Scan!.Trim() : null,
            witness, signature.WitnessAccount?.Trim(), signature.Method == Pacts.SignatureMethod.PatientPage ? RenewalConfirmedOn : null);
        _renewalHistory.Add(renewal);
        RenewalConfirmedOn = null;
        Record("patto rinnovato", change, $"nuova scadenza {EndDate:yyyy-MM-dd}; {PactSignatures.Describe(renewal)}");
        return renewal;
    }

    /// <summary>
    /// The patient confirms, from their own authenticated page, that they want the pact renewed
    /// (DGR X/6164/2017 allegato 1); the Gestore's operator then countersigns with <see cref="Renew"/>.
    /// </summary>
    public void ConfirmRenewal(Change change)
    {
        Guard.Role(change, "conferma del rinnovo del patto", ActorRole.Patient);
        if (change.By.Id != PatientId)
        {
            throw new CareRuleException("il rinnovo del patto lo conferma solo il paziente stesso, dalla sua pagina");
        }

        RequireRenewalWindow(change.Day, "confermare il rinnovo");
        if (RenewalConfirmedOn is { } already)
        {
            throw new CareRuleException($"ha già confermato il rinnovo del patto il {already:dd/MM/yyyy}: il Gestore completerà il rinnovo");
        }

        RenewalConfirmedOn = change.Day;
        Record("rinnovo confermato dal paziente", change, $"patto in scadenza il {EndDate:yyyy-MM-dd}");
    }

    private void RequireRenewalWindow(DateOnly day, string verb)
    {
        RequireActive(verb);
        if (day > EndDate)
        {
            throw new CareRuleException($"il patto {Id} è scaduto il {EndDate:dd/MM/yyyy}: serve un nuovo patto, non un rinnovo");
        }

        if (day < EndDate.AddDays(-RenewalWindowDays))
        {
            throw new CareRuleException($"il patto {Id} si può rinnovare solo negli ultimi {RenewalWindowDays} giorni (scade il {EndDate:dd/MM/yyyy})");
        }
    }

    /// <summary>
    /// Cancelled from the day of the change: it stays in force up to that day. Territorio's own rule:
    /// cancelled on or before its first day, the pact never ran (its last day becomes the day before
    /// its start), so no service and no pay belong to it.
    /// </summary>
    public void Cancel(Change change) => CancelAfter(change.Day > StartDate ? change.Day : StartDate.AddDays(-1), change);

    /// <summary>
    /// The patient died: the pact ends on the day of death, whenever the death is recorded
    /// (DGR X/6164/2017 allegato 1: the tariff is annual per patient in charge, paid pro rata up to
    /// the death). A death before the pact's start means it never ran.
    /// </summary>
    public void CancelAtDeath(DateOnly deathDate, Change change)
    {
        if (deathDate > change.Day)
        {
            throw new CareRuleException($"la data di decesso {deathDate:dd/MM/yyyy} è nel futuro");
        }

        CancelAfter(deathDate < StartDate ? StartDate.AddDays(-1) : deathDate, change);
    }

    private void CancelAfter(DateOnly lastDay, Change change)
    {
        change.RequireReason("annullare il patto");
        RequireActive("annullare");
        EndDate = lastDay < EndDate ? lastDay : EndDate;
        Status = PactStatus.Cancelled;
        CloseReason = change.Reason;
        Record("patto annullato", change, WasEverInForce ? $"ultimo giorno {EndDate:yyyy-MM-dd}" : "mai entrato in vigore");
    }

    /// <summary>
    /// Entrusts the patient to one of the Gestore's case managers, or takes them back (null).
    /// DGR X/6164/2017 allegato 1: the Gestore organises case management by clinical complexity
    /// and level; the clinical manager, who answers for the PAI, decides who follows whom.
    /// Whether <paramref name="caseManager"/> is a case manager of this Gestore is checked where the
    /// accounts live (the web adapter); here, who may assign and on which pact.
    /// </summary>
    public void AssignCaseManager(string? caseManager, Change change)
    {
        Guard.Role(change, "assegnazione del case manager", ActorRole.ClinicalManager);
        if (!change.By.ActsFor(GestoreId))
        {
            throw new CareRuleException($"il patto {Id} è del Gestore {GestoreId}: solo il suo responsabile clinico assegna il case manager");
        }

        RequireActive("assegnare a un case manager");
        string? assigned = string.IsNullOrWhiteSpace(caseManager) ? null : caseManager.Trim();
        if (assigned == CaseManager)
        {
            throw new CareRuleException(assigned is null ? $"il paziente {PatientId} non è assegnato a nessun case manager" : $"il paziente {PatientId} è già assegnato a {assigned}");
        }

        CaseManager = assigned;
        Record(assigned is null ? "case manager rimosso" : "case manager assegnato", change, assigned ?? "");
    }

    /// <summary>Marks a pact past its end that nobody renewed.</summary>
    public void Expire(Change change)
    {
        RequireActive("chiudere per scadenza");
        if (change.Day <= EndDate)
        {
            throw new CareRuleException($"il patto {Id} è valido fino al {EndDate:dd/MM/yyyy}");
        }

        Status = PactStatus.Expired;
        CloseReason = "scaduto senza rinnovo";
        Record("patto scaduto", change);
    }

    // The Commission's decision on a change of Gestore closes the old pact the day before the new one.
    internal void CloseForChangeOfGestore(DateOnly newStart, Change change)
    {
        RequireActive("chiudere");
        var lastDay = newStart.AddDays(-1);
        if (lastDay < StartDate)
        {
            throw new CareRuleException($"il nuovo patto non può iniziare ({newStart:dd/MM/yyyy}) prima del giorno successivo all'inizio del patto {Id}");
        }

        EndDate = lastDay < EndDate ? lastDay : EndDate;
        Status = PactStatus.Closed;
        CloseReason = change.Reason;
        Record("patto chiuso per cambio Gestore", change, $"ultimo giorno {EndDate:yyyy-MM-dd}");
    }

    /// <summary>
    /// The pact follows a reclassification the ATS Commission approved (DGR X/6164/2017 allegato 1:
    /// the ATS updates the classification; the pact, the PAI and the tariff follow the level in
    /// force). Territorio's own rules: the new level runs from the decision's day (from the pact's
    /// start if the pact had not started yet) — never backdated, since earlier days may already be
    /// paid and served at the old level, and never postdated, so that <see cref="Level"/> is always
    /// the level in force; the pact must be running on that day (a closed or expired pact keeps its
    /// history); periods stay contiguous and in order, a second decision on the same day replaces
    /// the first.
    /// </summary>
    internal void FollowReclassification(ReclassificationRequest approved, Change change)
    {
        if (approved.Status != RequestStatus.Approved || approved.DecidedOn != change.Day)
        {
            throw new CareRuleException($"il livello del patto {Id} segue solo una riclassificazione approvata dalla Commissione, dal giorno della decisione");
        }

        if (approved.PatientId != PatientId)
        {
            throw new CareRuleException($"la riclassificazione n.{approved.Id} è del paziente {approved.PatientId}, il patto {Id} del paziente {PatientId}");
        }

        RequireActive("aggiornare al nuovo livello");
        var decidedOn = change.Day;
        if (decidedOn > EndDate)
        {
            throw new CareRuleException($"il patto {Id} è terminato il {EndDate:dd/MM/yyyy}: la riclassificazione del {decidedOn:dd/MM/yyyy} vale per il patto successivo");
        }

        var from = decidedOn < StartDate ? StartDate : decidedOn;
        if (_levelPeriods.Count == 0)
        {
            _levelPeriods.AddRange(LevelPeriods);
        }

        var last = _levelPeriods[^1];
        if (from < last.From)
        {
            throw new CareRuleException($"il patto {Id} è al livello {last.Level} dal {last.From:dd/MM/yyyy}: un cambio di livello non può decorrere prima ({from:dd/MM/yyyy})");
        }

        if (from == last.From)
        {
            _levelPeriods.RemoveAt(_levelPeriods.Count - 1);
        }

        _levelPeriods.Add(new PactLevelPeriod(from, approved.ToLevel, approved.ToMainPathology, approved.Id));
        string before = $"livello {Level}, patologia {MainPathology}";
        Level = approved.ToLevel;
        MainPathology = approved.ToMainPathology;
        Record("livello del patto aggiornato", change, $"{before} → livello {Level}, patologia {MainPathology} dal {from:yyyy-MM-dd} (riclassificazione n.{approved.Id})");
    }

    private void RequireActive(string verb)
    {
        if (Status != PactStatus.Active)
        {
            throw new CareRuleException($"il patto {Id} non è attivo ({PactStatuses.Italian(Status)}): non si può {verb}");
        }
    }
}

public static class PactStatuses
{
    public static string Italian(PactStatus status) => status switch
    {
        PactStatus.Active => "attivo",
        PactStatus.Expired => "scaduto",
        PactStatus.Cancelled => "annullato",
        _ => "chiuso per cambio Gestore",
    };
}
