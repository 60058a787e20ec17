using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.Data;

namespace Territorio.CareManagement.Application.Network;

/// <summary>A slot with its free seats, as a booking screen lists it.</summary>
public sealed record FreeSlot(long SlotId, string ErogatoreId, string ServiceCode, DateOnly Date, TimeOnly Start, int Capacity, int Free);

/// <summary>The Gestore's network: erogatori, agreements, services offered and agendas.</summary>
public sealed class NetworkService(TerritorioDbContext db, TimeProvider clock) : CareService(db, clock)
{
    public async Task<Erogatore> RegisterAsync(string id, string name, string ats, IReadOnlyList<string> services, Actor by, CancellationToken ct)
    {
        var erogatore = Erogatore.Register(id, name, ats, Now(by));
        foreach (var code in services)
        {
            erogatore.Offer(code, Now(by));
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

    public async Task OfferAsync(string erogatoreId, string serviceCode, Actor by, CancellationToken ct)
    {
        var erogatore = await ErogatoreAsync(erogatoreId, ct);
        erogatore.Offer(serviceCode, Now(by));
        await CommitAsync(ct);
    }

    /// <summary>Opens slots on working days; slots that already exist are left as they are.</summary>
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
        var slots = AgendaSlot.OpenWorkingDays(erogatore, serviceCode, from, to, times, durationMinutes, capacity)
            .Where(s => !existing.Contains((s.Date, s.Start))).ToList();
        Db.AddRange(slots);
        await CommitAsync(ct, "agenda modificata nel frattempo da un altro operatore: riprovare");
        return slots.Count;
    }

    /// <summary>Slots with free seats for a service, from erogatori with an agreement with the Gestore.</summary>
    public async Task<IReadOnlyList<FreeSlot>> FreeSlotsAsync(string serviceCode, string gestoreId, DateOnly from, DateOnly to, int limit, CancellationToken ct) =>
        (await FreeSlotsAsync([serviceCode], gestoreId, from, to, limit, ct)).GetValueOrDefault(serviceCode, []);

    /// <summary>The first free slots of each service, in one query (the patient file lists every service of the PAI).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<FreeSlot>>> FreeSlotsAsync(IReadOnlyCollection<string> serviceCodes, string gestoreId, DateOnly from, DateOnly to, int limit, CancellationToken ct)
    {
        var partners = Db.Set<Erogatore>().Where(e => e.Agreements.Any(a => a.GestoreId == gestoreId)).Select(e => e.Id);
        var perService = serviceCodes.Distinct().Select(code => Db.Set<AgendaSlot>().AsNoTracking()
            .Where(s => s.ServiceCode == code && partners.Contains(s.ErogatoreId) && s.Date >= from && s.Date <= to)
            .Select(s => new
            {
                Slot = s,
                Taken = Db.Set<Booking>().Count(b => b.SlotId == s.Id && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.Delivered)),
            })
            .Where(x => x.Taken < x.Slot.Capacity)
            .OrderBy(x => x.Slot.Date).ThenBy(x => x.Slot.Start).ThenBy(x => x.Slot.Id)
            .Take(limit)
            .Select(x => new { x.Slot.Id, x.Slot.ErogatoreId, x.Slot.ServiceCode, x.Slot.Date, x.Slot.Start, x.Slot.Capacity, x.Taken })).ToList();
        var rows = perService.Count == 0 ? [] : await perService.Aggregate((a, b) => a.Concat(b)).ToListAsync(ct);
        var slots = rows.Select(x => new FreeSlot(x.Id, x.ErogatoreId, x.ServiceCode, x.Date, x.Start, x.Capacity, x.Capacity - x.Taken));
        return slots.GroupBy(s => s.ServiceCode, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<FreeSlot>)g.OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.SlotId).ToList(),
            StringComparer.Ordinal);
    }
}
