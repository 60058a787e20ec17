using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.CareManagement.Reclassification;
using Territorio.Data;
using Territorio.Synthetic;

namespace Territorio.Cli.Features.Care;

public sealed record CareDemoSummary(int Stratified, int Gestori, int Erogatori, int Slots, int Pacts, int Pais, int Bookings, int Delivered, int Contacts = 0, int MmgProposals = 0);

/// <summary>
/// Fills the demo region's care path through the real use cases: levels (demo-only assignment,
/// imported like the stratification engine's levels.csv), Gestori approved per ATS, erogatori with
/// agendas, letters, pacts, PAIs from the provisional templates, bookings, and a synthetic
/// outpatient flow that delivers most past bookings. The story starts 120 days before today.
/// </summary>
internal static partial class CareDemo
{
    internal const int StoryDays = 120;

    public static async Task ClearAsync(TerritorioDbContext db, CancellationToken ct)
    {
        await db.Set<WorklistCase>().ExecuteDeleteAsync(ct);
        await db.Set<AuditEntry>().ExecuteDeleteAsync(ct);
        await db.Set<DeliveredService>().ExecuteDeleteAsync(ct);
        await db.Set<Booking>().ExecuteDeleteAsync(ct);
        await db.Set<Contact>().ExecuteDeleteAsync(ct);
        await db.Set<SharedPrescription>().ExecuteDeleteAsync(ct);
        await db.Set<PaiVersion>().ExecuteDeleteAsync(ct);
        await db.Set<Pai>().ExecuteDeleteAsync(ct);
        await db.Set<ChangeOfGestoreRequest>().ExecuteDeleteAsync(ct);
        await db.Set<ReclassificationRequest>().ExecuteDeleteAsync(ct);
        await db.Set<PattoDiCura>().ExecuteDeleteAsync(ct);
        await db.Set<EnrolmentLetter>().ExecuteDeleteAsync(ct);
        await db.Set<StratifiedPerson>().ExecuteDeleteAsync(ct);
        await db.Set<StratificationRun>().ExecuteDeleteAsync(ct);
        await db.Set<AgendaSlot>().ExecuteDeleteAsync(ct);
        await db.Set<Agreement>().ExecuteDeleteAsync(ct);
        await db.Set<OfferedService>().ExecuteDeleteAsync(ct);
        await db.Set<OpeningHours>().ExecuteDeleteAsync(ct);
        await db.Set<Closure>().ExecuteDeleteAsync(ct);
        await db.Set<Erogatore>().ExecuteDeleteAsync(ct);
        await db.Set<Candidature>().ExecuteDeleteAsync(ct);
        await db.Set<CooperativeMember>().ExecuteDeleteAsync(ct);
        await db.Set<Gestore>().ExecuteDeleteAsync(ct);
    }

    public static async Task<CareDemoSummary> LoadAsync(DatabaseOptions options, CareCatalogues catalogues, string levelsFile, int seed, DateOnly today, int inCharge, Action<double> report, CancellationToken ct)
    {
        var clock = new DemoClock(today.AddDays(-StoryDays));
        var region = new Actor(ActorRole.Ats, "demo", "regione");
        // Each use case commits on its own; the demo groups many in one outer transaction (one
        // disk sync instead of hundreds).
        async Task<T> Use<T>(Func<CareServices, Task<T>> work)
        {
            await using var db = TerritorioDatabase.CreateContext(options);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await work(new CareServices(db, clock, catalogues));
            await tx.CommitAsync(ct);
            return result;
        }

        // 1. Levels: the stratification engine's levels.csv of the demo region's flows.
        var residents = await Use(s => s.Db.Residents.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct));
        using var levels = Territorio.Flows.Files.CheckedTextStream.OpenText(levelsFile);
        var imported = await Use(s => s.Levels.ImportAsync(levels, levelsFile, clock.Today.AddDays(-10), region, null, ct));
        report(0.1);

        // 2. Gestori of each ATS, approved; one candidature left pending for the ATS to decide.
        var atsCodes = residents.Select(r => r.Ats).Distinct().Order().ToList();
        // The services the templates use: the nomenclator's 2,108 would mean agendas nobody books.
        var services = catalogues.Templates.ServiceCodes;
        int slots = 0;
        foreach (var ats in atsCodes)
        {
            var atsOperator = new Actor(ActorRole.Ats, "demo.ats", ats);
            await Use(async s =>
            {
                foreach (var (suffix, name, kind, levelsApproved) in GestoriOf(ats))
                {
                    string id = $"G{ats}{suffix}";
                    await s.Gestori.RegisterAsync(id, name, kind, ats, atsOperator, ct);
                    foreach (int level in levelsApproved)
                    {
                        await s.Gestori.ApplyAsync(id, ats, level, new Actor(ActorRole.ClinicalManager, "demo.responsabile", id), ct);
                        await s.Gestori.DecideAsync(id, ats, level, approve: true, atsOperator, "requisiti di accreditamento verificati", ct);
                    }
                }

                await s.Gestori.ApplyAsync($"G{ats}PRIV", ats, 3, new Actor(ActorRole.ClinicalManager, "demo.responsabile", $"G{ats}PRIV"), ct);

                // Half of the ATS's GPs are associated in its GP cooperative (the 8% share goes to them).
                foreach (string mmg in CooperativeMembers(residents, ats))
                {
                    await s.Gestori.AddMemberAsync($"G{ats}COOP", mmg, today.AddYears(-2), atsOperator, ct);
                }

                // 3. Erogatori with agreements, opening hours, closures and agendas from the start of
                // the story to 60 days ahead (no slots on national holidays or closures). The
                // laboratory is accredited for laboratory tests only (branca 11), the outpatient clinic
                // for the branche of everything else (decision 0260).
                foreach (var (suffix, name, accredited, offered, weekdays, opens, closes) in ErogatoriOf(services, catalogues.Branche))
                {
                    string id = $"E{ats}{suffix}";
                    var staff = new Actor(ActorRole.Erogatore, "demo.erogatore", id);
                    await s.Network.RegisterAsync(id, $"{name} ATS {ats}", ats, accredited ?? s.Network.BrancheOf(offered), offered, atsOperator, ct);
                    foreach (var (gestore, _, _, _) in GestoriOf(ats))
                    {
                        await s.Network.SignAgreementAsync(id, $"G{ats}{gestore}", clock.Today.AddDays(-30), null, new Actor(ActorRole.ClinicalManager, "demo.responsabile", $"G{ats}{gestore}"), ct);
                    }

                    foreach (var day in weekdays)
                    {
                        await s.Network.SetOpeningHoursAsync(id, day, opens, closes, staff, ct);
                    }

                    // The patron saint of Milan (7 December) and a few days of maintenance three weeks on.
                    var patron = new DateOnly(clock.Today.Month == 12 && clock.Today.Day > 7 ? clock.Today.Year + 1 : clock.Today.Year, 12, 7);
                    await s.Network.CloseAsync(id, patron, patron, "Sant'Ambrogio, santo patrono", staff, ct);
                    var works = today.AddDays(21);
                    // Closures may not overlap: the works move past the patron saint when they would cover it.
                    works = works <= patron && works.AddDays(2) >= patron ? patron.AddDays(1) : works;
                    await s.Network.CloseAsync(id, works, works.AddDays(2), "lavori di manutenzione", staff, ct);

                    foreach (var code in offered)
                    {
                        slots += await s.Network.OpenAgendaAsync(id, code, clock.Today, today.AddDays(60), DemoTimes, 30, 4, ct);
                        s.Db.ChangeTracker.Clear(); // thousands of slots: keep change detection cheap
                    }
                }

                return true;
            });
        }

        report(0.3);

        // The case manager of each Gestore who witnesses its patients' signatures: an account of the
        // Gestore, checked as every door checks it (decision 0253), not a typed name.
        Dictionary<string, string> witnesses;
        await using (var web = Web.WebApp.Build([], options))
        {
            witnesses = (await Web.Security.DemoAccounts.CreateWitnessesAsync(web.Services, ct)).ToDictionary(w => w.GestoreId!, w => w.UserName, StringComparer.Ordinal);
        }

        Task<PatientSignature> WitnessedAsync(CareServices s, string gestore) =>
            GestoreOperators.WitnessedByAsync(s.Db, witnesses[gestore], gestore, null, SignatureMethod.PatientPage, null, clock.GetUtcNow(), ct);

        // 4. Letters and pacts; most patients get their PAI from the template and two bookings.
        var eligible = new List<EligiblePatient>();
        foreach (var ats in atsCodes)
        {
            await Use(s => s.Enrolment.IssueLettersAsync(ats, inCharge / atsCodes.Count * 2, new Actor(ActorRole.Ats, "demo.ats", ats), ct));
            eligible.AddRange(MixOfLevels(await Use(s => s.Enrolment.EligibleAsync(ats, int.MaxValue, ct)), inCharge / atsCodes.Count));
        }

        int pacts = 0, pais = 0, bookings = 0;
        foreach (var chunk in eligible.Select((patient, index) => (patient, index)).Chunk(50))
        {
            await Use(async s =>
            {
                foreach (var (patient, i) in chunk)
                {
                    s.Db.ChangeTracker.Clear();
                    string gestore = $"G{patient.Ats}{ChooseGestore(patient.Level, i)}";
                    var caseManager = new Actor(ActorRole.CaseManager, "demo.casemanager", gestore);

                    // A few pacts started almost a year ago, so that some are about to expire.
                    var start = i % 10 == 0 ? today.AddDays(-345) : clock.Today.AddDays(-(i % 20));
                    // The patient asks the Gestore from their page and the pact is signed on it (DGR X/6164/2017), both on
                    // the pact's first day: no pact starts before its consent (ConsentRules.RequireStart).
                    var storyDay = clock.Today;
                    clock.Today = start;
                    await s.Enrolment.RequestEnrolmentAsync(patient.PatientId, gestore, new Actor(ActorRole.Patient, patient.PatientId), ct);
                    await s.Enrolment.SignPactAsync(patient.PatientId, gestore, start, await WitnessedAsync(s, gestore), caseManager.Id, caseManager, ct);
                    clock.Today = storyDay;
                    pacts++;
                    // Some left without PAI, so the worklist shows them; provisional templates
                    // exist only for the first-phase pathologies, the others are written by hand.
                    if (i % 7 == 3 || !catalogues.Templates.Has(patient.MainPathology ?? "", patient.Level))
                    {
                        continue;
                    }

                    var version = await WritePaiAsync(s, patient, gestore, i, ct);
                    pais++;
                    // Two services on different days (a patient is never at two appointments at once), within the pact.
                    var pactEnd = PattoDiCura.OneYearFrom(start);
                    var from = clock.Today.AddDays(3 + (i * 7 % 150));
                    foreach (var item in version.Services.Take(2).ToList())
                    {
                        if (from > pactEnd)
                        {
                            continue;
                        }

                        var free = await s.Network.FreeSlotsAsync(item.Code, gestore, from, from.AddDays(30) < pactEnd ? from.AddDays(30) : pactEnd, 1, ct);
                        if (free.Count > 0)
                        {
                            await s.Bookings.BookAsync(patient.PatientId, free[0].SlotId, caseManager, ct);
                            bookings++;
                            from = free[0].Date.AddDays(1);
                        }
                    }
                }

                return true;
            });
            report(0.3 + (0.6 * (chunk[^1].index + 1) / eligible.Count));
        }

        // 5. Today: the outpatient flow delivers three past bookings in four, plus a visit outside the plan.
        clock.Today = today;
        var flow = new StringWriter();
        flow.WriteLine("person_id,date,code");
        var past = await Use(s => s.Db.Set<Booking>().AsNoTracking().Where(b => b.Date < today).OrderBy(b => b.Id).ToListAsync(ct));
        foreach (var (booking, index) in past.Select((b, n) => (b, n)))
        {
            if (index % 4 != 0)
            {
                flow.WriteLine($"{booking.PatientId},{booking.Date:yyyy-MM-dd},{booking.ServiceCode}");
            }

            if (index % 9 == 0)
            {
                flow.WriteLine($"{booking.PatientId},{booking.Date.AddDays(1):yyyy-MM-dd},89.7");
            }
        }

        var delivered = await Use(s => s.Delivered.ImportAsync(new StringReader(flow.ToString()), "demo-outpatient.csv", Actor.System, ct));

        // A few patients did not come: their erogatore records it (the others not delivered are left to record).
        foreach (var booking in past.Where((_, index) => index % 8 == 0).Take(5))
        {
            await Use(async s =>
            {
                await s.Bookings.MarkMissedAsync(booking.Id, new Actor(ActorRole.Erogatore, "demo.erogatore", booking.ErogatoreId), ct);
                return true;
            });
        }

        // Pacts signed almost a year ago are in their renewal window: one patient in two confirms the
        // renewal from their page and the case manager countersigns it (DGR X/6164/2017 allegato 1: the
        // patient confirms the pact each year); the others stay due, on the ATS's list of expiring pacts.
        foreach (var patientId in eligible.Where((_, i) => i % 20 == 0).Select(p => p.PatientId))
        {
            await Use(async s =>
            {
                var pact = await s.Db.Set<PattoDiCura>().AsNoTracking().SingleOrDefaultAsync(p => p.PatientId == patientId && p.Status == PactStatus.Active, ct);
                if (pact is null || !pact.IsInRenewalWindowOn(today))
                {
                    return false;
                }

                await s.Enrolment.ConfirmRenewalAsync(patientId, new Actor(ActorRole.Patient, patientId), ct);
                await s.Enrolment.RenewAsync(pact.Id, await WitnessedAsync(s, pact.GestoreId), new Actor(ActorRole.CaseManager, "demo.casemanager", pact.GestoreId), ct);
                return true;
            });
        }

        // 6. The Commission's work: a reclassification approved (the tariff and the next stratification
        // follow it), one still to decide, a change of Gestore; and a patient who died.
        await CommissionStoryAsync(Use<bool>, WitnessedAsync, eligible, today, ct);

        // 7. The case managers' contacts and the GPs' PAI proposals.
        var (contacts, proposals) = await FollowUpAsync(options, catalogues, clock, today, ct);

        // 8. More work for the ATS Commission of every territory: requests pending and already decided.
        foreach (var ats in atsCodes)
        {
            await Use(s => CareDemoCommission.FillAsync(s, ats, today, ct));
        }

        report(1);
        return new CareDemoSummary(imported.Imported, atsCodes.Count * 3, atsCodes.Count * 2, slots, pacts, pais, bookings, delivered.Booked, contacts, proposals);
    }

    /// <summary>
    /// Most PAIs are written by the Gestore from the template; one in five is drafted by the
    /// patient's GP as collaborator and validated by the Gestore (the GP is then paid per PAI).
    /// </summary>
    private static async Task<PaiVersion> WritePaiAsync(CareServices s, EligiblePatient patient, string gestore, int index, CancellationToken ct)
    {
        var manager = new Actor(ActorRole.ClinicalManager, "demo.responsabile", gestore);
        if (index % 5 != 1 || patient.MmgId is not { } mmg)
        {
            return await s.Pai.WriteFromTemplateAsync(patient.PatientId, manager, null, ct);
        }

        var plan = await s.Pai.TemplateForAsync(patient.PatientId, ct);
        await s.Pai.ProposeAsync(patient.PatientId, plan.Items, Actor.Factory.Mmg(mmg), $"bozza del MMG dal {plan.Describe()}", ct);
        return (await s.Pai.DecideProposalAsync(patient.PatientId, accept: true, manager, "bozza del MMG validata", ct))!;
    }

    private static async Task CommissionStoryAsync(Func<Func<CareServices, Task<bool>>, Task<bool>> use, Func<CareServices, string, Task<PatientSignature>> witnessed,
        List<EligiblePatient> eligible, DateOnly today, CancellationToken ct)
    {
        async Task<PattoDiCura> PactOf(CareServices s, string patient) =>
            await s.Db.Set<PattoDiCura>().AsNoTracking().SingleAsync(p => p.PatientId == patient && p.Status == PactStatus.Active, ct);
        var commission = new Actor(ActorRole.AtsCommission, "demo.commissione", "demo");
        var pending = new Queue<EligiblePatient>(eligible.Where(p => p.MainPathology is not null));

        // Approved: one level more severe (level 1: less), with diabetes found at the PAI's exams.
        if (pending.TryDequeue(out var approved))
        {
            int level = approved.Level == 1 ? 2 : approved.Level - 1;
            string other = approved.MainPathology == "50" ? "56" : "50";
            await use(async s =>
            {
                var pact = await PactOf(s, approved.PatientId);
                var proposal = await s.Reclassification.ProposeAsync(approved.PatientId, level, approved.MainPathology!, [other], new Actor(ActorRole.ClinicalManager, "demo.responsabile", pact.GestoreId),
                    level < approved.Level ? "comorbilità documentata dagli esami del PAI, assente dai flussi" : "comorbilità non più attive alla rivalutazione clinica", ct);
                await s.Reclassification.DecideAsync(proposal.Id, approve: true, commission with { Organisation = approved.Ats }, "referti allegati adeguati", ct);
                return true;
            });
        }

        // Approved to a level the patient's Gestore is not accredited for: the GP cooperative (levels
        // 2–3) of a patient of the demo ATS whose heart failure makes them fragile. The decision says
        // so, the pact stays, and the patient is offered a change of Gestore (issue 16, decision 0210).
        string? demoAts = null;
        await use(async s =>
        {
            demoAts = await Web.Security.DemoAccounts.DemoAtsAsync(s.Db, ct);
            return true;
        });
        foreach (var patient in pending.Where(p => p.Ats == demoAts && p.Level >= 2).ToList())
        {
            bool offered = await use(async s =>
            {
                var pact = await PactOf(s, patient.PatientId);
                if (!pact.GestoreId.EndsWith("COOP", StringComparison.Ordinal))
                {
                    return false;
                }

                var proposal = await s.Reclassification.ProposeAsync(patient.PatientId, 1, patient.MainPathology!, patient.MainPathology == "20" ? [] : ["20"],
                    new Actor(ActorRole.ClinicalManager, "demo.responsabile", pact.GestoreId), "scompenso cardiaco con due ricoveri in sei mesi: la fragilità clinica è prevalente", ct);
                await s.Reclassification.DecideAsync(proposal.Id, approve: true, commission with { Organisation = patient.Ats }, "ricoveri e referti verificati", ct);
                return true;
            });
            if (offered)
            {
                pending = new Queue<EligiblePatient>(pending.Where(p => p.PatientId != patient.PatientId));
                break;
            }
        }

        // Still to decide: heart failure seen at a check-up.
        if (pending.TryDequeue(out var proposed) && (proposed.Level, proposed.MainPathology) != (1, "20"))
        {
            await use(async s =>
            {
                var pact = await PactOf(s, proposed.PatientId);
                await s.Reclassification.ProposeAsync(proposed.PatientId, 1, "20", [], new Actor(ActorRole.ClinicalManager, "demo.responsabile", pact.GestoreId),
                    "scompenso cardiaco emerso alla visita di controllo", ct);
                return true;
            });
        }

        // A patient of the ASST at level 1–2 moves to the private provider from 30 days ago.
        while (pending.TryDequeue(out var patient))
        {
            bool moved = patient.Level <= 2 && await use(async s =>
            {
                var pact = await PactOf(s, patient.PatientId);
                if (!pact.GestoreId.EndsWith("ASST", StringComparison.Ordinal) || pact.StartDate >= today.AddDays(-30))
                {
                    return false;
                }

                var request = await s.Enrolment.RequestChangeAsync(patient.PatientId, $"G{patient.Ats}PRIV", today.AddDays(-30), new Actor(ActorRole.Patient, patient.PatientId),
                    "più vicino al domicilio", ct);
                await s.Enrolment.DecideChangeAsync(request.Id, approve: true, commission with { Organisation = patient.Ats }, "motivazione accolta", ct);
                // The change takes effect only when the patient signs with the new Gestore (today).
                var newCaseManager = new Actor(ActorRole.CaseManager, "demo.casemanager", $"G{patient.Ats}PRIV");
                await s.Enrolment.SignPactAsync(patient.PatientId, $"G{patient.Ats}PRIV", null, await witnessed(s, $"G{patient.Ats}PRIV"), newCaseManager.Id, newCaseManager, ct);
                return true;
            });
            if (moved)
            {
                break;
            }
        }

        // A patient died 20 days ago: the ATS records it; the pact ends that day, later bookings are cancelled.
        if (pending.TryDequeue(out var deceased))
        {
            await use(async s =>
            {
                await s.Enrolment.RecordDeathAsync(deceased.PatientId, new DeathNotice(today.AddDays(-20), DeathSource.ComunicazioneMmg), new Actor(ActorRole.Ats, "demo.ats", deceased.Ats), ct);
                return true;
            });
        }
    }

    /// <summary>Patients of every level in turn (1, 2, 3, 1, …), so that each kind of Gestore and GP role has some.</summary>
    private static IEnumerable<EligiblePatient> MixOfLevels(IReadOnlyList<EligiblePatient> eligible, int count) =>
        eligible.GroupBy(p => p.Level).SelectMany(level => level.Select((patient, rank) => (patient, rank)))
            .OrderBy(p => p.rank).ThenBy(p => p.patient.Level).Select(p => p.patient).Take(count);

    private static IEnumerable<string> CooperativeMembers(IEnumerable<Kernel.Population.Resident> residents, string ats) =>
        residents.Where(r => r.Ats == ats && r.MmgId is not null).Select(r => r.MmgId!).Distinct().Order(StringComparer.Ordinal).Where((_, i) => i % 2 == 0);

    /// <summary>Slot times of the use cases' agendas; the bulk load adds later ones (<see cref="CareDemoBulk"/>).</summary>
    private static readonly TimeOnly[] DemoTimes = [new(8, 0), new(8, 30), new(9, 0)];

    private static readonly DayOfWeek[] MondayToFriday = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Branca of the laboratory tests (data/care/branche.csv).</summary>
    private const string Laboratorio = "11";

    /// <summary>
    /// The outpatient clinic (visits and instrumental exams, weekdays; accredited for the branche of its services,
    /// null here) and the laboratory (tests, Saturday morning too; accredited for the laboratory alone).
    /// </summary>
    private static (string Suffix, string Name, IReadOnlyList<string>? Branche, IReadOnlyList<string> Services, DayOfWeek[] Days, TimeOnly Opens, TimeOnly Closes)[] ErogatoriOf(
        IReadOnlyList<string> services, BrancheCatalogue branche) =>
    [
        ("POLI", "Poliambulatorio", null, services.Where(c => !branche.Allows([Laboratorio], c)).ToList(), MondayToFriday, new TimeOnly(8, 0), new TimeOnly(14, 0)),
        ("LAB", "Laboratorio analisi", [Laboratorio], services.Where(c => branche.Allows([Laboratorio], c)).ToList(), [.. MondayToFriday, DayOfWeek.Saturday], new TimeOnly(7, 30), new TimeOnly(13, 30)),
    ];

    private static (string Suffix, string Name, GestoreKind Kind, int[] Levels)[] GestoriOf(string ats) =>
    [
        ("ASST", $"ASST del territorio {ats}", GestoreKind.Asst, [1, 2, 3]),
        ("COOP", $"Cooperativa MMG {ats}", GestoreKind.CooperativaMmg, [2, 3]),
        ("PRIV", $"Erogatore privato accreditato {ats}", GestoreKind.PrivatoAccreditato, [1, 2]),
    ];

    // Level 3 preferentially with the GPs' cooperative (DGR X/6164/2017); level 1 with the ASST or the private provider.
    internal static string ChooseGestore(int level, int index) => level switch
    {
        3 => "COOP",
        1 => index % 2 == 0 ? "ASST" : "PRIV",
        _ => (index % 3) switch { 0 => "ASST", 1 => "COOP", _ => "PRIV" },
    };

    private sealed class DemoClock(DateOnly today) : TimeProvider
    {
        public DateOnly Today { get; set; } = today;

        public override DateTimeOffset GetUtcNow() => new(Today.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc));
    }
}
