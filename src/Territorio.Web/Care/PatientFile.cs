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

/// <summary>Builds the patient file from the care services, for a patient already checked as visible.</summary>
public sealed class PatientFileQuery(CareServices care, TimeProvider clock)
{
    public const int SlotsPerService = 5;

    public async Task<PatientFile> BuildAsync(Resident patient, string? bookingGestoreId, CancellationToken ct, bool withContacts = false)
    {
        var today = ItalianTime.Today(clock);
        var classification = await ClassificationQueries.EffectiveAsync(care.Db, patient.Id, ct);
        var pacts = await care.Enrolment.PactsOfAsync(patient.Id, ct);
        var active = pacts.FirstOrDefault(p => p.Status == PactStatus.Active);
        var pai = active is null ? null : await care.Db.Set<Pai>().SingleOrDefaultAsync(p => p.PactId == active.Id, ct);
        var bookings = await care.Bookings.OfPatientAsync(patient.Id, ct);
        AdherenceReport? adherence = null;
        var slots = new Dictionary<string, IReadOnlyList<FreeSlot>>(StringComparer.Ordinal);
        if (pai?.ActiveVersion is { } version)
        {
            adherence = await care.Cases.AdherenceAsync(patient.Id, today, ct);
            if (bookingGestoreId is not null)
            {
                foreach (var item in version.Items.Where(i => i.Kind == PaiItemKind.Service).DistinctBy(i => i.Code))
                {
                    slots[item.Code] = await care.Network.FreeSlotsAsync(item.Code, bookingGestoreId, today, today.AddDays(120), SlotsPerService, ct);
                }
            }
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
