using System.Globalization;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;

namespace Territorio.CareManagement.Plans;

public enum PaiVersionStatus
{
    /// <summary>Drafted or proposed by the patient's MMG, waiting for the Gestore.</summary>
    Proposed,
    Active,
    Superseded,
    Rejected,
}

/// <summary>
/// The Piano di Assistenza Individuale of a patient under a pact. The Gestore is responsible for
/// it (DGR X/6164/2017 allegato 1): its clinical manager writes versions directly; the patient's
/// MMG drafts or proposes, and the Gestore validates or rejects. One active version at a time;
/// every change is a new version with author and reason.
/// </summary>
public sealed class Pai : AggregateRoot
{
    private readonly List<PaiVersion> _versions = [];

    private Pai()
    {
        PatientId = GestoreId = "";
    }

    public long Id { get; private set; }

    public string PatientId { get; private set; }

    public long PactId { get; private set; }

    public string GestoreId { get; private set; }

    public string? MmgId { get; private set; }

    /// <summary>Start of the plan year: the pact's start.</summary>
    public DateOnly StartDate { get; private set; }

    public IReadOnlyList<PaiVersion> Versions => _versions;

    public PaiVersion? ActiveVersion => _versions.SingleOrDefault(v => v.Status == PaiVersionStatus.Active);

    public PaiVersion? PendingProposal => _versions.SingleOrDefault(v => v.Status == PaiVersionStatus.Proposed);

    protected override string AuditId => Id.ToString(CultureInfo.InvariantCulture);

    protected override string? AuditPatientId => PatientId;

    public static Pai For(PattoDiCura pact)
    {
        if (pact.Status != PactStatus.Active)
        {
            throw new CareRuleException($"il patto {pact.Id} non è attivo: non si apre un PAI");
        }

        return new Pai { PatientId = pact.PatientId, PactId = pact.Id, GestoreId = pact.GestoreId, MmgId = pact.MmgId, StartDate = pact.StartDate };
    }

    /// <summary>The Gestore's clinical manager writes a new active version.</summary>
    public PaiVersion Write(IReadOnlyList<PaiItem> items, PaiVocabulary vocabulary, Change change)
    {
        RequireGestoreClinicalManager(change, "scrivere il PAI");
        string reason = change.RequireReason("una nuova versione del PAI");
        var version = AddVersion(items, vocabulary, PaiVersionStatus.Active, change, reason);
        Activate(version, change);
        Record("versione PAI scritta", change, $"versione {version.Number}, {version.Items.Count} voci");
        return version;
    }

    // DGR X/6164/2017 allegato 1: the MMG as collaborator writes its patients' PAIs under the
    // Gestore's supervision, and cannot change a PAI on its own.
    public PaiVersion Propose(IReadOnlyList<PaiItem> items, PaiVocabulary vocabulary, Change change)
    {
        if (change.By.Role != ActorRole.Mmg || change.By.Id != MmgId)
        {
            throw new CareRuleException($"solo il medico di medicina generale del paziente ({MmgId ?? "non indicato"}) può proporre il PAI del paziente {PatientId}");
        }

        string reason = change.RequireReason("una proposta di PAI");
        if (PendingProposal is { } pending)
        {
            throw new CareRuleException($"c'è già una proposta in attesa (versione {pending.Number}) per il PAI del paziente {PatientId}: il Gestore deve prima deciderla");
        }

        if (ActiveVersion is { } active && PaiDiff.Between(active.Items, items).Count == 0)
        {
            throw new CareRuleException($"la proposta è identica alla versione {active.Number} in vigore del PAI del paziente {PatientId}");
        }

        var version = AddVersion(items, vocabulary, PaiVersionStatus.Proposed, change, reason);
        Record(ActiveVersion is null ? "bozza PAI del MMG" : "modifica PAI proposta dal MMG", change, $"versione {version.Number}");
        return version;
    }

    public PaiVersion AcceptProposal(Change change)
    {
        RequireGestoreClinicalManager(change, "validare la proposta del MMG");
        var proposal = PendingProposal ?? throw new CareRuleException($"nessuna proposta in attesa per il PAI del paziente {PatientId}");
        proposal.Decide(PaiVersionStatus.Active, change);
        Activate(proposal, change);
        Record("proposta MMG accettata", change, $"versione {proposal.Number}");
        return proposal;
    }

    public void RejectProposal(Change change)
    {
        RequireGestoreClinicalManager(change, "respingere la proposta del MMG");
        change.RequireReason("respingere la proposta del MMG");
        var proposal = PendingProposal ?? throw new CareRuleException($"nessuna proposta in attesa per il PAI del paziente {PatientId}");
        proposal.Decide(PaiVersionStatus.Rejected, change);
        Record("proposta MMG respinta", change, $"versione {proposal.Number}");
    }

    private PaiVersion AddVersion(IReadOnlyList<PaiItem> items, PaiVocabulary vocabulary, PaiVersionStatus status, Change change, string reason)
    {
        if (items.Count == 0)
        {
            throw new CareRuleException("un PAI deve contenere almeno una voce");
        }

        foreach (var item in items)
        {
            vocabulary.Check(item);
        }

        var duplicate = items.GroupBy(i => (i.Kind, i.Code)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CareRuleException($"la voce {duplicate.Key.Code} compare più volte nel PAI");
        }

        var version = new PaiVersion(_versions.Count + 1, status, change, reason, items);
        _versions.Add(version);
        return version;
    }

    private void Activate(PaiVersion version, Change change)
    {
        foreach (var previous in _versions.Where(v => v.Status == PaiVersionStatus.Active && v != version))
        {
            previous.Supersede(change);
        }
    }

    private void RequireGestoreClinicalManager(Change change, string what)
    {
        if (change.By.Role != ActorRole.ClinicalManager || !change.By.ActsFor(GestoreId))
        {
            throw new CareRuleException($"solo il responsabile clinico del Gestore {GestoreId} può {what} (richiesta da {change.By.Id})");
        }
    }
}

public sealed class PaiVersion
{
    private readonly List<PaiItem> _items = [];

    private PaiVersion()
    {
        Author = Reason = "";
    }

    internal PaiVersion(int number, PaiVersionStatus status, Change change, string reason, IEnumerable<PaiItem> items)
    {
        Number = number;
        Status = status;
        Author = change.By.ToString();
        AuthorRole = change.By.Role;
        CreatedAtUtc = change.AtUtc;
        Reason = reason;
        _items.AddRange(items.Select(i => i.Copy()));
    }

    public long Id { get; private set; }

    public int Number { get; private set; }

    public PaiVersionStatus Status { get; private set; }

    public string Author { get; private set; }

    public ActorRole AuthorRole { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string Reason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public string? DecisionReason { get; private set; }

    public IReadOnlyList<PaiItem> Items => _items;

    public IEnumerable<PaiItem> Services => _items.Where(i => i.Kind == PaiItemKind.Service);

    internal void Decide(PaiVersionStatus outcome, Change change)
    {
        Status = outcome;
        DecidedBy = change.By.ToString();
        DecidedAtUtc = change.AtUtc;
        DecisionReason = change.Reason;
    }

    internal void Supersede(Change change)
    {
        Status = PaiVersionStatus.Superseded;
        DecidedAtUtc ??= change.AtUtc;
    }
}
