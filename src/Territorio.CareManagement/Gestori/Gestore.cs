using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Gestori;

/// <summary>Kinds of managing provider (DGR X/6164/2017 allegato 1, "il Gestore").</summary>
public enum GestoreKind
{
    /// <summary>Public hospital and territorial trust.</summary>
    Asst,

    /// <summary>Private accredited and contracted provider.</summary>
    PrivatoAccreditato,

    /// <summary>GPs in association (cooperative): MMG as Gestore.</summary>
    CooperativaMmg,
}

public enum CandidatureStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A Gestore and its candidatures to the ATSs: it applies per ATS and level, the ATS approves or
/// rejects with a reason; approved candidatures make the list of eligible Gestori.
/// </summary>
public sealed class Gestore : AggregateRoot
{
    private readonly List<Candidature> _candidatures = [];
    private readonly List<CooperativeMember> _members = [];

    private Gestore()
    {
        Id = Name = Ats = "";
    }

    public string Id { get; private set; }

    public string Name { get; private set; }

    public GestoreKind Kind { get; private set; }

    /// <summary>The ATS where the Gestore is based (it may apply to others).</summary>
    public string Ats { get; private set; }

    public IReadOnlyList<Candidature> Candidatures => _candidatures;

    /// <summary>The GPs associated in this cooperative over time (only a GP cooperative has any).</summary>
    public IReadOnlyList<CooperativeMember> Members => _members;

    protected override string AuditId => Id;

    protected override string? AuditPatientId => null;

    public static Gestore Register(string id, string name, GestoreKind kind, string ats, Change change)
    {
        Guard.Role(change, "registrazione del Gestore", ActorRole.Ats, ActorRole.System);
        var gestore = new Gestore { Id = Guard.Text(id, "codice del Gestore"), Name = Guard.Text(name, "nome del Gestore"), Kind = kind, Ats = Guard.Text(ats, "ATS") };
        gestore.Record("registrato", change, $"{GestoreKinds.Italian(kind)}, ATS {ats}");
        return gestore;
    }

    /// <summary>Territorio's own rule: the ATS's registry names the Gestore (its code never changes); only the ATS renames.</summary>
    public void Rename(string name, Change change)
    {
        Guard.Role(change, "nome del Gestore", ActorRole.Ats, ActorRole.System);
        string renamed = Guard.Text(name, "nome del Gestore");
        if (renamed != Name)
        {
            Record("nome cambiato", change, $"{Name} → {renamed}");
            Name = renamed;
        }
    }

    // DGR X/6164/2017 allegato 1: the Gestore applies to the ATS, which evaluates and selects.
    public Candidature Apply(string ats, int level, Change change)
    {
        Guard.Role(change, "candidatura", ActorRole.ClinicalManager, ActorRole.System);
        CareLevels.RequireEligible(level);
        if (_candidatures.Any(c => c.Ats == ats && c.Level == level && c.Status != CandidatureStatus.Rejected))
        {
            throw new CareRuleException($"il Gestore {Id} ha già una candidatura per l'ATS {ats} al livello {level}");
        }

        var candidature = new Candidature(Id, ats, level, change.Day);
        _candidatures.Add(candidature);
        Record("candidatura presentata", change, $"ATS {ats}, livello {level}");
        return candidature;
    }

    public void Approve(string ats, int level, Change change) => Decide(ats, level, CandidatureStatus.Approved, change);

    public void Reject(string ats, int level, Change change)
    {
        change.RequireReason("respingere una candidatura");
        Decide(ats, level, CandidatureStatus.Rejected, change);
    }

    // DGR X/6164/2017 allegato 1, "MMG come Gestore": only in association (cooperative); its member
    // GPs are paid 8% of the ambulatory component of their patients' tariffs.
    public CooperativeMember AddMember(string mmgId, DateOnly since, Change change)
    {
        RequireMembershipRecorder(change, "adesione di un MMG alla cooperativa");
        if (Kind != GestoreKind.CooperativaMmg)
        {
            throw new CareRuleException($"il Gestore {Id} è {GestoreKinds.Italian(Kind)}: solo una cooperativa di MMG ha medici associati");
        }

        Guard.Text(mmgId, "MMG");
        if (_members.Any(m => m.MmgId == mmgId && m.Until is null))
        {
            throw new CareRuleException($"l'MMG {mmgId} è già associato alla cooperativa {Id}");
        }

        var member = new CooperativeMember(Id, mmgId, since);
        _members.Add(member);
        Record("MMG associato", change, $"MMG {mmgId} dal {since:yyyy-MM-dd}");
        return member;
    }

    public void RemoveMember(string mmgId, DateOnly lastDay, Change change)
    {
        RequireMembershipRecorder(change, "recesso di un MMG dalla cooperativa");
        var member = _members.SingleOrDefault(m => m.MmgId == mmgId && m.Until is null)
            ?? throw new CareRuleException($"l'MMG {mmgId} non è associato alla cooperativa {Id}");
        member.Leave(lastDay);
        Record("MMG receduto", change, $"MMG {mmgId}, ultimo giorno {lastDay:yyyy-MM-dd}");
    }

    public bool IsEligible(string ats, int level) =>
        _candidatures.Any(c => c.Ats == ats && c.Level == level && c.Status == CandidatureStatus.Approved);

    public void EnsureEligible(string ats, int level)
    {
        if (!IsEligible(ats, level))
        {
            throw new CareRuleException($"il Gestore {Id} non è idoneo per l'ATS {ats} al livello {level}");
        }
    }

    private void RequireMembershipRecorder(Change change, string what)
    {
        Guard.Role(change, what, ActorRole.Ats, ActorRole.ClinicalManager, ActorRole.System);
        if (change.By.Role == ActorRole.ClinicalManager && !change.By.ActsFor(Id))
        {
            throw new CareRuleException($"{what}: la registra il responsabile del Gestore {Id} o l'ATS");
        }
    }

    private void Decide(string ats, int level, CandidatureStatus outcome, Change change)
    {
        if (change.By.Role != ActorRole.Ats || (change.By.Organisation is not null && !change.By.ActsFor(ats)))
        {
            throw new CareRuleException($"solo l'ATS {ats} decide le candidature presentate a essa");
        }

        var pending = _candidatures.SingleOrDefault(c => c.Ats == ats && c.Level == level && c.Status == CandidatureStatus.Pending)
            ?? throw new CareRuleException($"il Gestore {Id} non ha candidature in attesa per l'ATS {ats} al livello {level}");
        pending.Decide(outcome, change);
        Record(outcome == CandidatureStatus.Approved ? "candidatura approvata" : "candidatura respinta", change, $"ATS {ats}, livello {level}");
    }
}

public sealed class Candidature
{
    private Candidature()
    {
        GestoreId = Ats = "";
    }

    internal Candidature(string gestoreId, string ats, int level, DateOnly submittedOn)
    {
        GestoreId = gestoreId;
        Ats = ats;
        Level = level;
        SubmittedOn = submittedOn;
        Status = CandidatureStatus.Pending;
    }

    public long Id { get; private set; }

    public string GestoreId { get; private set; }

    public string Ats { get; private set; }

    public int Level { get; private set; }

    public CandidatureStatus Status { get; private set; }

    public DateOnly SubmittedOn { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DecisionReason { get; private set; }

    internal void Decide(CandidatureStatus outcome, Change change)
    {
        Status = outcome;
        DecidedOn = change.Day;
        DecidedBy = change.By.ToString();
        DecisionReason = change.Reason;
    }
}

/// <summary>A GP's membership of a GP cooperative, from <see cref="Since"/> to <see cref="Until"/> (inclusive, open while null).</summary>
public sealed class CooperativeMember
{
    private CooperativeMember()
    {
        GestoreId = MmgId = "";
    }

    internal CooperativeMember(string gestoreId, string mmgId, DateOnly since)
    {
        GestoreId = gestoreId;
        MmgId = mmgId;
        Since = since;
    }

    public long Id { get; private set; }

    public string GestoreId { get; private set; }

    public string MmgId { get; private set; }

    public DateOnly Since { get; private set; }

    public DateOnly? Until { get; private set; }

    public bool IsMemberOn(DateOnly day) => day >= Since && (Until is null || day <= Until);

    internal void Leave(DateOnly lastDay)
    {
        if (lastDay < Since)
        {
            throw new CareRuleException($"il recesso dell'MMG {MmgId} ({lastDay:dd/MM/yyyy}) non può precedere l'adesione ({Since:dd/MM/yyyy})");
        }

        Until = lastDay;
    }
}

public static class GestoreKinds
{
    public static string Italian(GestoreKind kind) => kind switch
    {
        GestoreKind.Asst => "ASST pubblica",
        GestoreKind.PrivatoAccreditato => "erogatore privato accreditato",
        _ => "cooperativa di MMG",
    };
}
