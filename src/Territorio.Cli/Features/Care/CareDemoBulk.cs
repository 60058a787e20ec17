using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;

namespace Territorio.Cli.Features.Care;

public sealed record CareBulkSummary(int Pacts, int Pais, int Bookings, int Delivered, int Slots);

/// <summary>
/// The patients in charge of a large demo region beyond those taken in charge through the use
/// cases: the same story (the patient's request, the pact, the PAI from the provisional template,
/// two bookings, three past bookings in four delivered, a few no-shows), told through the domain's
/// aggregates in memory — the very methods the use cases call, so every rule of the care path
/// holds (agendas on opening hours without holidays or closures, no overlapping appointments,
/// yearly frequencies, the PAI's validity, deliveries on or after their day and not in the
/// future) — then written as rows by COPY in one transaction, and the worklist read model rebuilt
/// from them. Tens of thousands of patients take seconds instead of an hour
/// (docs/decisions/0093-bulk-loading-of-the-demo-region.md, 0230-demo-bulk-through-the-aggregates.md).
/// </summary>
internal static class CareDemoBulk
{

    /// <summary>A booking looks this many slots ahead before the patient's service is left unbooked.</summary>
    private const int SlotsTried = 60;

    /// <summary>Extra agenda times per working day, so that tens of thousands of bookings find seats.</summary>
    private static readonly TimeOnly[] ExtraTimes = [.. Enumerable.Range(1, 8).Select(k => new TimeOnly(9, 0).AddMinutes(30 * k))];

    public static async Task<CareBulkSummary> LoadAsync(
        DatabaseOptions options, CareCatalogues catalogues, IReadOnlyList<string> atsCodes, DateOnly storyStart, DateOnly today, int count,
        Func<int, int, string> chooseGestore, Action<double> report, CancellationToken ct)
    {
        await using var db = TerritorioDatabase.CreateContext(options);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var clock = new FixedClock(today);
        var enrolment = new EnrolmentService(db, clock, catalogues);
        var patients = new List<EligiblePatient>();
        foreach (var ats in atsCodes)
        {
            patients.AddRange(await enrolment.EligibleAsync(ats, count / atsCodes.Count, ct));
        }

        // All the pathologies of each patient, for the PAI merged from their templates.
        long? runId = (await ClassificationQueries.LatestRunAsync(db, ct))?.Id;
        var pathologiesOf = await db.Set<StratifiedPerson>().AsNoTracking().Where(p => p.RunId == runId && p.Level <= 3)
            .Select(p => new { p.PersonId, p.Pathologies }).ToDictionaryAsync(p => p.PersonId, p => p.Pathologies, StringComparer.Ordinal, ct);
        var plans = new Territorio.CareManagement.Application.Plans.PaiService(db, clock, catalogues);
        var gestori = await db.Set<Gestore>().AsNoTracking().Include(g => g.Candidatures).ToDictionaryAsync(g => g.Id, StringComparer.Ordinal, ct);
        // The patients confirm on their own page; each Gestore's demo case manager witnesses (accounts made by CareDemo).
        var witnesses = (await Web.Security.DemoAccounts.WitnessesAsync(db, ct)).ToDictionary(w => w.GestoreId!,
            w => new PatientSignature(SignatureMethod.PatientPage, GestoreOperators.WitnessLabel(w.DisplayName, w.UserName), null, w.UserName), StringComparer.Ordinal);
        // The erogatori whole (services, hours, closures, agreements): what the slots and the bookings are checked against.
        var erogatori = await db.Set<Erogatore>().AsNoTracking().Include(e => e.Services).Include(e => e.OpeningHours).Include(e => e.Closures)
            .Include(e => e.Agreements).AsSplitQuery().ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        int slots = await OpenExtraAgendaAsync(db, erogatori.Values, storyStart, today.AddDays(60), ct);
        var agenda = await AgendaOf(db, ct);
        report(0.2);

        long pactId = await BulkInsert.ReserveIdsAsync<PattoDiCura>(db, patients.Count, ct);
        long requestId = await BulkInsert.ReserveIdsAsync<EnrolmentRequest>(db, patients.Count, ct);
        long paiId = await BulkInsert.ReserveIdsAsync<Pai>(db, patients.Count, ct);
        long versionId = await BulkInsert.ReserveIdsAsync<PaiVersion>(db, patients.Count, ct);
        long bookingId = await BulkInsert.ReserveIdsAsync<Booking>(db, patients.Count * 2, ct);
        var stories = new Stories();
        int pastBookings = 0;
        foreach (var (patient, i) in patients.Select((p, i) => (p, i)))
        {
            var gestore = gestori[$"G{patient.Ats}{chooseGestore(patient.Level, i)}"];
            var caseManager = new Actor(ActorRole.CaseManager, "demo.casemanager", gestore.Id);
            var clinician = new Actor(ActorRole.ClinicalManager, "demo.responsabile", gestore.Id);
            var start = i % 10 == 0 ? today.AddDays(-345) : storyStart.AddDays(-(i % 20));
            var classification = new Classification(patient.PatientId, patient.Level, patient.MainPathology, pathologiesOf.GetValueOrDefault(patient.PatientId) ?? "", storyStart, "stratificazione");

            // What the use cases do (ConsentRules): the patient's own request from their page, then the pact on it, both on its first day.
            var request = EnrolmentRequest.ByPatient(patient.PatientId, patient.Ats, classification, gestore, [], At(new Actor(ActorRole.Patient, patient.PatientId), start));
            AssignId(db, request, requestId++);
            var signing = new PactSigning(patient.PatientId, patient.Ats, patient.MmgId, Alive: true, classification, start, request.AsBasis(),
                witnesses[gestore.Id], caseManager.Id);
            var pact = PactRules.Sign(signing, gestore, [], At(caseManager, start)).Pact;
            AssignId(db, pact, pactId++);
            request.LinkPact(pact.Id);
            stories.Add(request, pact);
            // As through the use cases: some left without PAI for the worklist.
            if (i % 7 == 3)
            {
                continue;
            }

            var templatePlan = plans.PlanFor(patient.MainPathology, pathologiesOf.GetValueOrDefault(patient.PatientId), patient.Level);
            var pai = Pai.For(pact);
            AssignId(db, pai, paiId++);
            var version = pai.Write(templatePlan.Items, catalogues.Vocabulary, At(clinician, storyStart, $"PAI dal {templatePlan.Describe()}"));
            AssignId(db, version, versionId++);
            stories.Add(pai, version);

            var appointments = new List<PatientAppointment>();
            foreach (var (item, k) in version.Services.Take(2).Select((p, k) => (p, k)))
            {
                var from = storyStart.AddDays(3 + (i * 7 % 150));
                var booking = agenda.Book(patient.Ats, item.Code, from, pact.EndDate, i + k, (slot, seat) =>
                    Booking.Book(pai, item.Code, slot, erogatori[slot.ErogatoreId], seat, new PatientSchedule(pact, appointments), At(caseManager, storyStart)));
                if (booking is null)
                {
                    continue;
                }

                AssignId(db, booking, bookingId++);
                appointments.Add(new PatientAppointment(booking.Id, booking.ServiceCode, booking.Date, booking.Start, booking.DurationMinutes, booking.Booking.Status));
                if (booking.Booking.Date < today)
                {
                    // Today's outpatient flow delivers three past bookings in four; the erogatore records one in eight as a no-show.
                    int pastIndex = pastBookings++;
                    if (pastIndex % 4 != 0)
                    {
                        booking.Booking.MarkDelivered(booking.Booking.Date, pact, At(Actor.System, today));
                        stories.Delivered.Add(new DeliveredService(patient.PatientId, booking.Booking.Date, item.Code, DeliveryMatch.Booked, booking.Booking.Id, "demo-outpatient.csv"));
                    }
                    else if (pastIndex % 8 == 0)
                    {
                        booking.Booking.MarkMissed(At(new Actor(ActorRole.Erogatore, "demo.erogatore", booking.Booking.ErogatoreId), today));
                    }
                }

                stories.Add(booking.Booking);
            }
        }

        report(0.5);
        await stories.WriteAsync(db, ct);
        report(0.7);
        await WorklistIndex.RebuildAsync(db, onlyMissing: false, today, p => report(0.7 + (0.3 * p)), ct);
        await tx.CommitAsync(ct);
        return new CareBulkSummary(stories.Pacts.Count, stories.Pais.Count, stories.Bookings.Count, stories.Delivered.Count, slots);
    }

    private static Change At(Actor by, DateOnly day, string? reason = null) => new(by, day.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), reason);

    /// <summary>An id reserved by <see cref="BulkInsert.ReserveIdsAsync{T}"/>, set through the model's property setter (what a save would do).</summary>
    private static void AssignId(TerritorioDbContext db, object entity, long id) => db.Entry(entity).Property("Id").CurrentValue = id;

    private static void AssignId(TerritorioDbContext db, BookedSeat booked, long id) => AssignId(db, booked.Booking, id);

    /// <summary>The aggregates of the stories, then their rows and their audit trail.</summary>
    private sealed class Stories
    {
        public List<EnrolmentRequest> Requests { get; } = [];

        public List<PattoDiCura> Pacts { get; } = [];

        public List<(Pai Pai, PaiVersion Version)> Pais { get; } = [];

        public List<Booking> Bookings { get; } = [];

        public List<DeliveredService> Delivered { get; } = [];

        public void Add(EnrolmentRequest request, PattoDiCura pact)
        {
            Requests.Add(request);
            Pacts.Add(pact);
        }

        public void Add(Pai pai, PaiVersion version) => Pais.Add((pai, version));

        public void Add(Booking booking) => Bookings.Add(booking);

        public async Task WriteAsync(TerritorioDbContext db, CancellationToken ct)
        {
            await CopyEntitiesAsync(db, ["Id", "PatientId", "GestoreId", "Ats", "Level", "MainPathology", "SignedOn", "StartDate", "EndDate",
                "ConsentGround", "ConsentReference", "SignatureMethod", "SignatureScan", "Witness", "WitnessAccount", "GestoreSignatory", "MmgId", "Status", "Renewals", "CloseReason", "CaseManager", "Version"], Pacts, ct);
            await CopyAsync<PactLevelPeriod>(db, ["pact_id", "From", "Level", "MainPathology", "ReclassificationId"],
                Pacts.SelectMany(p => p.LevelPeriods.Select(l => new object?[] { p.Id, l.From, l.Level, l.MainPathology, l.ReclassificationId })), ct);
            await CopyEntitiesAsync(db, ["Id", "PatientId", "GestoreId", "Ats", "Level", "Source", "Reference", "RequestedBy", "RequestedOn", "PactId", "Version"], Requests, ct);
            await CopyEntitiesAsync(db, ["Id", "PatientId", "PactId", "GestoreId", "MmgId", "StartDate", "Version"], Pais.Select(p => p.Pai).ToList(), ct);
            await CopyAsync<PaiVersion>(db, ["Id", "pai_id", "Number", "Status", "Author", "AuthorRole", "CreatedAtUtc", "Reason", "DecidedBy", "DecidedAtUtc", "DecisionReason"],
                Pais.Select(p => new object?[] { p.Version.Id, p.Pai.Id, p.Version.Number, p.Version.Status, p.Version.Author, p.Version.AuthorRole, p.Version.CreatedAtUtc,
                    p.Version.Reason, p.Version.DecidedBy, p.Version.DecidedAtUtc, p.Version.DecisionReason }), ct);
            await CopyAsync<PaiItem>(db, ["pai_version_id", "Kind", "Code", "Description", "PerYear", "FromMonth", "ToMonth", "Dosage", "Pathologies", "Template"],
                Pais.SelectMany(p => p.Version.Items.Select(item => new object?[] { p.Version.Id, item.Kind, item.Code, item.Description, item.PerYear, item.FromMonth, item.ToMonth, item.Dosage, item.Pathologies, item.Template })), ct);
            await CopyEntitiesAsync(db, ["Id", "PatientId", "PaiId", "GestoreId", "ServiceCode", "SlotId", "Seat", "ErogatoreId", "Date", "Start",
                "Status", "BookedBy", "DeliveredOn", "ReminderSentOn", "CancelReason", "Version"], Bookings, ct);
            await CopyEntitiesAsync(db, ["PatientId", "Date", "Code", "Match", "BookingId", "Source"], Delivered, ct);
            // The audit trail the unit of work would write: each aggregate's history, with the ids given.
            var history = Requests.Cast<AggregateRoot>().Concat(Pacts).Concat(Pais.Select(p => p.Pai)).Concat(Bookings)
                .SelectMany(a => a.DrainHistory()).Select(h => new AuditEntry(h)).ToList();
            await CopyEntitiesAsync(db, ["EntityType", "EntityId", "PatientId", "Action", "Actor", "AtUtc", "Reason", "Details"], history, ct);
        }
    }

    private static async Task CopyAsync<T>(TerritorioDbContext db, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var insert = await BulkInsert.StartAsync<T>(db, columns, ct);
        foreach (var row in rows)
        {
            await insert.WriteAsync(ct, row);
        }

        await insert.CompleteAsync(ct);
    }

    private static async Task CopyEntitiesAsync<T>(TerritorioDbContext db, string[] columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        await using var insert = await BulkInsert.StartAsync<T>(db, columns, ct);
        foreach (var row in rows)
        {
            await insert.WriteEntityAsync(row, ct);
        }

        await insert.CompleteAsync(ct);
    }

    /// <summary>
    /// More times on the days the use cases opened (every erogatore, service and working day),
    /// through the same rule as theirs: only inside opening hours, never on holidays or closures.
    /// </summary>
    private static async Task<int> OpenExtraAgendaAsync(TerritorioDbContext db, IEnumerable<Erogatore> erogatori, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var slots = erogatori.SelectMany(e => e.Services.SelectMany(s => AgendaSlot.OpenWorkingDays(e, s.Code, from, to, ExtraTimes, 30, 4))).ToList();
        await CopyEntitiesAsync(db, ["ErogatoreId", "ServiceCode", "Date", "Start", "DurationMinutes", "Capacity"], slots, ct);
        return slots.Count;
    }

    private static async Task<Agenda> AgendaOf(TerritorioDbContext db, CancellationToken ct)
    {
        var taken = await db.Set<Booking>().AsNoTracking()
            .Where(b => b.Status == BookingStatus.Booked || b.Status == BookingStatus.Delivered)
            .GroupBy(b => b.SlotId).Select(g => new { Slot = g.Key, Seats = g.Max(b => b.Seat) }).ToDictionaryAsync(g => g.Slot, g => g.Seats, ct);
        var ats = await db.Set<Erogatore>().AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Ats, ct);
        var slots = await db.Set<AgendaSlot>().AsNoTracking().OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.Id).ToListAsync(ct);
        return new Agenda(slots.GroupBy(s => (ats[s.ErogatoreId], s.ServiceCode)).ToDictionary(
            g => g.Key,
            g => g.Select(s => new OpenSlot(s, taken.GetValueOrDefault(s.Id))).ToList()));
    }

    /// <summary>A booking the domain accepted, with the length of its slot (for the patient's next overlaps).</summary>
    private sealed record BookedSeat(Booking Booking, int DurationMinutes)
    {
        public string ServiceCode => Booking.ServiceCode;

        public DateOnly Date => Booking.Date;

        public TimeOnly Start => Booking.Start;

        public long Id => Booking.Id;
    }

    private sealed class OpenSlot(AgendaSlot slot, int taken)
    {
        public AgendaSlot Slot { get; } = slot;

        /// <summary>Seats are numbered from 1; the use cases took the first ones.</summary>
        public int Taken { get; set; } = taken;
    }

    /// <summary>The slots of each ATS and service, earliest first, with the seats taken so far.</summary>
    private sealed class Agenda(Dictionary<(string Ats, string Code), List<OpenSlot>> slots)
    {
        /// <summary>
        /// The first free seat on or after a day (up to <paramref name="until"/>) that the domain
        /// accepts (<paramref name="book"/> refuses an overlap, a frequency reached, a day outside
        /// the PAI's validity…); among the slots of one day and time, patients alternate erogatori.
        /// </summary>
        public BookedSeat? Book(string ats, string code, DateOnly from, DateOnly until, int turn, Func<AgendaSlot, int, Booking> book)
        {
            if (!slots.TryGetValue((ats, code), out var list))
            {
                return null;
            }

            int tried = 0;
            for (int first = list.FindIndex(s => s.Slot.Date >= from); first >= 0 && first < list.Count && tried < SlotsTried && list[first].Slot.Date <= until;)
            {
                var time = list[first].Slot;
                var same = list.Skip(first).TakeWhile(s => s.Slot.Date == time.Date && s.Slot.Start == time.Start).ToList();
                first += same.Count;
                var free = same.Where(s => s.Taken < s.Slot.Capacity).ToList();
                foreach (var candidate in free.Skip(turn % Math.Max(1, free.Count)).Concat(free.Take(turn % Math.Max(1, free.Count))))
                {
                    tried++;
                    try
                    {
                        var booking = book(candidate.Slot, candidate.Taken + 1);
                        candidate.Taken++;
                        return new BookedSeat(booking, candidate.Slot.DurationMinutes);
                    }
                    catch (CareRuleException)
                    {
                        // Refused by the care rules (e.g. the patient is elsewhere at that time): the next slot.
                    }
                }
            }

            return null;
        }
    }

    private sealed class FixedClock(DateOnly today) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));
    }
}
