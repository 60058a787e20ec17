using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;
using Territorio.Data.Queries;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Application.CaseManagement;

/// <summary>
/// A page of the worklist and how many patients the whole (filtered) list has; <paramref name="Cases"/>
/// holds the read model's row of each patient shown (case manager, adherence so far).
/// </summary>
public sealed record WorklistPage(int Total, IReadOnlyList<WorklistEntry> Entries, IReadOnlyDictionary<string, WorklistCaseFacts>? Cases = null);

/// <summary>What the worklist's read model knows of a patient beyond the findings.</summary>
public sealed record WorklistCaseFacts(string? CaseManager, int? AdherencePercent, DateOnly RefreshedOn);

/// <summary>How a filtered worklist is ordered: by urgency (the worklist's own order) or by one column.</summary>
public enum WorklistSort
{
    Urgency,
    Level,
    Adherence,
    PactEnd,
}

/// <summary>The pact's state as the worklist filters it.</summary>
public enum WorklistPactState
{
    /// <summary>Ends within the renewal window (PattoDiCura.RenewalWindowDays).</summary>
    Expiring,
    WithoutPai,
    WithPai,
}

/// <summary>
/// Server-side filters of the worklist (issue 17): level and main pathology in force, pact state,
/// adherence below a threshold, case manager (<see cref="Unassigned"/> for nobody's patients).
/// </summary>
public sealed record WorklistFilter(
    int? Level = null,
    string? Pathology = null,
    WorklistPactState? PactState = null,
    int? AdherenceBelow = null,
    string? CaseManager = null,
    bool Unassigned = false,
    WorklistSort Sort = WorklistSort.Urgency)
{
    public static readonly WorklistFilter None = new();
}

/// <summary>
/// What a worklist page depends on besides its position: the Gestore's worklist <see cref="ChangeStamp"/>,
/// the latest stratification run (the level in force) and the day; equal versions, equal pages.
/// </summary>
public sealed record WorklistVersion(string GestoreId, long Stamp, long RunId, DateOnly Day);

/// <summary>
/// What a patient's care record (patient file) depends on: the patient's <see cref="ChangeStamp"/>,
/// the agendas' (free slots), the latest stratification run and the day.
/// </summary>
public sealed record PatientRecordVersion(string PatientId, long Stamp, long Agendas, long RunId, DateOnly Day);

/// <summary>The stamps a <see cref="PatientRecordVersion"/> is made of, as read (null: never raised).</summary>
public sealed record PatientRecordStamps(long? Stamp, long? Agendas, long? RunId);

/// <summary>Adherence per patient, the Gestore's worklist, and the patient's history.</summary>
public sealed class CaseQueries(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    public async Task<AdherenceReport> AdherenceAsync(string patientId, DateOnly? asOf, CancellationToken ct)
    {
        var pact = await ActivePactAsync(patientId, ct);
        var pai = await PaiOfPactAsync(pact.Id, ct) ?? throw new CareRuleException($"il paziente {patientId} non ha ancora un PAI");
        return await AdherenceAsync(pact, pai, asOf, ct)
            ?? throw new CareRuleException($"il paziente {patientId} non ha un PAI attivo");
    }

    /// <summary>Adherence to a PAI already read, of any pact (a closed or cancelled one too), within that pact's period.</summary>
    public async Task<AdherenceReport?> AdherenceAsync(Pai pai, DateOnly? asOf, CancellationToken ct) =>
        await AdherenceAsync(await Db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.Id == pai.PactId, ct), pai, asOf, ct);

    /// <summary>
    /// Adherence to a PAI already read, within its pact's period (null without an active version): one
    /// query for the deliveries, those before or after the pact's period belonging to another pact.
    /// </summary>
    public async Task<AdherenceReport?> AdherenceAsync(PattoDiCura pact, Pai pai, DateOnly? asOf, CancellationToken ct)
    {
        if (pai.PactId != pact.Id)
        {
            throw new ArgumentException($"PAI {pai.Id} is not of pact {pact.Id}", nameof(pai));
        }

        if (pai.ActiveVersion is not { } active)
        {
            return null;
        }

        var delivered = await DeliveredAsync([pai.PatientId], pact.StartDate, ct);
        return AdherenceCalculator.Compute(pact, active.Items, delivered[pai.PatientId].ToList(), asOf ?? Today);
    }

    /// <summary>The patients of a Gestore to call, most urgent first.</summary>
    public async Task<IReadOnlyList<WorklistEntry>> WorklistAsync(string gestoreId, DateOnly? asOf, int paiDueDays, CancellationToken ct)
    {
        var day = asOf ?? Today;
        _ = await GestoreAsync(gestoreId, ct);
        var pacts = Db.Set<PattoDiCura>().AsNoTracking().Where(p => p.GestoreId == gestoreId && p.Status == PactStatus.Active);
        var inputs = await WorklistInputsAsync(gestoreId, day, ct);
        return new WorklistRules(paiDueDays).Build(await SnapshotsAsync(gestoreId, pacts, day, inputs, ct), day);
    }

    /// <summary>The version of the Gestore's worklist today, in one statement (docs/decisions/0101-screens-kept-by-change-stamps.md).</summary>
    public async Task<WorklistVersion> WorklistVersionAsync(string gestoreId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var versionOf = VersionQueries.GetOrAdd(Db.GetType(), _ => EF.CompileAsyncQuery(
            (TerritorioDbContext db, string id, string stamp) => db.Set<Gestore>().Where(g => g.Id == id).Select(g => new VersionRow(
                db.Set<ChangeStamp>().Where(s => s.Key == stamp).Select(s => (long?)s.Version).FirstOrDefault(),
                db.Set<StratificationRun>().Max(r => (long?)r.Id))).FirstOrDefault()));
        var found = await versionOf(Db, gestoreId, ChangeStamp.WorklistOf(gestoreId)) ?? throw new CareRuleException($"Gestore {gestoreId} non trovato");
        return new WorklistVersion(gestoreId, found.Stamp ?? 0, found.RunId ?? 0, Today);
    }

    /// <summary>The version of the patient's care record today, in one statement; null for an unknown patient.</summary>
    public async Task<PatientRecordVersion?> PatientRecordVersionAsync(string patientId, CancellationToken ct)
    {
        var db = Db;
        var found = await Db.Residents.Where(r => r.Id == patientId)
            .Select(Inlined.Expand<Func<Resident, PatientRecordStamps>>(r => Inlined.Call(RecordStamps, db, r))).FirstOrDefaultAsync(ct);
        return found is null ? null : RecordVersion(patientId, found);
    }

    /// <summary>
    /// The stamps of <see cref="PatientRecordVersion"/> as a projection of the patient's resident row,
    /// for a caller that reads the resident anyway (the patient file reads them with the access check).
    /// </summary>
    public static readonly Expression<Func<TerritorioDbContext, Resident, PatientRecordStamps>> RecordStamps = (db, r) => new PatientRecordStamps(
        db.Set<ChangeStamp>().Where(s => s.Key == ChangeStamp.PatientPrefix + r.Id).Select(s => (long?)s.Version).FirstOrDefault(),
        db.Set<ChangeStamp>().Where(s => s.Key == ChangeStamp.Agendas).Select(s => (long?)s.Version).FirstOrDefault(),
        db.Set<StratificationRun>().Max(x => (long?)x.Id));

    public PatientRecordVersion RecordVersion(string patientId, PatientRecordStamps stamps) =>
        new(patientId, stamps.Stamp ?? 0, stamps.Agendas ?? 0, stamps.RunId ?? 0, Today);

    private sealed record VersionRow(long? Stamp, long? RunId);

    /// <summary>
    /// Compiled once per provider's context (a compiled query serves one model): read on every
    /// worklist view, where building the query cost more than running it.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Func<TerritorioDbContext, string, string, Task<VersionRow?>>> VersionQueries = new();

    /// <summary>
    /// One page of <see cref="WorklistAsync"/> (same entries, same order) for a Gestore with thousands
    /// of patients: the database orders the <see cref="WorklistCase"/> rows by reason, lateness and
    /// level in force, and only the page's patients are computed in full. The few patients reached
    /// in the last days (WorklistRules.ContactHoldDays) are computed in full first: those reached
    /// about their newest finding go after everyone else (decisions 0088, 0094).
    /// </summary>
    public async Task<WorklistPage> WorklistPageAsync(string gestoreId, DateOnly? asOf, int paiDueDays, int skip, int take, CancellationToken ct, WorklistFilter? filter = null)
    {
        filter ??= WorklistFilter.None;
        var day = asOf ?? Today;
        if (!await Db.Set<Gestore>().AnyAsync(g => g.Id == gestoreId, ct))
        {
            throw new CareRuleException($"Gestore {gestoreId} non trovato");
        }

        var rules = new WorklistRules(paiDueDays);
        var inputs = await WorklistInputsAsync(gestoreId, day, ct);
        var due = Filtered(DueCases(gestoreId, rules, day, inputs.Run), filter, day);
        int total = await due.CountAsync(ct);
        if (filter.Sort != WorklistSort.Urgency)
        {
            return await SortedPageAsync(gestoreId, due, filter.Sort, total, rules, day, inputs, skip, take, ct);
        }

        var reachedLately = inputs.Contacts
            .Where(c => c.Value.LastReachedOn is { } reached && day.DayNumber - reached.DayNumber < WorklistRules.ContactHoldDays)
            .Select(c => c.Key).ToList();
        var held = reachedLately.Count == 0
            ? []
            : (await EntriesAsync(gestoreId, await due.Where(c => reachedLately.Contains(c.PatientId)).Select(c => c.PactId).ToListAsync(ct), rules, day, inputs, ct))
                .Where(e => e.ContactedOn is not null).ToList();
        var heldPatients = held.Select(e => e.PatientId).ToList();

        int waiting = total - held.Count;
        var pageIds = skip >= waiting ? [] : await WaitingPageAsync(due.Where(c => !heldPatients.Contains(c.PatientId)), skip, take, ct);
        var entries = await EntriesAsync(gestoreId, pageIds, rules, day, inputs, ct);
        var heldOnPage = held.Skip(Math.Max(0, skip - waiting)).Take(take - entries.Count);
        List<WorklistEntry> shown = [.. entries, .. heldOnPage];
        return new WorklistPage(total, shown, await FactsAsync(gestoreId, shown, ct));
    }

    /// <summary>
    /// A page ordered by one column, then by urgency: an explicit order, so the contact hold (which
    /// moves the reached patients to the end of the urgency order) does not apply.
    /// </summary>
    private async Task<WorklistPage> SortedPageAsync(string gestoreId, IQueryable<DueCase> due, WorklistSort sort, int total, WorklistRules rules, DateOnly day, WorklistInputs inputs, int skip, int take, CancellationToken ct)
    {
        var ordered = sort switch
        {
            WorklistSort.Level => due.OrderBy(c => c.Level),
            WorklistSort.Adherence => due.OrderBy(c => c.AdherencePercent == null).ThenBy(c => c.AdherencePercent),
            _ => due.OrderBy(c => c.PactEnd),
        };
        var page = await ordered.ThenBy(c => c.Reason).ThenBy(c => c.Since).ThenBy(c => c.PatientId)
            .Skip(skip).Take(take).Select(c => new { c.PactId, c.PatientId }).ToListAsync(ct);
        var position = page.Select((c, i) => (c.PatientId, i)).ToDictionary(x => x.PatientId, x => x.i, StringComparer.Ordinal);
        var entries = (await EntriesAsync(gestoreId, page.Select(c => c.PactId).ToList(), rules, day, inputs, ct)).OrderBy(e => position[e.PatientId]).ToList();
        return new WorklistPage(total, entries, await FactsAsync(gestoreId, entries, ct));
    }

    private static IQueryable<DueCase> Filtered(IQueryable<DueCase> due, WorklistFilter filter, DateOnly day)
    {
        if (filter.Level is { } level)
        {
            due = due.Where(c => c.Level == level);
        }

        if (filter.Pathology is { Length: > 0 } pathology)
        {
            due = due.Where(c => c.MainPathology == pathology);
        }

        var renewalFrom = day.AddDays(PattoDiCura.RenewalWindowDays);
        due = filter.PactState switch
        {
            WorklistPactState.Expiring => due.Where(c => c.PactEnd <= renewalFrom),
            WorklistPactState.WithoutPai => due.Where(c => !c.HasActivePai),
            WorklistPactState.WithPai => due.Where(c => c.HasActivePai),
            _ => due,
        };
        if (filter.AdherenceBelow is { } threshold)
        {
            due = due.Where(c => c.AdherencePercent != null && c.AdherencePercent < threshold);
        }

        if (filter.Unassigned)
        {
            due = due.Where(c => c.CaseManager == null);
        }
        else if (filter.CaseManager is { Length: > 0 } caseManager)
        {
            due = due.Where(c => c.CaseManager == caseManager);
        }

        return due;
    }

    /// <summary>The read model's rows of the patients shown (one short query per page).</summary>
    private async Task<IReadOnlyDictionary<string, WorklistCaseFacts>> FactsAsync(string gestoreId, List<WorklistEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return new Dictionary<string, WorklistCaseFacts>();
        }

        var patients = entries.Select(e => e.PatientId).ToList();
        return await Db.Set<WorklistCase>().AsNoTracking().Where(c => c.GestoreId == gestoreId && patients.Contains(c.PatientId))
            .ToDictionaryAsync(c => c.PatientId, c => new WorklistCaseFacts(c.CaseManager, c.AdherencePercent, c.RefreshedOn), StringComparer.Ordinal, ct);
    }

    /// <summary>How many of the Gestore's patients in charge each case manager follows (key null: nobody).</summary>
    public async Task<IReadOnlyList<(string? CaseManager, int Patients)>> CaseloadsAsync(string gestoreId, CancellationToken ct) =>
        (await Db.Set<WorklistCase>().AsNoTracking().Where(c => c.GestoreId == gestoreId)
            .GroupBy(c => c.CaseManager).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .Select(g => (g.Key, g.Count)).OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The pact ids of one page, ordered by reason, date, level in force and patient. The level (a
    /// lookup per case) is computed only for the cases up to the page's last (reason, date): every
    /// case after that key comes after the page whatever its level, so the order is unchanged.
    /// </summary>
    private static async Task<List<long>> WaitingPageAsync(IQueryable<DueCase> waiting, int skip, int take, CancellationToken ct)
    {
        var last = await waiting.OrderBy(c => c.Reason).ThenBy(c => c.Since)
            .Skip(skip + take - 1).Select(c => new { c.Reason, c.Since }).FirstOrDefaultAsync(ct);
        var upToPage = last is null ? waiting : waiting.Where(c => c.Reason < last.Reason || (c.Reason == last.Reason && c.Since <= last.Since));
        return await upToPage.OrderBy(c => c.Reason).ThenBy(c => c.Since).ThenBy(c => c.Level).ThenBy(c => c.PatientId)
            .Skip(skip).Take(take).Select(c => c.PactId).ToListAsync(ct);
    }

    /// <summary>What every case of a worklist shares: the latest stratification run and the Gestore's recent contacts.</summary>
    private sealed record WorklistInputs(StratificationRun? Run, IReadOnlyDictionary<string, ContactSummary> Contacts);

    private async Task<WorklistInputs> WorklistInputsAsync(string gestoreId, DateOnly day, CancellationToken ct) =>
        new(await ClassificationQueries.LatestRunAsync(Db, ct), await ContactService.RecentByPatientAsync(Db, gestoreId, day, ct));

    /// <summary>
    /// The Gestore's cases with a finding on the day, keyed as <see cref="WorklistRules"/> orders them:
    /// the first reason that holds is the most urgent, and the older its date the later the case
    /// (DaysLate descending = date ascending); the level is the one in force (decision 0055).
    /// </summary>
    private IQueryable<DueCase> DueCases(string gestoreId, WorklistRules rules, DateOnly day, StratificationRun? run)
    {
        var missedBy = day.AddDays(-rules.MissedAfterDays);
        var paiDueBy = day.AddDays(-rules.PaiDueDays);
        var expiringBy = day.AddDays(rules.ExpiringWithinDays);
        long runId = run?.Id ?? 0;
        var reclassified = ClassificationQueries.InForce(Db, run);
        var stratified = Db.Set<StratifiedPerson>().Where(p => p.RunId == runId);
        return Db.Set<WorklistCase>().AsNoTracking().Where(c => c.GestoreId == gestoreId)
            .Select(c => new
            {
                c,
                Level = reclassified.Where(r => r.PatientId == c.PatientId).Select(r => (int?)r.ToLevel).FirstOrDefault()
                    ?? stratified.Where(p => p.PersonId == c.PatientId).Select(p => (int?)p.Level).FirstOrDefault()
                    ?? c.Level,
                MainPathology = reclassified.Where(r => r.PatientId == c.PatientId).Select(r => r.ToMainPathology).FirstOrDefault()
                    ?? stratified.Where(p => p.PersonId == c.PatientId).Select(p => p.MainPathology).FirstOrDefault(),
            })
            .Select(x => new DueCase
            {
                PactId = x.c.PactId,
                PatientId = x.c.PatientId,
                Level = x.Level,
                MainPathology = x.MainPathology,
                CaseManager = x.c.CaseManager,
                AdherencePercent = x.c.AdherencePercent,
                HasActivePai = x.c.HasActivePai,
                PactEnd = x.c.PactEnd,
                Reason = x.c.FirstMissed <= missedBy ? 1 : x.c.FirstUnmetDue < day ? 2 : !x.c.HasActivePai && x.c.PactStart <= paiDueBy ? 3 : x.c.PactEnd >= day && x.c.PactEnd <= expiringBy ? 4
                    : !x.c.HasActivePai && x.c.PactStart <= day ? 5 : 0,
                Since = x.c.FirstMissed <= missedBy ? x.c.FirstMissed : x.c.FirstUnmetDue < day ? x.c.FirstUnmetDue : !x.c.HasActivePai && x.c.PactStart <= paiDueBy ? x.c.PactStart
                    : x.c.PactEnd >= day && x.c.PactEnd <= expiringBy ? x.c.PactEnd : !x.c.HasActivePai ? x.c.PactStart : (DateOnly?)x.c.PactEnd,
            })
            .Where(c => c.Reason != 0);
    }

    private async Task<IReadOnlyList<WorklistEntry>> EntriesAsync(string gestoreId, List<long> pactIds, WorklistRules rules, DateOnly day, WorklistInputs inputs, CancellationToken ct) =>
        pactIds.Count == 0
            ? []
            : rules.Build(await SnapshotsAsync(gestoreId, Db.Set<PattoDiCura>().AsNoTracking().Where(p => pactIds.Contains(p.Id) && p.Status == PactStatus.Active), day, inputs, ct), day);

    private async Task<IEnumerable<CaseSnapshot>> SnapshotsAsync(string gestoreId, IQueryable<PattoDiCura> activePacts, DateOnly day, WorklistInputs inputs, CancellationToken ct)
    {
        var pacts = await activePacts.ToListAsync(ct);
        var pactIds = pacts.Select(p => p.Id).ToList();
        var patients = pacts.Select(p => p.PatientId).ToList();
        var pais = await Db.Set<Pai>().AsNoTracking().Where(p => pactIds.Contains(p.PactId)).ToDictionaryAsync(p => p.PactId, ct);
        var open = (await Db.Set<Booking>().AsNoTracking()
            .Where(b => b.GestoreId == gestoreId && patients.Contains(b.PatientId) && (b.Status == BookingStatus.Missed || b.Status == BookingStatus.Booked))
            .Select(b => new { b.PatientId, b.ServiceCode, b.Date, b.Status }).ToListAsync(ct))
            .ToLookup(b => b.PatientId);
        var earliest = pacts.Count == 0 ? day : pacts.Min(p => p.StartDate);
        var delivered = await DeliveredAsync(patients, earliest, ct);
        var missed = patients.Distinct().ToDictionary(patient => patient, patient =>
        {
            var followUps = open[patient].Where(b => b.Status == BookingStatus.Booked).Select(b => (b.ServiceCode, b.Date)).Concat(delivered[patient]).ToList();
            return open[patient].Where(b => b.Status == BookingStatus.Missed ? !MissedAppointments.IsFollowedUp(b.ServiceCode, b.Date, followUps) : b.Date < day)
                .Select(b => b.Date).ToList();
        });
        // The level in force (an approved reclassification moves the patient in the worklist order).
        var classifications = await ClassificationQueries.EffectiveOfAsync(Db, inputs.Run, patients, ct);
        var contacts = inputs.Contacts;
        return pacts.Select(p =>
        {
            var active = pais.GetValueOrDefault(p.Id)?.ActiveVersion;
            var adherence = active is null ? null : AdherenceCalculator.Compute(p, active.Items, delivered[p.PatientId].ToList(), day);
            return new CaseSnapshot(p.PatientId, classifications.GetValueOrDefault(p.PatientId)?.Level ?? p.Level, p.Id, p.StartDate, p.EndDate, active is not null, missed[p.PatientId], adherence, contacts.GetValueOrDefault(p.PatientId));
        }).ToList();
    }

    /// <summary>A worklist case with its sort keys, as the database computes them.</summary>
    private sealed class DueCase
    {
        public long PactId { get; init; }

        public required string PatientId { get; init; }

        public int Level { get; init; }

        public string? MainPathology { get; init; }

        public string? CaseManager { get; init; }

        public int? AdherencePercent { get; init; }

        public bool HasActivePai { get; init; }

        public DateOnly PactEnd { get; init; }

        public int Reason { get; init; }

        public DateOnly? Since { get; init; }
    }

    /// <summary>Every recorded change of the patient's path, in order.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(string patientId, CancellationToken ct)
    {
        _ = await PatientAsync(patientId, ct);
        return await Db.Set<AuditEntry>().AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToListAsync(ct);
    }

    private async Task<ILookup<string, (string Code, DateOnly Date)>> DeliveredAsync(IReadOnlyCollection<string> patients, DateOnly from, CancellationToken ct) =>
        (await Db.Set<DeliveredService>().AsNoTracking()
            .Where(d => patients.Contains(d.PatientId) && d.Date >= from && d.ReversedOn == null)
            .Select(d => new { d.PatientId, d.Code, d.Date }).ToListAsync(ct))
            .ToLookup(d => d.PatientId, d => (d.Code, d.Date));
}
