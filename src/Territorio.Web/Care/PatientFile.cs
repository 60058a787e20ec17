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
using Territorio.Web.Security;
using Actor = Territorio.Web.Security.Actor;

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

    /// <summary>
    /// What a version changed against the version in force before it (the highest-numbered earlier
    /// version that was ever in force): the history reads as a list of differences.
    /// </summary>
    public IReadOnlyList<PaiItemChange> ChangesOf(PaiVersion version)
    {
        var previous = Pai?.Versions
            .Where(v => v.Number < version.Number && v.Status is PaiVersionStatus.Active or PaiVersionStatus.Superseded)
            .MaxBy(v => v.Number);
        return PaiDiff.Between(previous?.Items ?? [], version.Items);
    }

    /// <summary>Every version of the PAI, newest first: author, reason, decision.</summary>
    public IReadOnlyList<PaiVersion> PaiHistory => Pai is null ? [] : [.. Pai.Versions.OrderByDescending(v => v.Number)];

    /// <summary>The classification's pathologies, named, with the stratification's evidence.</summary>
    public IReadOnlyList<PathologyView> Pathologies { get; init; } = [];

    /// <summary>"Dott.ssa Anna Bianchi (MMG00001)", or the GP's code when the registry has no name for it.</summary>
    public string? DoctorName => Patient.MmgId is not { } mmg ? null : MmgName is { } name ? $"{name} ({mmg})" : mmg;

    /// <summary>"Dott.ssa Anna Bianchi", when the GP registry names the patient's GP.</summary>
    public string? MmgName { get; init; }

    /// <summary>Names of the Gestori of the patient's pacts, by id ("ASST Sette Laghi").</summary>
    public IReadOnlyDictionary<string, string> Gestori { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of the Gestori of the patient's pacts, by id ("ASST Sette Laghi (G322ASST)").</summary>
    public IReadOnlyDictionary<string, string> GestoreNames => Gestori.ToDictionary(g => g.Key, g => $"{g.Value} ({g.Key})");

    /// <summary>The names beside the codes of the bookings and free slots (erogatore, site, service).</summary>
    public AgendaNames? Agenda { get; init; }

    /// <summary>"89.52 Elettrocardiogramma", or the code alone when the nomenclator does not know it.</summary>
    public string Service(string code) => Agenda?.Service(code) ?? code;

    /// <summary>"Poliambulatorio Niguarda (EY1)": an erogatore of the bookings or of the free slots offered.</summary>
    public string Erogatore(string id) => Agenda?.Erogatore(id) ?? id;

    /// <summary>Authors and deciders of the PAI's versions and of the contacts, by name (<see cref="PeopleNames.OperatorsAsync"/>).</summary>
    public IReadOnlyDictionary<string, string> Operators { get; init; } = new Dictionary<string, string>();

    public string Operator(string actor) => Operators.GetValueOrDefault(actor, actor);

    /// <summary>The case manager's contacts, newest first; null for an audience that does not see them (the patient).</summary>
    public IReadOnlyList<Contact>? Contacts { get; init; }
}

/// <summary>
/// Builds the patient file from the care services, for a patient already checked as visible; a
/// file is computed once per <see cref="PatientRecordVersion"/> and audience (docs/decisions/0101-screens-kept-by-change-stamps.md).
/// </summary>
public sealed class PatientFileQuery(CareServices care, TimeProvider clock, ScreenCache cache, PatientAccess access)
{
    public const int SlotsPerService = 5;

    /// <summary>
    /// The file of a patient the actor may see (null otherwise; the attempt is logged), with the
    /// record's version read in the access check's statement: one round trip when the file is kept.
    /// </summary>
    public async Task<PatientFile?> OpenAsync(Actor actor, string patientId, string resource, string? bookingGestoreId, CancellationToken ct, bool withContacts = false)
    {
        var opened = await access.OpenAsync(actor, patientId, resource, CaseQueries.RecordStamps, ct);
        return opened is null ? null : await BuildAsync(opened.Patient, care.Cases.RecordVersion(patientId, opened.Alongside), bookingGestoreId, withContacts, ct);
    }

    public async Task<PatientFile> BuildAsync(Resident patient, string? bookingGestoreId, CancellationToken ct, bool withContacts = false) =>
        await BuildAsync(patient, await care.Cases.PatientRecordVersionAsync(patient.Id, ct), bookingGestoreId, withContacts, ct);

    private async Task<PatientFile> BuildAsync(Resident patient, PatientRecordVersion? version, string? bookingGestoreId, bool withContacts, CancellationToken ct)
    {
        if (version is null)
        {
            return await ComputeAsync(patient, bookingGestoreId, withContacts, null, ct);
        }

        var file = await cache.GetOrComputeAsync((version, bookingGestoreId, withContacts), () => ComputeAsync(patient, bookingGestoreId, withContacts, version.Agendas, ct));
        // The resident's own data comes from the caller's fresh read, not from the file kept.
        return file with { Patient = PatientSummary.Of(patient, version.Day) };
    }

    private async Task<PatientFile> ComputeAsync(Resident patient, string? bookingGestoreId, bool withContacts, long? agendas, CancellationToken ct)
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
        var adherence = pai is null ? null : await care.Cases.AdherenceAsync(active!, pai, today, ct);
        IReadOnlyDictionary<string, IReadOnlyList<FreeSlot>> slots = new Dictionary<string, IReadOnlyList<FreeSlot>>();
        if (pai?.ActiveVersion is { } version && bookingGestoreId is not null)
        {
            var codes = version.Items.Where(i => i.Kind == PaiItemKind.Service).Select(i => i.Code).Distinct().ToList();
            slots = await FreeSlotsAsync(codes, bookingGestoreId, today, agendas, ct);
        }

        var contacts = withContacts ? await care.Contacts.OfPatientAsync(patient.Id, ContactService.ListLimit, ct) : null;
        var evidence = await care.Db.Set<StratifiedPerson>().Where(p => p.PersonId == patient.Id)
            .OrderByDescending(p => p.RunId).Select(p => p.Evidence).FirstOrDefaultAsync(ct);
        return new PatientFile(PatientSummary.Of(patient, today), classification, pacts, active, pai, bookings, adherence, slots)
        {
            MmgName = (await PeopleNames.DoctorNamesAsync(care.Db, [patient.MmgId], ct)).Values.SingleOrDefault(),
            Gestori = await PeopleNames.GestoreNamesAsync(care.Db, pacts.Select(p => p.GestoreId), ct),
            Agenda = await AgendaNames.LoadAsync(care, [patient.Id], bookings.Select(b => b.ErogatoreId).Concat(slots.Values.SelectMany(l => l).Select(f => f.ErogatoreId)), ct),
            Pathologies = PathologyEvidence.Views(classification?.Pathologies, classification?.MainPathology, evidence, care.Catalogues.Pathologies),
            Contacts = contacts,
            Operators = await PeopleNames.OperatorsAsync(care.Db,
                (pai?.Versions.SelectMany(v => new[] { v.Author, v.DecidedBy }) ?? []).Concat(contacts?.Select(c => c.Author) ?? []), ct),
        };
    }

    /// <summary>
    /// The first free slots of each service, kept per service and version of the agendas: the same
    /// for every patient of the Gestore, so a patient file seen for the first time queries only
    /// the services no file has asked for since the last booking.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyList<FreeSlot>>> FreeSlotsAsync(List<string> codes, string gestoreId, DateOnly today, long? agendas, CancellationToken ct)
    {
        var slots = new Dictionary<string, IReadOnlyList<FreeSlot>>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (string code in codes)
        {
            if (agendas is not null && cache.TryGet((FreeSlotsOf: code, gestoreId, today, agendas), out IReadOnlyList<FreeSlot>? kept))
            {
                slots[code] = kept;
            }
            else
            {
                missing.Add(code);
            }
        }

        if (missing.Count > 0)
        {
            var free = await care.Network.FreeSlotsAsync(missing, gestoreId, today, today.AddDays(120), SlotsPerService, ct);
            foreach (string code in missing)
            {
                slots[code] = free.GetValueOrDefault(code, []);
                if (agendas is not null)
                {
                    cache.Keep((FreeSlotsOf: code, gestoreId, today, agendas), slots[code]);
                }
            }
        }

        return codes.ToDictionary(c => c, c => slots[c], StringComparer.Ordinal); // in the PAI's order
    }
}
