using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Kernel.Population;
using Territorio.Web.Api;

namespace Territorio.Web.Care;

/// <summary>Everything the patient file shows: who, level and pathologies, pacts, PAI, bookings, adherence.</summary>
public sealed record PatientFile(
    PatientSummary Patient,
    Classification? Classification,
    IReadOnlyList<PattoDiCura> Pacts,
    PattoDiCura? ActivePact,
    Pai? Pai,
    IReadOnlyList<Booking> Bookings,
    AdherenceReport? Adherence,
    IReadOnlyDictionary<string, IReadOnlyList<FreeSlot>> FreeSlots)
{
    public PaiVersion? ActivePai => Pai?.ActiveVersion;

    public PaiVersion? PendingProposal => Pai?.PendingProposal;

    /// <summary>What the pending MMG proposal changes in the PAI in force (everything, for a draft).</summary>
    public IReadOnlyList<PaiItemChange> ProposalChanges => PendingProposal is { } proposal ? PaiDiff.Between(ActivePai?.Items ?? [], proposal.Items) : [];

    /// <summary>Every version of the PAI, newest first: author, reason, decision.</summary>
    public IReadOnlyList<PaiVersion> PaiHistory => Pai is null ? [] : [.. Pai.Versions.OrderByDescending(v => v.Number)];

    /// <summary>The classification's pathologies, named, with the stratification's evidence.</summary>
    public IReadOnlyList<PathologyView> Pathologies { get; init; } = [];

    /// <summary>The case manager's contacts, newest first; null for an audience that does not see them (the patient).</summary>
    public IReadOnlyList<Contact>? Contacts { get; init; }
}

/// <summary>
/// Builds the patient file from the care services, for a patient already checked as visible; a
/// file is computed once per <see cref="PatientRecordVersion"/> and audience (docs/decisions/0101-screens-kept-by-change-stamps.md).
/// </summary>
public sealed class PatientFileQuery(CareServices care, TimeProvider clock, ScreenCache cache)
{
    public const int SlotsPerService = 5;

    public async Task<PatientFile> BuildAsync(Resident patient, string? bookingGestoreId, CancellationToken ct, bool withContacts = false)
    {
        var version = await care.Cases.PatientRecordVersionAsync(patient.Id, ct);
        if (version is null)
        {
            return await ComputeAsync(patient, bookingGestoreId, withContacts, ct);
        }

        var file = await cache.GetOrComputeAsync((version, bookingGestoreId, withContacts), () => ComputeAsync(patient, bookingGestoreId, withContacts, ct));
        // The resident's own data comes from the caller's fresh read, not from the file kept.
        return file with { Patient = PatientSummary.Of(patient, version.Day) };
    }

    private async Task<PatientFile> ComputeAsync(Resident patient, string? bookingGestoreId, bool withContacts, CancellationToken ct)
    {
        // Read-only: nothing tracked, one query per part (docs/decisions/0095-patient-file-queries.md).
        var today = ItalianTime.Today(clock);
        var classification = await ClassificationQueries.EffectiveAsync(care.Db, patient.Id, ct);
        var pacts = await care.Db.Set<PattoDiCura>().AsNoTracking().Where(p => p.PatientId == patient.Id)
            .OrderBy(p => p.StartDate).ThenBy(p => p.Id).ToListAsync(ct);
        var active = pacts.FirstOrDefault(p => p.Status == PactStatus.Active);
        var pai = active is null ? null : await care.Db.Set<Pai>().AsNoTracking().SingleOrDefaultAsync(p => p.PactId == active.Id, ct);
        var bookings = await care.Db.Set<Booking>().AsNoTracking().Where(b => b.PatientId == patient.Id)
            .OrderBy(b => b.Date).ThenBy(b => b.Start).ToListAsync(ct);
        var adherence = pai is null ? null : await care.Cases.AdherenceAsync(pai, today, ct);
        IReadOnlyDictionary<string, IReadOnlyList<FreeSlot>> slots = new Dictionary<string, IReadOnlyList<FreeSlot>>();
        if (pai?.ActiveVersion is { } version && bookingGestoreId is not null)
        {
            var codes = version.Items.Where(i => i.Kind == PaiItemKind.Service).Select(i => i.Code).Distinct().ToList();
            var free = await care.Network.FreeSlotsAsync(codes, bookingGestoreId, today, today.AddDays(120), SlotsPerService, ct);
            slots = codes.ToDictionary(c => c, c => free.GetValueOrDefault(c, []), StringComparer.Ordinal);
        }

        var evidence = await care.Db.Set<StratifiedPerson>().Where(p => p.PersonId == patient.Id)
            .OrderByDescending(p => p.RunId).Select(p => p.Evidence).FirstOrDefaultAsync(ct);
        return new PatientFile(PatientSummary.Of(patient, today), classification, pacts, active, pai, bookings, adherence, slots)
        {
            Pathologies = PathologyEvidence.Views(classification?.Pathologies, classification?.MainPathology, evidence, care.Catalogues.Pathologies),
            Contacts = withContacts ? await care.Contacts.OfPatientAsync(patient.Id, ContactService.ListLimit, ct) : null,
        };
    }
}
