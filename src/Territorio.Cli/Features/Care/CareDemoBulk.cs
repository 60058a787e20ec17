using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Data;

namespace Territorio.Cli.Features.Care;

public sealed record CareBulkSummary(int Pacts, int Pais, int Bookings, int Delivered, int Slots);

/// <summary>
/// The patients in charge of a large demo region beyond those taken in charge through the use
/// cases: the same story (pact, PAI from the provisional template, two bookings, three past
/// bookings in four delivered), written as rows by COPY in one transaction, then the worklist read
/// model rebuilt from them. Tens of thousands of patients take seconds instead of an hour
/// (docs/decisions/0093-bulk-loading-of-the-demo-region.md).
/// </summary>
internal static class CareDemoBulk
{
    /// <summary>Extra agenda times per working day, so that tens of thousands of bookings find seats.</summary>
    private const string BulkWitness = "Operatore del Centro Servizi (demo.casemanager)";

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
        int slots = await OpenExtraAgendaAsync(db, storyStart, today.AddDays(60), ct);
        var agenda = await AgendaOf(db, ct);
        report(0.2);

        long pactId = await BulkInsert.ReserveIdsAsync<PattoDiCura>(db, patients.Count, ct);
        long requestId = await BulkInsert.ReserveIdsAsync<EnrolmentRequest>(db, patients.Count, ct);
        long paiId = await BulkInsert.ReserveIdsAsync<Pai>(db, patients.Count, ct);
        long versionId = await BulkInsert.ReserveIdsAsync<PaiVersion>(db, patients.Count, ct);
        long bookingId = await BulkInsert.ReserveIdsAsync<Booking>(db, patients.Count * 2, ct);
        var signedAt = storyStart.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
        var pacts = new List<object?[]>();
        var requests = new List<object?[]>();
        var pais = new List<object?[]>();
        var versions = new List<object?[]>();
        var items = new List<object?[]>();
        var bookings = new List<object?[]>();
        var delivered = new List<DeliveredService>();
        var audit = new List<AuditEntry>();
        int pastBookings = 0;
        foreach (var (patient, i) in patients.Select((p, i) => (p, i)))
        {
            string gestore = $"G{patient.Ats}{chooseGestore(patient.Level, i)}";
            var caseManager = new Actor(ActorRole.CaseManager, "demo.casemanager", gestore);
            var clinician = new Actor(ActorRole.ClinicalManager, "demo.responsabile", gestore);
            var start = i % 10 == 0 ? today.AddDays(-345) : storyStart.AddDays(-(i % 20));
            long pact = pactId++;
            // What the use cases would write (ConsentRules): the patient's own request from their page, then the pact on it.
            long request = requestId++;
            var patientActor = new Actor(ActorRole.Patient, patient.PatientId);
            requests.Add([request, patient.PatientId, gestore, patient.Ats, patient.Level, EnrolmentRequestSource.Patient, null, patientActor.ToString(), storyStart, pact, 1]);
            audit.Add(Audit(nameof(EnrolmentRequest), request, patient.PatientId, "richiesta di presa in carico", patientActor, signedAt, $"Gestore {gestore}, livello {patient.Level}"));
            pacts.Add([pact, patient.PatientId, gestore, patient.Ats, patient.Level, patient.MainPathology, storyStart, start, PattoDiCura.OneYearFrom(start),
                ConsentGround.PatientRequest, request, SignatureMethod.PatientPage, BulkWitness, caseManager.Id, patient.MmgId, PactStatus.Active, 0, null, 1]);
            audit.Add(Audit(nameof(PattoDiCura), pact, patient.PatientId, "patto firmato", caseManager, signedAt, $"Gestore {gestore}, livello {patient.Level}; su richiesta del paziente n.{request}"));
            // As through the use cases: some left without PAI for the worklist.
            if (i % 7 == 3)
            {
                continue;
            }

            var templatePlan = plans.PlanFor(patient.MainPathology, pathologiesOf.GetValueOrDefault(patient.PatientId), patient.Level);
            var plan = templatePlan.Items;
            long paiRow = paiId++;
            long version = versionId++;
            pais.Add([paiRow, patient.PatientId, pact, gestore, patient.MmgId, start, 1]);
            versions.Add([version, paiRow, 1, PaiVersionStatus.Active, clinician.ToString(), ActorRole.ClinicalManager, signedAt,
                $"PAI dal {templatePlan.Describe()}", null, null, null]);
            items.AddRange(plan.Select(item => new object?[] { version, item.Kind, item.Code, item.Description, item.PerYear, item.FromMonth, item.ToMonth, item.Dosage, item.Pathologies, item.Template }));
            audit.Add(Audit(nameof(Pai), paiRow, patient.PatientId, "versione PAI scritta", clinician, signedAt, $"versione 1, {plan.Count} voci"));

            foreach (var (item, k) in plan.Where(p => p.Kind == PaiItemKind.Service).Take(2).Select((p, k) => (p, k)))
            {
                var from = storyStart.AddDays(3 + (i * 7 % 150));
                if (agenda.Take(patient.Ats, item.Code, from, i + k) is not { } seat)
                {
                    continue;
                }

                long booking = bookingId++;
                bool past = seat.Slot.Date < today;
                int pastIndex = past ? pastBookings++ : -1;
                bool done = past && pastIndex % 4 != 0;
                // One past booking in eight was a no-show the erogatore recorded; the others not delivered wait for it.
                var status = done ? BookingStatus.Delivered : past && pastIndex % 8 == 0 ? BookingStatus.Missed : BookingStatus.Booked;
                bookings.Add([booking, patient.PatientId, paiRow, gestore, item.Code, seat.Slot.Id, seat.Seat, seat.Slot.ErogatoreId, seat.Slot.Date, seat.Slot.Start,
                    status, caseManager.ToString(), done ? seat.Slot.Date : null, null, null, done ? 2 : 1]);
                audit.Add(Audit(nameof(Booking), booking, patient.PatientId, "prenotata", caseManager, signedAt, $"{item.Code} presso {seat.Slot.ErogatoreId} il {seat.Slot.Date:yyyy-MM-dd}"));
                if (done)
                {
                    delivered.Add(new DeliveredService(patient.PatientId, seat.Slot.Date, item.Code, DeliveryMatch.Booked, booking, "demo-outpatient.csv"));
                }
            }
        }

        report(0.5);
        await CopyAsync<PattoDiCura>(db, ["Id", "PatientId", "GestoreId", "Ats", "Level", "MainPathology", "SignedOn", "StartDate", "EndDate",
            "ConsentGround", "ConsentReference", "SignatureMethod", "Witness", "GestoreSignatory", "MmgId", "Status", "Renewals", "CloseReason", "Version"], pacts, ct);
        await CopyAsync<EnrolmentRequest>(db, ["Id", "PatientId", "GestoreId", "Ats", "Level", "Source", "Reference", "RequestedBy", "RequestedOn", "PactId", "Version"], requests, ct);
        await CopyAsync<Pai>(db, ["Id", "PatientId", "PactId", "GestoreId", "MmgId", "StartDate", "Version"], pais, ct);
        await CopyAsync<PaiVersion>(db, ["Id", "pai_id", "Number", "Status", "Author", "AuthorRole", "CreatedAtUtc", "Reason", "DecidedBy", "DecidedAtUtc", "DecisionReason"], versions, ct);
        await CopyAsync<PaiItem>(db, ["pai_version_id", "Kind", "Code", "Description", "PerYear", "FromMonth", "ToMonth", "Dosage", "Pathologies", "Template"], items, ct);
        await CopyAsync<Booking>(db, ["Id", "PatientId", "PaiId", "GestoreId", "ServiceCode", "SlotId", "Seat", "ErogatoreId", "Date", "Start",
            "Status", "BookedBy", "DeliveredOn", "ReminderSentOn", "CancelReason", "Version"], bookings, ct);
        await CopyEntitiesAsync(db, ["PatientId", "Date", "Code", "Match", "BookingId", "Source"], delivered, ct);
        await CopyEntitiesAsync(db, ["EntityType", "EntityId", "PatientId", "Action", "Actor", "AtUtc", "Reason", "Details"], audit, ct);
        report(0.7);
        await WorklistIndex.RebuildAsync(db, onlyMissing: false, today, p => report(0.7 + (0.3 * p)), ct);
        await tx.CommitAsync(ct);
        return new CareBulkSummary(pacts.Count, pais.Count, bookings.Count, delivered.Count, slots);
    }

    private static AuditEntry Audit(string entity, long id, string patient, string action, Actor by, DateTime at, string details) =>
        new(new HistoryEntry(entity, id.ToString(System.Globalization.CultureInfo.InvariantCulture), patient, action, by, at, null, details));

    private static async Task CopyAsync<T>(TerritorioDbContext db, string[] columns, List<object?[]> rows, CancellationToken ct)
    {
        await using var insert = await BulkInsert.StartAsync<T>(db, columns, ct);
        foreach (var row in rows)
        {
            await insert.WriteAsync(ct, row);
        }

        await insert.CompleteAsync(ct);
    }

    private static async Task CopyEntitiesAsync<T>(TerritorioDbContext db, string[] columns, List<T> rows, CancellationToken ct)
        where T : class
    {
        await using var insert = await BulkInsert.StartAsync<T>(db, columns, ct);
        foreach (var row in rows)
        {
            await insert.WriteEntityAsync(row, ct);
        }

        await insert.CompleteAsync(ct);
    }

    /// <summary>More times on the days the use cases opened (every erogatore, service and working day).</summary>
    private static async Task<int> OpenExtraAgendaAsync(TerritorioDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var erogatori = await db.Set<Erogatore>().AsNoTracking().Include(e => e.Services).ToListAsync(ct);
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

    private sealed record SeatTaken(AgendaSlot Slot, int Seat);

    private sealed class OpenSlot(AgendaSlot slot, int taken)
    {
        public AgendaSlot Slot { get; } = slot;

        /// <summary>Seats are numbered from 1; the use cases took the first ones.</summary>
        public int Taken { get; set; } = taken;
    }

    /// <summary>The first slot with a free seat on or after a day, in the patient's ATS, alternating erogatori.</summary>
    private sealed class Agenda(Dictionary<(string Ats, string Code), List<OpenSlot>> slots)
    {
        public SeatTaken? Take(string ats, string code, DateOnly from, int turn)
        {
            if (!slots.TryGetValue((ats, code), out var list))
            {
                return null;
            }

            int first = list.FindIndex(s => s.Slot.Date >= from && s.Taken < s.Slot.Capacity);
            if (first < 0)
            {
                return null;
            }

            // Among the slots of that day and time (one per erogatore), spread patients.
            var same = list.Skip(first).TakeWhile(s => s.Slot.Date == list[first].Slot.Date && s.Slot.Start == list[first].Slot.Start && s.Taken < s.Slot.Capacity).ToList();
            var chosen = same[turn % same.Count];
            chosen.Taken++;
            return new SeatTaken(chosen.Slot, chosen.Taken);
        }
    }

    private sealed class FixedClock(DateOnly today) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(today.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));
    }
}
