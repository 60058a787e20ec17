using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Reclassification;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Ats;

/// <summary>A pathology by code and name (regional catalogue of chronic pathologies).</summary>
public sealed record PathologyRef(string Code, string Name);

/// <summary>What the Commission reads about the patient: the classification in force and the stratification's evidence.</summary>
public sealed record PatientEvidence(
    string PatientId,
    string? MmgId,
    int? Level,
    PathologyRef? MainPathology,
    IReadOnlyList<PathologyRef> Pathologies,
    string? ClassificationSource,
    IReadOnlyList<EvidenceLine> Evidence)
{
    /// <summary>The patient's GP as people read it: "Dott.ssa Anna Bianchi (MMG00001)"; the code when the registry does not name them.</summary>
    public string? Doctor { get; init; }
}

public sealed record ReclassificationItem(
    long Id,
    string PatientId,
    string GestoreId,
    string GestoreName,
    int FromLevel,
    PathologyRef? FromMainPathology,
    int ToLevel,
    PathologyRef ToMainPathology,
    IReadOnlyList<PathologyRef> ToPathologies,
    string Reason,
    string RequestedBy,
    DateOnly RequestedOn,
    string Status,
    string? DecidedBy,
    DateOnly? DecidedOn,
    string? DecisionReason,
    PatientEvidence? Patient)
{
    /// <summary>What the approval leaves to do, e.g. the change of Gestore to offer when the Gestore is not accredited at the new level.</summary>
    public string? DecisionNote { get; init; }
}

public sealed record ChangeOfGestoreItem(
    long Id,
    string PatientId,
    long PactId,
    int PactLevel,
    DateOnly PactEndDate,
    string FromGestoreId,
    string FromGestoreName,
    string ToGestoreId,
    string ToGestoreName,
    DateOnly EffectiveDate,
    string Reason,
    string RequestedBy,
    DateOnly RequestedOn,
    string Status,
    string? DecidedBy,
    DateOnly? DecidedOn,
    string? DecisionReason,
    long? NewPactId,
    PatientEvidence? Patient);

/// <summary>The ATS Commission's desk: requests waiting for a decision, and the latest decided ones.</summary>
public sealed record CommissionBoard(
    string Ats,
    IReadOnlyList<ReclassificationItem> PendingReclassifications,
    IReadOnlyList<ChangeOfGestoreItem> PendingChanges,
    IReadOnlyList<ReclassificationItem> DecidedReclassifications,
    IReadOnlyList<ChangeOfGestoreItem> DecidedChanges)
{
    /// <summary>The ATS by name beside its code ("ATS della Città Metropolitana di Milano").</summary>
    public string? AtsName { get; init; }
}

/// <summary>A decision taken: what changed, in the user's words.</summary>
public sealed record CommissionDecision(long Id, string Status, DateOnly DecidedOn, string? Reason, long? NewPactId, string Message);

/// <summary>
/// The ATS Commission (DGR X/6164/2017 allegato 1: it decides the reclassifications proposed by
/// the Gestori and the justified changes of Gestore). It sees and decides only the requests of its
/// own territory — a request of another ATS is "not found" — and every patient it shows is logged.
/// The decisions themselves are the care services' (<see cref="CareServices"/>).
/// </summary>
public sealed class CommissionDesk(CareServices care, PatientAccess access)
{
    public const int HistoryLimit = 50;

    public async Task<CommissionBoard> BoardAsync(Actor actor, string resource, CancellationToken ct)
    {
        string ats = actor.Ats;
        var pendingReclassifications = await care.Reclassification.PendingAsync(ats, ct);
        var pendingChanges = await care.Enrolment.PendingChangesAsync(ats, ct);
        var decidedReclassifications = await ReclassificationsOf(ats).Where(r => r.Status != RequestStatus.Pending)
            .OrderByDescending(r => r.DecidedOn).ThenByDescending(r => r.Id).Take(HistoryLimit).AsNoTracking().ToListAsync(ct);
        var decidedChanges = await ChangesOf(ats).Where(r => r.Status != RequestStatus.Pending)
            .OrderByDescending(r => r.DecidedOn).ThenByDescending(r => r.Id).Take(HistoryLimit).AsNoTracking().ToListAsync(ct);

        var pactIds = pendingChanges.Concat(decidedChanges).Select(c => c.PactId).Distinct().ToList();
        var pacts = await care.Db.Set<PattoDiCura>().Where(p => pactIds.Contains(p.Id)).AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var gestoreIds = pendingReclassifications.Concat(decidedReclassifications).Select(r => r.GestoreId)
            .Concat(pendingChanges.Concat(decidedChanges).SelectMany(c => new[] { c.FromGestoreId, c.ToGestoreId })).Distinct().ToList();
        var gestori = await care.Db.Set<Gestore>().Where(g => gestoreIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var evidence = new Dictionary<string, PatientEvidence>(StringComparer.Ordinal);
        foreach (string patientId in pendingReclassifications.Select(r => r.PatientId).Concat(pendingChanges.Select(c => c.PatientId)).Distinct())
        {
            evidence[patientId] = await EvidenceAsync(patientId, ct);
        }

        // The screen names every patient of its lists: one logged read each.
        var shown = pendingReclassifications.Concat(decidedReclassifications).Select(r => r.PatientId)
            .Concat(pendingChanges.Concat(decidedChanges).Select(c => c.PatientId));
        await access.RecordShownAsync(actor, shown, resource, ct);

        // Requests a patient made themselves name the patient ("people, not codes").
        var requesters = await PeopleNames.ResidentsAsync(care.Db,
            pendingChanges.Concat(decidedChanges).Select(c => EvidenceText.PatientOf(c.RequestedBy)).OfType<string>(), ct);

        ReclassificationItem Reclassification(ReclassificationRequest r) => new(
            r.Id, r.PatientId, r.GestoreId, gestori.GetValueOrDefault(r.GestoreId, ""), r.FromLevel, Pathology(r.FromMainPathology),
            r.ToLevel, Pathology(r.ToMainPathology)!, Pathologies(r.ToPathologies), r.Reason, EvidenceText.Actor(r.RequestedBy), r.RequestedOn,
            r.Status.ToString(), r.DecidedBy is null ? null : EvidenceText.Actor(r.DecidedBy), r.DecidedOn, r.DecisionReason, evidence.GetValueOrDefault(r.PatientId))
        {
            DecisionNote = r.DecisionNote,
        };

        ChangeOfGestoreItem Change(ChangeOfGestoreRequest c) => new(
            c.Id, c.PatientId, c.PactId, pacts[c.PactId].Level, pacts[c.PactId].EndDate, c.FromGestoreId, gestori.GetValueOrDefault(c.FromGestoreId, ""),
            c.ToGestoreId, gestori.GetValueOrDefault(c.ToGestoreId, ""), c.EffectiveDate, c.Reason, EvidenceText.Actor(c.RequestedBy, requesters), c.RequestedOn,
            c.Status.ToString(), c.DecidedBy is null ? null : EvidenceText.Actor(c.DecidedBy), c.DecidedOn, c.DecisionReason, c.NewPactId, evidence.GetValueOrDefault(c.PatientId));

        return new CommissionBoard(
            ats,
            [.. pendingReclassifications.Select(Reclassification)],
            [.. pendingChanges.Select(Change)],
            [.. decidedReclassifications.Select(Reclassification)],
            [.. decidedChanges.Select(Change)])
        {
            AtsName = care.Catalogues.AtsName(ats),
        };
    }

    /// <summary>Field errors of a decision, in the user's terms (the care rules say the same, later).</summary>
    public static ApiProblems.Validation Validate(bool? approve, string? reason)
    {
        var validation = new ApiProblems.Validation();
        if (approve is null)
        {
            validation.Add("approva", "Esito: indicare se la richiesta è approvata (true) o respinta (false)");
        }
        else if (approve == false && string.IsNullOrWhiteSpace(reason))
        {
            validation.Add("motivazione", "Motivazione: obbligatoria per respingere una richiesta (è comunicata a chi l'ha presentata)");
        }

        return validation;
    }

    public Task<bool> IsReclassificationOfTerritoryAsync(Actor actor, long id, CancellationToken ct) =>
        ReclassificationsOf(actor.Ats).AnyAsync(r => r.Id == id, ct);

    public Task<bool> IsChangeOfTerritoryAsync(Actor actor, long id, CancellationToken ct) =>
        ChangesOf(actor.Ats).AnyAsync(r => r.Id == id, ct);

    /// <summary>Decides a reclassification of the actor's territory; a CareRuleException explains a refusal.</summary>
    public async Task<CommissionDecision> DecideReclassificationAsync(Actor actor, long id, bool approve, string? reason, CancellationToken ct)
    {
        if (!await IsReclassificationOfTerritoryAsync(actor, id, ct))
        {
            throw new RefusedException(NotFound("la riclassificazione", id, actor.Ats));
        }

        var decided = await care.Reclassification.DecideAsync(id, approve, CareActors.Commission(actor), reason, ct);
        string patient = PeopleNames.Patient(await PeopleNames.ResidentsAsync(care.Db, [decided.PatientId], ct), decided.PatientId);
        bool pactFollows = approve && await care.Db.Set<PattoDiCura>().AnyAsync(p => p.PatientId == decided.PatientId && p.LevelPeriods.Any(l => l.ReclassificationId == id), ct);
        string message = approve
            ? $"Riclassificazione n.{id} di {patient} approvata: livello {decided.FromLevel} → {decided.ToLevel}, patologia principale {decided.ToMainPathology} {care.Catalogues.Pathologies.GetValueOrDefault(decided.ToMainPathology, "")}".TrimEnd() + "."
                + (pactFollows ? $" Il Patto di Cura in corso segue il nuovo livello dal {ItalianFormat.Date(decided.DecidedOn)}." : "")
                + (decided.DecisionNote is { } note ? $" Attenzione: {note}." : "")
            : $"Riclassificazione n.{id} di {patient} respinta: resta il livello {decided.FromLevel}.";
        return new CommissionDecision(id, decided.Status.ToString(), decided.DecidedOn!.Value, decided.DecisionReason, null, message);
    }

    /// <summary>Decides a change of Gestore of the actor's territory; approved, it takes effect when the patient signs with the new Gestore on or after its date.</summary>
    public async Task<CommissionDecision> DecideChangeAsync(Actor actor, long id, bool approve, string? reason, CancellationToken ct)
    {
        if (!await IsChangeOfTerritoryAsync(actor, id, ct))
        {
            throw new RefusedException(NotFound("la richiesta di cambio Gestore", id, actor.Ats));
        }

        var decided = await care.Enrolment.DecideChangeAsync(id, approve, CareActors.Commission(actor), reason, ct);
        string patient = await PeopleNames.PatientAsync(care.Db, decided.PatientId, ct);
        var gestori = await PeopleNames.GestoriAsync(care.Db, [decided.FromGestoreId, decided.ToGestoreId], ct);
        string from = gestori.GetValueOrDefault(decided.FromGestoreId, decided.FromGestoreId);
        string message = approve
            ? $"Cambio Gestore n.{id} di {patient} approvato: decorre dal {ItalianFormat.Date(decided.EffectiveDate)}, quando il paziente firma il nuovo patto con {gestori.GetValueOrDefault(decided.ToGestoreId, decided.ToGestoreId)}; fino ad allora resta in carico a {from}."
            : $"Cambio Gestore n.{id} di {patient} respinto: resta in carico a {from}.";
        return new CommissionDecision(id, decided.Status.ToString(), decided.DecidedOn!.Value, decided.DecisionReason, decided.NewPactId, message);
    }

    private static string NotFound(string what, long id, string ats) => $"{what} n.{id} non risulta tra le richieste della Commissione dell'ATS {ats}";

    private IQueryable<ReclassificationRequest> ReclassificationsOf(string ats) =>
        care.Db.Set<ReclassificationRequest>().Where(r => care.Db.Residents.Any(p => p.Id == r.PatientId && p.Ats == ats));

    private IQueryable<ChangeOfGestoreRequest> ChangesOf(string ats) =>
        care.Db.Set<ChangeOfGestoreRequest>().Where(r => care.Db.Set<PattoDiCura>().Any(p => p.Id == r.PactId && p.Ats == ats));

    private async Task<PatientEvidence> EvidenceAsync(string patientId, CancellationToken ct)
    {
        var patient = await care.Db.Residents.AsNoTracking().SingleAsync(r => r.Id == patientId, ct);
        var inForce = await ClassificationQueries.EffectiveAsync(care.Db, patientId, ct);
        var stratified = await care.Db.Set<StratifiedPerson>().Where(p => p.PersonId == patientId)
            .OrderByDescending(p => p.RunId).AsNoTracking().FirstOrDefaultAsync(ct);
        return new PatientEvidence(
            patientId,
            patient.MmgId,
            inForce?.Level,
            Pathology(inForce?.MainPathology),
            Pathologies(inForce?.Pathologies ?? ""),
            inForce?.Source,
            stratified is null ? [] : EvidenceText.Parse(stratified.Evidence, care.Catalogues.Pathologies))
        {
            Doctor = await PeopleNames.DoctorAsync(care.Db, patient.MmgId, ct),
        };
    }

    private PathologyRef? Pathology(string? code) =>
        code is null ? null : new PathologyRef(code, care.Catalogues.Pathologies.GetValueOrDefault(code, ""));

    private List<PathologyRef> Pathologies(string codes) =>
        [.. codes.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(code => Pathology(code)!)];
}
