using Territorio.CareManagement.Common;

namespace Territorio.CareManagement.Network;

/// <summary>
/// A provider of the Gestore's network: it delivers PAI services under agreements with Gestori
/// (DGR X/6164/2017 allegato 1, "rete di erogatori") and publishes agendas of slots.
/// </summary>
public sealed class Erogatore : AggregateRoot
{
    private readonly List<Agreement> _agreements = [];
    private readonly List<OfferedService> _services = [];
    private readonly List<OpeningHours> _openingHours = [];
    private readonly List<Closure> _closures = [];

    private Erogatore()
    {
        Id = Name = Ats = "";
    }

    public string Id { get; private set; }

    public string Name { get; private set; }

    public string Ats { get; private set; }

    public IReadOnlyList<Agreement> Agreements => _agreements;

    public IReadOnlyList<OfferedService> Services => _services;

    /// <summary>Opening hours per weekday; a weekday without hours is closed.</summary>
    public IReadOnlyList<OpeningHours> OpeningHours => _openingHours;

    public IReadOnlyList<Closure> Closures => _closures;

    /// <summary>Codes of the branche specialistiche the ATS accredited the erogatore for, "|"-separated as stored ("" until recorded).</summary>
    public string AccreditedBranche { get; private set; } = "";

    /// <summary>Codes of the branche specialistiche the erogatore is accredited for, in code order.</summary>
    public IReadOnlyList<string> Branche => AccreditedBranche.Length == 0 ? [] : AccreditedBranche.Split('|');

    protected override string AuditId => Id;

    protected override string? AuditPatientId => null;

    public static Erogatore Register(string id, string name, string ats, Change change)
    {
        var erogatore = new Erogatore { Id = Guard.Text(id, "codice dell'erogatore"), Name = Guard.Text(name, "nome dell'erogatore"), Ats = Guard.Text(ats, "ATS") };
        erogatore.Record("registrato", change, $"ATS {ats}");
        return erogatore;
    }

    /// <summary>Territorio's own rule: the ATS's registry names the erogatore (its code never changes); only the ATS renames.</summary>
    public void Rename(string name, Change change)
    {
        Guard.Role(change, "nome dell'erogatore", ActorRole.Ats, ActorRole.System);
        string renamed = Guard.Text(name, "nome dell'erogatore");
        if (renamed != Name)
        {
            Record("nome cambiato", change, $"{Name} → {renamed}");
            Name = renamed;
        }
    }

    public void SignAgreement(string gestoreId, DateOnly from, DateOnly? to, Change change)
    {
        Guard.Role(change, "accordo con il Gestore", ActorRole.ClinicalManager, ActorRole.System);
        if (to < from)
        {
            throw new CareRuleException($"accordo con il Gestore {gestoreId}: la fine ({to}) precede l'inizio ({from})");
        }

        if (_agreements.Any(a => a.GestoreId == gestoreId && a.Overlaps(from, to)))
        {
            throw new CareRuleException($"l'erogatore {Id} ha già un accordo con il Gestore {gestoreId} in quel periodo");
        }

        _agreements.Add(new Agreement(gestoreId, from, to));
        Record("accordo firmato", change, $"Gestore {gestoreId} dal {from:yyyy-MM-dd}");
    }

    /// <summary>
    /// Records the branche specialistiche the erogatore is accredited for (the ATS's act, audited), replacing
    /// the earlier ones. A branca still needed by a service it offers cannot be withdrawn: the service goes first.
    /// </summary>
    public void Accredit(IEnumerable<string> brancheCodes, BrancheCatalogue catalogue, Change change)
    {
        Guard.Role(change, "branche accreditate dell'erogatore", ActorRole.Ats, ActorRole.System);
        var codes = brancheCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (codes.FirstOrDefault(c => catalogue.Find(c) is null) is { } unknown)
        {
            throw new CareRuleException($"branca {unknown} sconosciuta: le branche sono quelle della tabella delle branche specialistiche ({catalogue.Version})");
        }

        if (_services.FirstOrDefault(s => !catalogue.Allows(codes, s.Code)) is { } orphan)
        {
            throw new CareRuleException($"l'erogatore {Name} ({Id}) offre {catalogue.ServiceLabel(orphan.Code)}: senza {Without(catalogue.Of(orphan.Code))} non potrebbe più offrirla");
        }

        string accredited = string.Join('|', codes);
        if (accredited != AccreditedBranche)
        {
            AccreditedBranche = accredited;
            Record("branche accreditate", change, codes.Count == 0 ? "nessuna" : string.Join(", ", codes.Select(c => catalogue.Find(c)!.Label)));
        }
    }

    /// <summary>Publishes a service (nomenclator code) with the length of its slots; offering it again changes the length.</summary>
    public void Offer(string serviceCode, BrancheCatalogue catalogue, Change change, int slotMinutes = OfferedService.DefaultSlotMinutes)
    {
        if (slotMinutes is < 5 or > 480)
        {
            throw new CareRuleException($"durata dello slot della prestazione {serviceCode} non valida: {slotMinutes} minuti (da 5 a 480)");
        }

        // Territorio's own rule: a slot that fits in no open day would leave the service without an agenda.
        if (_openingHours.Count > 0 && slotMinutes > _openingHours.Max(h => h.Minutes))
        {
            throw new CareRuleException($"lo slot di {slotMinutes} minuti della prestazione {serviceCode} è più lungo dell'apertura di ogni giorno (al massimo {_openingHours.Max(h => h.Minutes)} minuti)");
        }

        var existing = _services.FirstOrDefault(s => s.Code == serviceCode);
        if (existing is not null)
        {
            if (existing.SlotMinutes != slotMinutes)
            {
                existing.SlotMinutes = slotMinutes;
                Record("durata slot cambiata", change, $"{serviceCode}: {slotMinutes} minuti");
            }

            return;
        }

        if (WhyNotAccreditedFor(serviceCode, catalogue) is { } refusal)
        {
            throw new CareRuleException(refusal);
        }

        _services.Add(new OfferedService(Guard.Text(serviceCode, "codice prestazione"), slotMinutes));
        Record("prestazione offerta", change, $"{serviceCode}, slot di {slotMinutes} minuti");
    }

    /// <summary>
    /// Stops offering a service (the erogatore or the ATS), so that an accreditation can narrow after it.
    /// Territorio's own rule (decision 0268): appointments already booked from today on are never dropped
    /// silently; while any is left the withdrawal is refused, listing them, and they are moved or cancelled first.
    /// </summary>
    public void Withdraw(string serviceCode, BrancheCatalogue catalogue, IReadOnlyList<string> bookedAhead, Change change)
    {
        Guard.Role(change, "ritiro di una prestazione offerta", ActorRole.Erogatore, ActorRole.Ats, ActorRole.System);
        var offered = _services.FirstOrDefault(s => s.Code == serviceCode)
            ?? throw new CareRuleException($"l'erogatore {Name} ({Id}) non offre la prestazione {catalogue.ServiceLabel(serviceCode)}");
        if (bookedAhead.Count > 0)
        {
            throw new CareRuleException($"la prestazione {catalogue.ServiceLabel(serviceCode)} ha {(bookedAhead.Count == 1 ? "un appuntamento prenotato" : $"{bookedAhead.Count} appuntamenti prenotati")} "
                + $"da oggi in poi presso l'erogatore {Name} ({Id}): {string.Join("; ", bookedAhead)}. Prima {(bookedAhead.Count == 1 ? "va spostato o annullato" : "vanno spostati o annullati")}");
        }

        _services.Remove(offered);
        Record("prestazione ritirata", change, catalogue.ServiceLabel(serviceCode));
    }

    /// <summary>
    /// Why the erogatore may not offer a service, or null when it may. Territorio's own rule, derived from
    /// accreditation (LR 33/2009 art.15, as amended by LR 23/2015): an accredited erogatore delivers for the
    /// regional health service only the services of the branche specialistiche it is accredited for.
    /// </summary>
    public string? WhyNotAccreditedFor(string serviceCode, BrancheCatalogue catalogue)
    {
        var branche = catalogue.Of(serviceCode);
        if (branche.Count == 0)
        {
            return $"la prestazione {catalogue.ServiceLabel(serviceCode)} non appartiene a nessuna branca della tabella delle branche specialistiche ({catalogue.Version}): non può essere offerta";
        }

        if (Branche.Count == 0)
        {
            return $"l'erogatore {Name} ({Id}) non ha branche accreditate registrate: l'ATS deve registrarle prima che possa offrire {catalogue.ServiceLabel(serviceCode)}";
        }

        return branche.Any(b => Branche.Contains(b.Code)) ? null
            : $"l'erogatore {Name} ({Id}) non è accreditato {For(branche)}: non può offrire {catalogue.ServiceLabel(serviceCode)}";
    }

    private static string For(IReadOnlyList<Branca> branche) =>
        branche.Count == 1 ? $"per la branca {branche[0].Name}" : $"per nessuna delle branche {string.Join(", ", branche.Select(b => b.Name))}";

    private static string Without(IReadOnlyList<Branca> branche) =>
        branche.Count == 0 ? "una branca della tabella" : branche.Count == 1 ? $"la branca {branche[0].Name}" : $"una delle branche {string.Join(", ", branche.Select(b => b.Name))}";

    /// <summary>Sets the hours of one weekday (replacing earlier ones); null hours close that weekday.</summary>
    public void SetOpeningHours(DayOfWeek day, TimeOnly? opens, TimeOnly? closes, Change change)
    {
        OpeningHours? hours = null;
        if (opens is not null && closes is not null)
        {
            if (closes <= opens)
            {
                throw new CareRuleException($"orario di {ItalianDays.Name(day)} non valido: la chiusura ({closes:HH\\:mm}) deve seguire l'apertura ({opens:HH\\:mm})");
            }

            hours = new OpeningHours(day, opens.Value, closes.Value);
        }

        // Territorio's own rule: every offered service keeps at least one day its slot fits in.
        var week = _openingHours.Where(h => h.Day != day).Append(hours).OfType<OpeningHours>().ToList();
        if (week.Count > 0 && _services.FirstOrDefault(s => s.SlotMinutes > week.Max(h => h.Minutes)) is { } tooLong)
        {
            throw new CareRuleException($"con questo orario di {ItalianDays.Name(day)} lo slot di {tooLong.SlotMinutes} minuti della prestazione {tooLong.Code} non entra in nessun giorno (al massimo {week.Max(h => h.Minutes)} minuti)");
        }

        _openingHours.RemoveAll(h => h.Day == day);
        if (hours is null)
        {
            Record("giorno di chiusura settimanale", change, ItalianDays.Name(day));
            return;
        }

        _openingHours.Add(hours);
        Record("orario di apertura", change, $"{ItalianDays.Name(day)} {opens:HH\\:mm}–{closes:HH\\:mm}");
    }

    /// <summary>A closure (holidays of the staff, works, the patron saint's day): no slots on those days.</summary>
    public void Close(DateOnly from, DateOnly to, string reason, Change change)
    {
        if (to < from)
        {
            throw new CareRuleException($"chiusura non valida: la fine ({to:dd/MM/yyyy}) precede l'inizio ({from:dd/MM/yyyy})");
        }

        // Territorio's own rule: one closure per day, so each closed day has one reason and is reopened in one step.
        if (_closures.FirstOrDefault(c => c.From <= to && c.To >= from) is { } overlapping)
        {
            throw new CareRuleException($"la chiusura dal {from:dd/MM/yyyy} al {to:dd/MM/yyyy} si sovrappone a quella dal {overlapping.From:dd/MM/yyyy} al {overlapping.To:dd/MM/yyyy} ({overlapping.Reason})");
        }

        _closures.Add(new Closure(from, to, Guard.Text(reason, "motivo della chiusura")));
        Record("chiusura", change, $"dal {from:yyyy-MM-dd} al {to:yyyy-MM-dd}: {reason}");
    }

    /// <summary>Withdraws the closure starting on a day (entered by mistake, or the works were called off): its days have slots again.</summary>
    public void Reopen(DateOnly from, Change change)
    {
        var closure = _closures.FirstOrDefault(c => c.From == from)
            ?? throw new CareRuleException($"nessuna chiusura dell'erogatore {Id} inizia il {from:dd/MM/yyyy}");
        _closures.Remove(closure);
        Record("chiusura revocata", change, $"dal {closure.From:yyyy-MM-dd} al {closure.To:yyyy-MM-dd}: {closure.Reason}");
    }

    /// <summary>Why there are no slots on a day (national holiday, closure, weekly closing day), or null when open.</summary>
    public string? ClosedBecause(DateOnly day)
    {
        if (ItalianHolidays.NameOf(day) is { } holiday)
        {
            return $"il {day:dd/MM/yyyy} è festivo ({holiday})";
        }

        if (_closures.FirstOrDefault(c => c.Covers(day)) is { } closure)
        {
            return $"l'erogatore {Id} è chiuso dal {closure.From:dd/MM/yyyy} al {closure.To:dd/MM/yyyy} ({closure.Reason})";
        }

        if (_openingHours.Count == 0 ? day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday : HoursOn(day.DayOfWeek) is null)
        {
            return $"l'erogatore {Id} è chiuso di {ItalianDays.Name(day.DayOfWeek)}";
        }

        return null;
    }

    /// <summary>
    /// Why the erogatore cannot see a patient at a time (closed day, or a slot outside the day's
    /// hours), or null when it can. Territorio's own rule, so that a booking can be kept: it holds
    /// when slots are opened and again when one is booked, since closures and hours may change after.
    /// </summary>
    public string? WhyNoSlotAt(DateOnly date, TimeOnly start, int durationMinutes)
    {
        if (ClosedBecause(date) is { } closed)
        {
            return closed;
        }

        var end = start.AddMinutes(durationMinutes);
        if (HoursOn(date.DayOfWeek) is { } hours && (start < hours.Opens || end > hours.Closes || end < start))
        {
            return $"lo slot delle {start:HH\\:mm} di {durationMinutes} minuti è fuori dall'orario di {ItalianDays.Name(date.DayOfWeek)} ({hours.Opens:HH\\:mm}–{hours.Closes:HH\\:mm})";
        }

        return null;
    }

    /// <summary>The hours of a weekday, or null when closed (or when no hours are published).</summary>
    public OpeningHours? HoursOn(DayOfWeek day) => _openingHours.FirstOrDefault(h => h.Day == day);

    public int SlotMinutesOf(string serviceCode) =>
        _services.FirstOrDefault(s => s.Code == serviceCode)?.SlotMinutes
        ?? throw new CareRuleException($"l'erogatore {Id} non offre la prestazione {serviceCode}");

    public bool HasAgreementWith(string gestoreId, DateOnly on) => _agreements.Any(a => a.GestoreId == gestoreId && a.Covers(on));

    public bool Offers(string serviceCode) => _services.Any(s => s.Code == serviceCode);
}

public sealed class Agreement
{
    private Agreement()
    {
        GestoreId = "";
    }

    internal Agreement(string gestoreId, DateOnly from, DateOnly? to)
    {
        GestoreId = gestoreId;
        From = from;
        To = to;
    }

    public long Id { get; private set; }

    public string GestoreId { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly? To { get; private set; }

    public bool Covers(DateOnly day) => day >= From && (To is null || day <= To);

    public bool Overlaps(DateOnly from, DateOnly? to) =>
        (To is null || from <= To) && (to is null || to >= From);
}

public sealed class OfferedService
{
    private OfferedService()
    {
        Code = "";
    }

    internal OfferedService(string code, int slotMinutes)
    {
        Code = code;
        SlotMinutes = slotMinutes;
    }

    /// <summary>Territorio's default slot when an erogatore publishes no length: a standard outpatient visit.</summary>
    public const int DefaultSlotMinutes = 30;

    public long Id { get; private set; }

    public string Code { get; private set; }

    public int SlotMinutes { get; internal set; }
}

public sealed class OpeningHours
{
    private OpeningHours()
    {
    }

    internal OpeningHours(DayOfWeek day, TimeOnly opens, TimeOnly closes)
    {
        Day = day;
        Opens = opens;
        Closes = closes;
    }

    public long Id { get; private set; }

    public DayOfWeek Day { get; private set; }

    public TimeOnly Opens { get; private set; }

    public TimeOnly Closes { get; private set; }

    public int Minutes => (int)(Closes - Opens).TotalMinutes;
}

public sealed class Closure
{
    private Closure()
    {
        Reason = "";
    }

    internal Closure(DateOnly from, DateOnly to, string reason)
    {
        From = from;
        To = to;
        Reason = reason;
    }

    public long Id { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public string Reason { get; private set; }

    public bool Covers(DateOnly day) => day >= From && day <= To;
}

public static class ItalianDays
{
    public static string Name(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "lunedì",
        DayOfWeek.Tuesday => "martedì",
        DayOfWeek.Wednesday => "mercoledì",
        DayOfWeek.Thursday => "giovedì",
        DayOfWeek.Friday => "venerdì",
        DayOfWeek.Saturday => "sabato",
        _ => "domenica",
    };
}
