using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Registry;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Network;

/// <summary>A slot with its free seats, as a booking screen lists it.</summary>
public sealed record FreeSlot(long SlotId, string ErogatoreId, string ServiceCode, DateOnly Date, TimeOnly Start, int Capacity, int Free);

/// <summary>The hours of one weekday; no hours close it.</summary>
public sealed record WeekdayHours(DayOfWeek Day, TimeOnly? Opens, TimeOnly? Closes);

/// <summary>A page of the slot search; <see cref="HasNext"/> when more slots follow.</summary>
public sealed record SlotSearchPage(IReadOnlyList<FreeSlot> Slots, int Page, bool HasNext);

/// <summary>A service an erogatore offers, as its page and its API show it: code and description, its branche, its slot.</summary>
public sealed record OfferedServiceView(string Code, string Label, IReadOnlyList<Branca> Branche, int SlotMinutes);

/// <summary>An erogatore's accredited branche and the services it offers (the screen and the API read the same).</summary>
public sealed record ErogatoreServices(string Id, string Name, IReadOnlyList<Branca> Branche, IReadOnlyList<OfferedServiceView> Services, string BrancheTable);

/// <summary>The Gestore's network: erogatori, agreements, services offered and agendas.</summary>
public sealed class NetworkService(TerritorioDbContext db, TimeProvider clock, BrancheCatalogue branche) : CareService(db, clock)
{
    /// <summary>The branche specialistiche and the services of each, as the rules of this service apply them.</summary>
    public BrancheCatalogue Branche => branche;

    /// <summary>
    /// Registers an erogatore accredited for the branche its services belong to (decision 0260): a registration
    /// that names services, not branche, accredits what those services need; a service no branca holds is refused.
    /// </summary>
    public Task<Erogatore> RegisterAsync(string id, string name, string ats, IReadOnlyList<string> services, Actor by, CancellationToken ct) =>
        RegisterAsync(id, name, ats, BrancheOf(services), services, by, ct);

    /// <summary>Registers an erogatore, records the branche it is accredited for and publishes its services (each within them).</summary>
    public async Task<Erogatore> RegisterAsync(string id, string name, string ats, IReadOnlyList<string> accreditedBranche, IReadOnlyList<string> services, Actor by, CancellationToken ct)
    {
        var erogatore = Erogatore.Register(id, name, ats, Now(by));
        erogatore.Accredit(accreditedBranche, branche, Now(by));
        foreach (var code in services)
        {
            erogatore.Offer(code, branche, Now(by));
        }

        Db.Add(erogatore);
        await CommitAsync(ct, $"l'erogatore {id} esiste già");
        return erogatore;
    }

    public async Task SignAgreementAsync(string erogatoreId, string gestoreId, DateOnly from, DateOnly? to, Actor by, CancellationToken ct)
    {
        _ = await GestoreAsync(gestoreId, ct);
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        erogatore.SignAgreement(gestoreId, from, to, Now(by));
        await CommitAsync(ct);
    }

    /// <summary>
    /// The branche a list of services needs: the branca of each single-branca service, and for a service of several
    /// (a generic visit) one already needed, else its first. A service of none is left for Offer to refuse.
    /// </summary>
    public IReadOnlyList<string> BrancheOf(IEnumerable<string> services)
    {
        var each = services.Select(branche.Of).Where(b => b.Count > 0).ToList();
        var needed = each.Where(b => b.Count == 1).Select(b => b[0].Code).ToHashSet(StringComparer.Ordinal);
        foreach (var several in each.Where(b => b.Count > 1 && !b.Any(x => needed.Contains(x.Code))))
        {
            needed.Add(several[0].Code);
        }

        return [.. needed.Order(StringComparer.Ordinal)];
    }

    public Task OfferAsync(string erogatoreId, string serviceCode, Actor by, CancellationToken ct) =>
        OfferAsync(erogatoreId, serviceCode, OfferedService.DefaultSlotMinutes, by, ct);

    public async Task OfferAsync(string erogatoreId, string serviceCode, int slotMinutes, Actor by, CancellationToken ct)
    {
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        erogatore.Offer(serviceCode, branche, Now(by), slotMinutes);
        await CommitAsync(ct);
    }

    /// <summary>
    /// The erogatore publishes a new service (within its accredited branche); when it publishes hours, the
    /// service's slots open at once from tomorrow to the last day of its agenda. Returns the slots opened.
    /// </summary>
    public async Task<int> PublishAsync(string erogatoreId, string serviceCode, int slotMinutes, Actor by, CancellationToken ct)
    {
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        erogatore.Offer(serviceCode, branche, Now(by), slotMinutes);
        var from = Today.AddDays(1);
        var last = await Db.Set<AgendaSlot>().Where(s => s.ErogatoreId == erogatoreId).MaxAsync(s => (DateOnly?)s.Date, ct);
        var taken = (await Db.Set<AgendaSlot>().Where(s => s.ErogatoreId == erogatoreId && s.ServiceCode == serviceCode && s.Date >= from)
            .Select(s => new { s.Date, s.Start }).ToListAsync(ct)).Select(s => (s.Date, s.Start)).ToHashSet();
        var slots = erogatore.OpeningHours.Count > 0 && last >= from
            ? AgendaSlot.OpenFromHours(erogatore, serviceCode, from, last.Value, capacity: 1).Where(s => !taken.Contains((s.Date, s.Start))).ToList()
            : [];
        Db.AddRange(slots);
        await CommitAsync(ct, "agenda modificata nel frattempo da un altro operatore: riprovare");
        return slots.Count;
    }

    /// <summary>An erogatore's accredited branche and offered services, by code.</summary>
    public async Task<ErogatoreServices> ServicesOfAsync(string erogatoreId, CancellationToken ct)
    {
        var erogatore = await Db.Set<Erogatore>().AsNoTracking().Include(e => e.Services).SingleOrDefaultAsync(e => e.Id == erogatoreId, ct)
            ?? throw new CareRuleException($"erogatore {erogatoreId} non trovato");
        return ViewOf(erogatore);
    }

    private ErogatoreServices ViewOf(Erogatore erogatore)
    {
        return new ErogatoreServices(
            erogatore.Id,
            erogatore.Name,
            erogatore.Branche.Select(c => branche.Find(c) ?? new Branca(c, c)).ToList(),
            erogatore.Services.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s => new OfferedServiceView(s.Code, branche.ServiceLabel(s.Code), branche.Of(s.Code), s.SlotMinutes)).ToList(),
            $"tabella delle branche {(branche.Provisional ? "provvisoria" : "regionale")}, versione {branche.Version}");
    }

    /// <summary>
    /// Services of the nomenclator the erogatore could still publish: of its branche, not yet offered, matching
    /// a code prefix or every word of the description.
    /// </summary>
    public static IReadOnlyList<OfferedServiceView> Offerable(ErogatoreServices erogatore, IEnumerable<KeyValuePair<string, string>> candidates, BrancheCatalogue catalogue)
    {
        var accredited = erogatore.Branche.Select(b => b.Code).ToList();
        var offered = erogatore.Services.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        return candidates.Where(c => !offered.Contains(c.Key) && catalogue.Allows(accredited, c.Key))
            .Select(c => new OfferedServiceView(c.Key, catalogue.ServiceLabel(c.Key), catalogue.Of(c.Key), OfferedService.DefaultSlotMinutes))
            .ToList();
    }

    /// <summary>The ATS records the branche specialistiche an erogatore is accredited for (replacing the earlier ones).</summary>
    public async Task AccreditAsync(string erogatoreId, IReadOnlyList<string> accreditedBranche, Actor by, CancellationToken ct)
    {
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        erogatore.Accredit(accreditedBranche, branche, Now(by));
        await CommitAsync(ct);
    }

    /// <summary>The erogatori of an ATS, by name, each with its accredited branche and offered services.</summary>
    public async Task<IReadOnlyList<ErogatoreServices>> ErogatoriOfAtsAsync(string ats, CancellationToken ct)
    {
        var erogatori = await Db.Set<Erogatore>().AsNoTracking().Include(e => e.Services).Where(e => e.Ats == ats).ToListAsync(ct);
        return [.. erogatori.Select(ViewOf).OrderBy(e => e.Name, StringComparer.CurrentCulture).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The erogatore (or the ATS) stops offering a service: refused while appointments of it are booked from today
    /// on (decision 0268); its free slots from today on are removed, slots with any booking stay as history.
    /// </summary>
    public async Task<int> WithdrawAsync(string erogatoreId, string serviceCode, Actor by, CancellationToken ct)
    {
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        var today = Today;
        var booked = await Db.Set<Booking>().AsNoTracking()
            .Where(b => b.ErogatoreId == erogatoreId && b.ServiceCode == serviceCode && b.Status == BookingStatus.Booked && b.Date >= today)
            .OrderBy(b => b.Date).ThenBy(b => b.Start).Select(b => new { b.Date, b.Start, b.PatientId }).ToListAsync(ct);
        var residents = await PeopleNames.ResidentsAsync(Db, booked.Select(b => b.PatientId), ct);
        erogatore.Withdraw(serviceCode, branche, [.. booked.Select(b => $"{b.Date:dd/MM/yyyy} {b.Start:HH\\:mm} {PeopleNames.Patient(residents, b.PatientId)}")], Now(by));
        DeleteRemoved<OfferedService>();
        var free = await Db.Set<AgendaSlot>()
            .Where(s => s.ErogatoreId == erogatoreId && s.ServiceCode == serviceCode && s.Date >= today && !Db.Set<Booking>().Any(b => b.SlotId == s.Id))
            .ToListAsync(ct);
        Db.RemoveRange(free);
        await CommitAsync(ct, "agenda modificata nel frattempo da un altro operatore: riprovare");
        return free.Count;
    }

    public Task SetOpeningHoursAsync(string erogatoreId, DayOfWeek day, TimeOnly? opens, TimeOnly? closes, Actor by, CancellationToken ct) =>
        SetWeekAsync(erogatoreId, [new WeekdayHours(day, opens, closes)], by, ct);

    /// <summary>The weekly hours in one step (all or nothing); the agenda from tomorrow on follows them.</summary>
    public async Task SetWeekAsync(string erogatoreId, IReadOnlyList<WeekdayHours> week, Actor by, CancellationToken ct)
    {
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        foreach (var day in week)
        {
            erogatore.SetOpeningHours(day.Day, day.Opens, day.Closes, Now(by));
        }

        DeleteRemoved<OpeningHours>();
        await ReplanAgendaAsync(erogatore, ct);
        await CommitAsync(ct, "orari modificati nel frattempo da un altro operatore: riprovare");
    }

    /// <summary>A new slot length for a service the erogatore offers; the agenda from tomorrow on follows it.</summary>
    public async Task SetSlotLengthAsync(string erogatoreId, string serviceCode, int slotMinutes, Actor by, CancellationToken ct)
    {
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        _ = erogatore.SlotMinutesOf(serviceCode);
        erogatore.Offer(serviceCode, branche, Now(by), slotMinutes);
        await ReplanAgendaAsync(erogatore, ct);
        await CommitAsync(ct, "agenda modificata nel frattempo da un altro operatore: riprovare");
    }

    /// <summary>A closure; refused while appointments are booked in it (they are moved first).</summary>
    public async Task CloseAsync(string erogatoreId, DateOnly from, DateOnly to, string reason, Actor by, CancellationToken ct)
    {
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        int booked = await Db.Set<Booking>().CountAsync(b => b.ErogatoreId == erogatoreId && b.Status == BookingStatus.Booked && b.Date >= from && b.Date <= to, ct);
        if (booked > 0)
        {
            throw new CareRuleException($"dal {from:dd/MM/yyyy} al {to:dd/MM/yyyy} l'erogatore {erogatoreId} ha {booked} prenotazioni: prima vanno spostate");
        }

        erogatore.Close(from, to, reason, Now(by));
        await CommitAsync(ct);
    }

    /// <summary>Withdraws a closure: its days offer their slots again (free-slot searches skip closed days, they never delete slots).</summary>
    public async Task ReopenAsync(string erogatoreId, DateOnly closureFrom, Actor by, CancellationToken ct)
    {
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        erogatore.Reopen(closureFrom, Now(by));
        DeleteRemoved<Closure>();
        await CommitAsync(ct);
    }

    /// <summary>
    /// Free slots from tomorrow on that no longer fit the hours or the service's slot length are withdrawn,
    /// and the hours are filled again up to the agenda's last day; a slot with any booking stays as it is.
    /// </summary>
    private async Task ReplanAgendaAsync(Erogatore erogatore, CancellationToken ct)
    {
        var from = Today.AddDays(1);
        var slots = await Db.Set<AgendaSlot>().Where(s => s.ErogatoreId == erogatore.Id && s.Date >= from).ToListAsync(ct);
        var used = (await Db.Set<Booking>()
            .Where(b => Db.Set<AgendaSlot>().Any(s => s.Id == b.SlotId && s.ErogatoreId == erogatore.Id && s.Date >= from)).Select(b => b.SlotId).ToListAsync(ct)).ToHashSet();
        foreach (var service in slots.GroupBy(s => s.ServiceCode, StringComparer.Ordinal))
        {
            var planned = erogatore.Offers(service.Key) && erogatore.OpeningHours.Count > 0
                ? AgendaSlot.OpenFromHours(erogatore, service.Key, from, service.Max(s => s.Date), service.Max(s => s.Capacity)).ToList()
                : [];
            var plannedKeys = planned.Select(s => (s.Date, s.Start, s.DurationMinutes)).ToHashSet();
            var kept = service.Where(s => used.Contains(s.Id) || (erogatore.OpeningHours.Count == 0 ? erogatore.ClosedBecause(s.Date) is null : plannedKeys.Contains((s.Date, s.Start, s.DurationMinutes)))).ToList();
            Db.RemoveRange(service.Except(kept));
            var keptStarts = kept.Select(s => (s.Date, s.Start)).ToHashSet();
            Db.AddRange(planned.Where(s => !keptStarts.Contains((s.Date, s.Start))));
        }
    }

    /// <summary>Hours and closures taken out of the aggregate are deleted, not left without their erogatore.</summary>
    private void DeleteRemoved<T>()
        where T : class
    {
        Db.ChangeTracker.DetectChanges();
        foreach (var entry in Db.ChangeTracker.Entries<T>().Where(e => e.State == EntityState.Modified && e.Property("erogatore_id").CurrentValue is null).ToList())
        {
            entry.State = EntityState.Deleted;
        }
    }

    /// <summary>
    /// Opens slots on the erogatore's open days, at the given times, or filling its opening hours
    /// with the service's slot length when no times are given; slots that already exist are left as they are.
    /// </summary>
    public async Task<int> OpenAgendaAsync(string erogatoreId, string serviceCode, DateOnly from, DateOnly to, IReadOnlyList<TimeOnly> times, int durationMinutes, int capacity, CancellationToken ct)
    {
        if (to < from || to.DayNumber - from.DayNumber > 366)
        {
            throw new CareRuleException($"periodo dell'agenda non valido ({from:dd/MM/yyyy}–{to:dd/MM/yyyy}; al massimo un anno)");
        }

        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        var existing = (await Db.Set<AgendaSlot>()
            .Where(s => s.ErogatoreId == erogatoreId && s.ServiceCode == serviceCode && s.Date >= from && s.Date <= to)
            .Select(s => new { s.Date, s.Start }).ToListAsync(ct))
            .Select(s => (s.Date, s.Start)).ToHashSet();
        var planned = times.Count == 0
            ? AgendaSlot.OpenFromHours(erogatore, serviceCode, from, to, capacity)
            : AgendaSlot.OpenWorkingDays(erogatore, serviceCode, from, to, times, durationMinutes, capacity);
        var slots = planned.Where(s => !existing.Contains((s.Date, s.Start))).ToList();
        Db.AddRange(slots);
        await CommitAsync(ct, "agenda modificata nel frattempo da un altro operatore: riprovare");
        return slots.Count;
    }

    /// <summary>Slots with free seats for a service, from erogatori with an agreement with the Gestore.</summary>
    public async Task<IReadOnlyList<FreeSlot>> FreeSlotsAsync(string serviceCode, string gestoreId, DateOnly from, DateOnly to, int limit, CancellationToken ct) =>
        (await FreeSlotsAsync([serviceCode], gestoreId, from, to, limit, ct)).GetValueOrDefault(serviceCode, []);

    /// <summary>
    /// The Centro Servizi's search: one page of the free slots of a service over a date range across
    /// the Gestore's network, earliest first, then by site; one more is read to tell whether a next page exists.
    /// </summary>
    public async Task<SlotSearchPage> SearchSlotsAsync(string serviceCode, string gestoreId, DateOnly from, DateOnly to, int page, int pageSize, CancellationToken ct)
    {
        if (to < from)
        {
            throw new CareRuleException($"intervallo di ricerca non valido: {from:dd/MM/yyyy}–{to:dd/MM/yyyy}");
        }

        page = Math.Max(page, 1);
        var rows = (await FreeSlotsAsync([serviceCode], gestoreId, from, to, (page * pageSize) + 1, ct)).GetValueOrDefault(serviceCode, []);
        return new SlotSearchPage(rows.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, rows.Count > page * pageSize);
    }

    /// <summary>The first free slots of each service, in one query (the patient file lists every service of the PAI).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<FreeSlot>>> FreeSlotsAsync(IReadOnlyCollection<string> serviceCodes, string gestoreId, DateOnly from, DateOnly to, int limit, CancellationToken ct)
    {
        // Only erogatori that still offer the service, on days they are not closed.
        var partners = Db.Set<Erogatore>().Where(e => e.Agreements.Any(a => a.GestoreId == gestoreId)).Select(e => e.Id);
        var perService = serviceCodes.Distinct().Select(code => Db.Set<AgendaSlot>().AsNoTracking()
            .Where(s => s.ServiceCode == code && partners.Contains(s.ErogatoreId) && s.Date >= from && s.Date <= to)
            .Where(s => Db.Set<OfferedService>().Any(o => EF.Property<string>(o, "erogatore_id") == s.ErogatoreId && o.Code == code))
            .Where(s => !Db.Set<Closure>().Any(c => EF.Property<string>(c, "erogatore_id") == s.ErogatoreId && c.From <= s.Date && c.To >= s.Date))
            .Select(s => new
            {
                Slot = s,
                Taken = Db.Set<Booking>().Count(b => b.SlotId == s.Id && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.Delivered)),
            })
            .Where(x => x.Taken < x.Slot.Capacity)
            .OrderBy(x => x.Slot.Date).ThenBy(x => x.Slot.Start).ThenBy(x => x.Slot.ErogatoreId).ThenBy(x => x.Slot.Id)
            .Take(limit)
            .Select(x => new { x.Slot.Id, x.Slot.ErogatoreId, x.Slot.ServiceCode, x.Slot.Date, x.Slot.Start, x.Slot.Capacity, x.Taken })).ToList();
        var rows = perService.Count == 0 ? [] : await perService.Aggregate((a, b) => a.Concat(b)).ToListAsync(ct);
        var slots = rows.Select(x => new FreeSlot(x.Id, x.ErogatoreId, x.ServiceCode, x.Date, x.Start, x.Capacity, x.Capacity - x.Taken));
        return slots.GroupBy(s => s.ServiceCode, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<FreeSlot>)g.OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.ErogatoreId, StringComparer.Ordinal).ThenBy(s => s.SlotId).ToList(),
            StringComparer.Ordinal);
    }
}
