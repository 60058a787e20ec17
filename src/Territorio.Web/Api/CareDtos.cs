using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Application.Plans;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Web.Care;

namespace Territorio.Web.Api;

// What the care API answers: plain records, never the domain's aggregates (no audit buffers or
// concurrency tokens on the wire). Codes are the domain's names (Active, PhoneCall…); dates ISO.

public sealed record ClassificationDto(int Level, string? MainPathology, string Source, DateOnly Since);

/// <summary>A pact: <paramref name="Level"/> is the level in force; <paramref name="LevelPeriods"/> its history (each approved reclassification from its decision's day).</summary>
public sealed record PactDto(long Id, string GestoreId, int Level, DateOnly StartDate, DateOnly EndDate, string Status, IReadOnlyList<PactLevelPeriodDto>? LevelPeriods = null)
{
    /// <summary>The Gestore's name beside its id, where the answer names it (the patient file).</summary>
    public string? GestoreName { get; init; }

    /// <summary>The renewals with how the patient signed each (DGR X/6164/2017 allegato 1: confirmed every year).</summary>
    public IReadOnlyList<PactRenewalDto> Renewals { get; init; } = [];

    /// <summary>The day the patient confirmed from their page the renewal now due (null: not confirmed).</summary>
    public DateOnly? RenewalConfirmedOn { get; init; }

    public static PactDto Of(PattoDiCura p) => new(p.Id, p.GestoreId, p.Level, p.StartDate, p.EndDate, p.Status.ToString(),
        [.. p.LevelPeriods.Select(l => new PactLevelPeriodDto(l.From, l.Level, l.MainPathology, l.ReclassificationId))])
    {
        Renewals = [.. p.RenewalHistory.Select(PactRenewalDto.Of)],
        RenewalConfirmedOn = p.RenewalConfirmedOn,
    };
}

/// <summary>One renewal: the year it added, how the patient signed ("carta", "pagina-paziente"), the witness by name, whether a scan is kept.</summary>
public sealed record PactRenewalDto(int Number, DateOnly RenewedOn, DateOnly From, DateOnly To, string SignatureMethod, string Witness, DateOnly? PatientConfirmedOn, bool HasScan)
{
    public static PactRenewalDto Of(PactRenewal r) => new(r.Number, r.RenewedOn, r.From, r.To,
        r.Method == CareManagement.Pacts.SignatureMethod.Paper ? GroundNames.PaperCode : GroundNames.PatientPageCode, r.Witness, r.PatientConfirmedOn, r.Scan is not null);
}

/// <summary>The renewal of a pact: how the patient signed it (<c>signatureMethod</c>) and, on paper, the scan as base64.</summary>
public sealed record PactRenewalRequest(string? SignatureMethod, string? SignatureScan);

public sealed record PactLevelPeriodDto(DateOnly From, int Level, string? MainPathology, long? ReclassificationId);

public sealed record PaiItemDto(string Kind, string Code, string Description, int? PerYear, int FromMonth, int ToMonth, string? Dosage)
{
    public static PaiItemDto Of(PaiItem i) => new(i.Kind.ToString(), i.Code, i.Description, i.PerYear, i.FromMonth, i.ToMonth, i.Dosage);
}

public sealed record PaiVersionDto(int Number, string Status, string Author, string AuthorRole, DateTime CreatedAtUtc, string Reason,
    string? DecidedBy, DateTime? DecidedAtUtc, string? DecisionReason, IReadOnlyList<PaiItemDto> Items)
{
    public static PaiVersionDto Of(PaiVersion v) => new(v.Number, v.Status.ToString(), v.Author, v.AuthorRole.ToString(), Utc(v.CreatedAtUtc), v.Reason,
        v.DecidedBy, v.DecidedAtUtc is { } at ? Utc(at) : null, v.DecisionReason, [.. v.Items.Select(PaiItemDto.Of)]);

    internal static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);
}

public sealed record PaiItemChangeDto(string Change, string Kind, string Code, PaiItemDto? Before, PaiItemDto? After)
{
    public static PaiItemChangeDto Of(PaiItemChange c) => new(c.Kind.ToString(), c.ItemKind.ToString(), c.Code,
        c.Before is null ? null : PaiItemDto.Of(c.Before), c.After is null ? null : PaiItemDto.Of(c.After));
}

public sealed record PaiDto(string PatientId, IReadOnlyList<PaiVersionDto> Versions, IReadOnlyList<PaiItemChangeDto> PendingProposalChanges);

/// <summary>A booking; the names beside the codes (patient, codice fiscale, erogatore, site, service) are filled by <see cref="AgendaNames"/>.</summary>
public sealed record BookingDto(long Id, string PatientId, string ServiceCode, string ErogatoreId, string GestoreId, DateOnly Date, TimeOnly Start, string Status, DateOnly? DeliveredOn, string? CancelReason,
    string? ReversedBy = null, string? ReversalReason = null,
    string? PatientName = null, string? PatientFiscalCode = null, string? ErogatoreName = null, string? SiteAddress = null, string? ServiceDescription = null)
{
    public static BookingDto Of(Booking b) => new(b.Id, b.PatientId, b.ServiceCode, b.ErogatoreId, b.GestoreId, b.Date, b.Start, b.Status.ToString(), b.DeliveredOn, b.CancelReason, b.ReversedBy, b.ReversalReason);
}

/// <summary>A free slot, with the erogatore's name, its site's address and the service's description beside the codes.</summary>
public sealed record FreeSlotDto(long SlotId, string ErogatoreId, string ServiceCode, DateOnly Date, TimeOnly Start, int Capacity, int Free,
    string? ErogatoreName = null, string? SiteAddress = null, string? ServiceDescription = null)
{
    public static FreeSlotDto Of(FreeSlot s) => new(s.SlotId, s.ErogatoreId, s.ServiceCode, s.Date, s.Start, s.Capacity, s.Free);
}

public sealed record SlotSearchDto(int Page, bool HasNext, IReadOnlyList<FreeSlotDto> Slots)
{
    public static SlotSearchDto Of(SlotSearchPage page, AgendaNames names) => new(page.Page, page.HasNext, [.. page.Slots.Select(names.Of)]);
}

public sealed record ItemAdherenceDto(string Code, string Description, int PlannedPerYear, int Due, int Done, int Overdue, double? Percent, DateOnly? OverdueSince, DateOnly? NextDueBy);

/// <summary>Adherence as of <paramref name="AsOf"/>, counting only the deliveries of the pact's period <paramref name="PeriodFrom"/>–<paramref name="PeriodTo"/>.</summary>
public sealed record AdherenceDto(DateOnly AsOf, int Due, int Done, int Overdue, double? Percent, IReadOnlyList<ItemAdherenceDto> Items, DateOnly? PeriodFrom = null, DateOnly? PeriodTo = null)
{
    public static AdherenceDto Of(AdherenceReport r) => new(r.AsOf, r.Due, r.Done, r.Overdue, r.Percent,
        [.. r.Items.Select(i => new ItemAdherenceDto(i.Code, i.Description, i.PlannedPerYear, i.Due, i.Done, i.Overdue, i.Percent,
            AdherenceViews.OverdueSince(i), AdherenceViews.NextDueBy(i)))], r.PlanStart, r.LastDay);
}

public sealed record ContactDto(long Id, string Kind, DateOnly Date, string Outcome, string? Note, string Author, DateTime RecordedAtUtc)
{
    public static ContactDto Of(Contact c) => new(c.Id, c.Kind.ToString(), c.Date, c.Outcome.ToString(), c.Note, c.Author, PaiVersionDto.Utc(c.RecordedAtUtc));
}

public sealed record PathologyDto(string Code, string Name, bool IsMain, IReadOnlyList<string> Evidence)
{
    public static PathologyDto Of(PathologyView p) => new(p.Code, p.Name, p.IsMain, p.Evidence);
}

public sealed record PatientFileDto(
    PatientSummary Patient,
    ClassificationDto? Classification,
    IReadOnlyList<PathologyDto> Pathologies,
    IReadOnlyList<PactDto> Pacts,
    IReadOnlyList<PaiVersionDto> PaiVersions,
    IReadOnlyList<PaiItemChangeDto> PendingProposalChanges,
    IReadOnlyList<BookingDto> Bookings,
    AdherenceDto? Adherence,
    IReadOnlyList<ContactDto>? Contacts,
    IReadOnlyDictionary<string, IReadOnlyList<FreeSlotDto>> FreeSlots)
{
    public static PatientFileDto Of(PatientFile f) => new(
        f.Patient with { MmgName = f.MmgName },
        f.Classification is { } c ? new ClassificationDto(c.Level, c.MainPathology, c.Source, c.Since) : null,
        [.. f.Pathologies.Select(PathologyDto.Of)],
        [.. f.Pacts.Select(p => PactDto.Of(p) with { GestoreName = f.Gestori.GetValueOrDefault(p.GestoreId) })],
        [.. f.PaiHistory.Select(PaiVersionDto.Of)],
        [.. f.ProposalChanges.Select(PaiItemChangeDto.Of)],
        [.. f.Bookings.Select(b => f.Agenda?.Of(b) ?? BookingDto.Of(b))],
        f.Adherence is { } a ? AdherenceDto.Of(a) : null,
        f.Contacts?.Select(ContactDto.Of).ToList(),
        f.FreeSlots.ToDictionary(s => s.Key, s => (IReadOnlyList<FreeSlotDto>)[.. s.Value.Select(slot => f.Agenda?.Of(slot) ?? FreeSlotDto.Of(slot))]));
}

public sealed record WorklistFindingDto(string Reason, string Detail, int DaysLate);

public sealed record WorklistEntryDto(string PatientId, int Level, string MostUrgent, int DaysLate, IReadOnlyList<WorklistFindingDto> Findings,
    int RecentContacts, DateOnly? LastContactOn, string? LastContactOutcome, DateOnly? ContactedOn)
{
    /// <summary>"Maria Rossi" (the id when the registry gave no name).</summary>
    public string DisplayName { get; init; } = PatientId;

    public string? FiscalCode { get; init; }

    /// <summary>The number the case manager calls.</summary>
    public string? Phone { get; init; }

    public static WorklistEntryDto Of(WorklistEntry e, Kernel.Population.Resident? person = null) => new(e.PatientId, e.Level, e.MostUrgent.ToString(), e.DaysLate,
        [.. e.Findings.Select(f => new WorklistFindingDto(f.Reason.ToString(), f.Detail, f.DaysLate))],
        e.Contacts?.Recent ?? 0, e.Contacts?.LastOn, e.Contacts?.LastOutcome?.ToString(), e.ContactedOn)
    {
        DisplayName = person?.DisplayName ?? e.PatientId,
        FiscalCode = person?.FiscalCode,
        Phone = person?.Phone,
    };
}

public sealed record PendingProposalDto(string PatientId, string? MmgId, int Number, string Author, DateTime CreatedAtUtc, string Reason, bool IsDraft)
{
    public string? PatientName { get; init; }

    public string? PatientFiscalCode { get; init; }

    /// <summary>"Dott.ssa Anna Bianchi" beside <see cref="MmgId"/>.</summary>
    public string? MmgName { get; init; }

    public static PendingProposalDto Of(PendingProposal p) => new(p.PatientId, p.MmgId, p.Number, p.Author, PaiVersionDto.Utc(p.CreatedAtUtc), p.Reason, p.IsDraft);
}

public sealed record MmgAssistitoDto(PatientSummary Patient, int? Level, string? MainPathology, string? GestoreId, int? PaiVersion, bool ProposalPending)
{
    /// <summary>The Gestore's name beside <see cref="GestoreId"/>.</summary>
    public string? GestoreName { get; init; }

    public static MmgAssistitoDto Of(MmgAssistito a) => new(a.Patient, a.Level, a.MainPathology, a.GestoreId, a.PaiVersion, a.ProposalPending) { GestoreName = a.GestoreName };
}

public sealed record CandidatureDto(string GestoreId, string Ats, int Level, string Status, DateOnly SubmittedOn, DateOnly? DecidedOn, string? DecisionReason)
{
    /// <summary>The ATS by name beside its code ("ATS della Città Metropolitana di Milano").</summary>
    public string? AtsName { get; init; }

    public static CandidatureDto Of(Candidature c, CareCatalogues catalogues) =>
        new(c.GestoreId, c.Ats, c.Level, c.Status.ToString(), c.SubmittedOn, c.DecidedOn, c.DecisionReason) { AtsName = catalogues.AtsName(c.Ats) };
}

// Requests. Every field is optional on the wire so that a missing one is a validation problem
// in Italian, not a binding failure.

public sealed record PaiWriteRequest(bool? FromTemplate, IReadOnlyList<PaiItemInput>? Items, string? Reason);

public sealed record PaiProposalRequest(IReadOnlyList<PaiItemInput>? Items, string? Reason);

public sealed record PaiDraftRequest(string? Reason);

public sealed record ProposalDecisionRequest(bool? Accept, string? Reason);

/// <summary>
/// Signing a pact: <c>signatureMethod</c> "carta" (with <c>signatureScan</c>, the scanned pact as
/// base64 PDF/PNG/JPEG) or "pagina-paziente" (the patient confirmed on their page). The former
/// free-text <c>patientSignatory</c> is refused: a name typed by the Gestore is no consent.
/// </summary>
public sealed record PactRequest(string? PatientId, string? PatientSignatory, string? Start, string? SignatureMethod = null, string? SignatureScan = null);

public sealed record BookRequest(long? SlotId);

public sealed record RescheduleRequest(long? SlotId, string? Reason);

public sealed record CancelRequest(string? Reason);

public sealed record ContactRequest(string? Kind, string? Date, string? Outcome, string? Note);

public sealed record DeliveryRequest(string? Date);

public sealed record CandidatureRequest(int? Level);

public sealed record CandidatureDecisionRequest(int? Level, bool? Approve, string? Reason);
