using System.CommandLine;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using static Territorio.Cli.Features.Care.CareCli;

namespace Territorio.Cli.Features.Care;

/// <summary><c>territorio gestori …</c>: Gestori, candidatures, eligible lists, erogatori and agendas.</summary>
public static class GestoriCommands
{
    public static Command Build(CliEnvironment env)
    {
        var id = Required("--id", "Codice del Gestore.");
        var name = Required("--nome", "Denominazione.");
        var kind = new Option<string>("--tipo") { Description = "Tipo: asst, privato (erogatore privato accreditato) o cooperativa (cooperativa di MMG).", Required = true };
        kind.AcceptOnlyFromAmong("asst", "privato", "cooperativa");
        var ats = Required("--ats", "Codice dell'ATS.");
        var add = Command(env, "add", "Registra un Gestore (operatore ATS).", [id, name, kind, ats], async (p, by, s, ct) =>
        {
            var gestore = await s.Gestori.RegisterAsync(p.GetValue(id)!, p.GetValue(name)!, Kind(p.GetValue(kind)!), p.GetValue(ats)!, by.Ats(p.GetValue(ats)!), ct);
            env.Output.WriteLine($"Gestore {gestore.Name} ({gestore.Id}) registrato ({GestoreKinds.Italian(gestore.Kind)}, {s.Catalogues.AtsLabel(gestore.Ats)})");
            return ExitCodes.Ok;
        });

        var gestoreId = Required("--gestore", "Codice del Gestore.");
        var level = Level();
        var candidate = Command(env, "candidate", "Presenta la candidatura del Gestore a un'ATS per un livello (responsabile del Gestore).", [gestoreId, ats, level], async (p, by, s, ct) =>
        {
            await s.Gestori.ApplyAsync(p.GetValue(gestoreId)!, p.GetValue(ats)!, p.GetValue(level), by.ClinicalManager(p.GetValue(gestoreId)!), ct);
            env.Output.WriteLine($"candidatura del Gestore {p.GetValue(gestoreId)} all'{s.Catalogues.AtsLabel(p.GetValue(ats)!)} per il livello {p.GetValue(level)} presentata");
            return ExitCodes.Ok;
        });

        // Refusing needs a reason (the care rules refuse it otherwise): required there, optional to approve.
        Command Decide(string verb, bool approve, string description, Option<string?> reason) => Command(env, verb, description, [gestoreId, ats, level, reason], async (p, by, s, ct) =>
        {
            await s.Gestori.DecideAsync(p.GetValue(gestoreId)!, p.GetValue(ats)!, p.GetValue(level), approve, by.Ats(p.GetValue(ats)!), p.GetValue(reason), ct);
            env.Output.WriteLine($"candidatura del Gestore {p.GetValue(gestoreId)} per l'{s.Catalogues.AtsLabel(p.GetValue(ats)!)} al livello {p.GetValue(level)} {(approve ? "approvata" : "respinta")}");
            return ExitCodes.Ok;
        });

        var optionalLevel = Level(required: false);
        var list = Query(env, "list", "Elenco dei Gestori idonei di un'ATS, per livello.", [ats, optionalLevel], async (p, _, s, ct) =>
        {
            int? only = p.GetResult(optionalLevel) is null ? null : p.GetValue(optionalLevel);
            var eligible = await s.Gestori.EligibleAsync(p.GetValue(ats)!, only, ct);
            env.Output.WriteLine("gestore\tnome\ttipo\tlivelli");
            foreach (var g in eligible)
            {
                env.Output.WriteLine($"{g.Id}\t{g.Name}\t{GestoreKinds.Italian(g.Kind)}\t{string.Join(',', g.Levels)}");
            }

            return ExitCodes.Ok;
        });

        var pending = Query(env, "pending", "Candidature in attesa di decisione dell'ATS.", [ats], async (p, _, s, ct) =>
        {
            foreach (var c in await s.Gestori.PendingCandidaturesAsync(p.GetValue(ats)!, ct))
            {
                env.Output.WriteLine($"{c.GestoreId}\tlivello {c.Level}\tpresentata il {Italian.Date(c.SubmittedOn)}");
            }

            return ExitCodes.Ok;
        });

        var services = Required("--prestazioni", "Codici del nomenclatore offerti, separati da virgola (es. 89.01,89.52).");
        var partner = Optional("--gestore", "Gestore con cui l'erogatore ha un accordo (dal giorno indicato in --dal, oggi se assente).");
        var from = Optional("--dal", "Inizio dell'accordo (AAAA-MM-GG).");
        var branche = Optional("--branche", "Branche specialistiche per cui l'ATS ha accreditato l'erogatore, codici separati da virgola (es. 02,11; data/care/branche.csv); se assente, quelle delle prestazioni offerte.");
        var erogatore = Command(env, "erogatore-add", "Registra un erogatore della rete con le branche accreditate, le prestazioni offerte (solo di quelle branche) e, se indicato, l'accordo con un Gestore.", [id, name, ats, services, branche, partner, from], async (p, by, s, ct) =>
        {
            var codes = p.GetValue(services)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = codes.FirstOrDefault(c => !s.Catalogues.Vocabulary.Services.ContainsKey(c));
            if (unknown is not null)
            {
                throw new UsageException($"--prestazioni: {unknown} non è nel nomenclatore (data/care/nomenclatore_prestazioni.csv)");
            }

            var accredited = p.GetValue(branche) is { } listed ? BrancheCodes(listed) : s.Network.BrancheOf(codes);
            await s.Network.RegisterAsync(p.GetValue(id)!, p.GetValue(name)!, p.GetValue(ats)!, accredited, codes, by.Ats(p.GetValue(ats)!), ct);
            if (p.GetValue(partner) is { } g)
            {
                await s.Network.SignAgreementAsync(p.GetValue(id)!, g, Date(p.GetValue(from), "--dal") ?? CareCli.Today, null, by.ClinicalManager(g), ct);
            }

            env.Output.WriteLine($"erogatore {p.GetValue(id)} registrato con {codes.Length} prestazioni");
            return ExitCodes.Ok;
        });

        var erogatoreId = Required("--erogatore", "Codice dell'erogatore.");
        var service = Required("--prestazione", "Codice della prestazione.");
        var to = Required("--al", "Ultimo giorno (AAAA-MM-GG).");
        var fromRequired = Required("--dal", "Primo giorno (AAAA-MM-GG).");
        var times = Optional("--orari", "Orari degli slot, separati da virgola (es. 09:00,09:30); se assente, gli slot riempiono l'orario di apertura con la durata della prestazione.");
        var duration = new Option<int>("--durata") { Description = "Durata di uno slot in minuti.", DefaultValueFactory = _ => 20 };
        var capacity = new Option<int>("--capienza") { Description = "Pazienti per slot.", DefaultValueFactory = _ => 1 };
        var agenda = Command(env, "agenda", "Apre gli slot di un'agenda nei giorni di apertura (mai nelle festività nazionali né nelle chiusure).", [erogatoreId, service, fromRequired, to, times, duration, capacity], async (p, _, s, ct) =>
        {
            var slotTimes = (p.GetValue(times) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => Time(t, "--orari")!.Value).ToList();
            int opened = await s.Network.OpenAgendaAsync(p.GetValue(erogatoreId)!, p.GetValue(service)!, Date(p.GetValue(fromRequired), "--dal")!.Value,
                Date(p.GetValue(to), "--al")!.Value, slotTimes, p.GetValue(duration), p.GetValue(capacity), ct);
            env.Output.WriteLine($"{Italian.Number(opened)} slot aperti");
            return ExitCodes.Ok;
        });

        var accreditedBranche = Required("--branche", "Branche specialistiche accreditate, codici separati da virgola (es. 02,11; data/care/branche.csv): sostituiscono le precedenti.");
        var accredit = Command(env, "erogatore-branche", "L'ATS registra le branche specialistiche per cui l'erogatore è accreditato.", [erogatoreId, ats, accreditedBranche], async (p, by, s, ct) =>
        {
            await s.Network.AccreditAsync(p.GetValue(erogatoreId)!, BrancheCodes(p.GetValue(accreditedBranche)!), by.Ats(p.GetValue(ats)!), ct);
            env.Output.WriteLine($"branche dell'erogatore {p.GetValue(erogatoreId)} registrate");
            return ExitCodes.Ok;
        });
        var slotLength = new Option<int>("--durata") { Description = "Durata di uno slot della prestazione in minuti.", DefaultValueFactory = _ => OfferedService.DefaultSlotMinutes };
        var withdraw = new Option<bool>("--ritira") { Description = "Ritira la prestazione invece di offrirla (rifiutato finché ne restano appuntamenti prenotati da oggi in poi)." };
        var offer = Command(env, "erogatore-prestazione", "L'erogatore pubblica una prestazione che offre (solo delle branche per cui è accreditato), o la ritira con --ritira.", [erogatoreId, service, slotLength, withdraw], async (p, by, s, ct) =>
        {
            string code = p.GetValue(service)!.Trim();
            if (p.GetValue(withdraw))
            {
                int removed = await s.Network.WithdrawAsync(p.GetValue(erogatoreId)!, code, by.Erogatore(p.GetValue(erogatoreId)!), ct);
                env.Output.WriteLine($"prestazione {s.Network.Branche.ServiceLabel(code)} ritirata dall'erogatore {p.GetValue(erogatoreId)}: {Italian.Number(removed)} slot liberi tolti dall'agenda");
                return ExitCodes.Ok;
            }

            if (!s.Catalogues.Vocabulary.Services.ContainsKey(code))
            {
                throw new UsageException($"--prestazione: {code} non è nel nomenclatore (data/care/nomenclatore_prestazioni.csv)");
            }

            await s.Network.OfferAsync(p.GetValue(erogatoreId)!, code, p.GetValue(slotLength), by.Erogatore(p.GetValue(erogatoreId)!), ct);
            env.Output.WriteLine($"prestazione {s.Network.Branche.ServiceLabel(code)} offerta dall'erogatore {p.GetValue(erogatoreId)}");
            return ExitCodes.Ok;
        });

        var weekday = Required("--giorno", "Giorno della settimana (lunedì … domenica).");
        var opens = Optional("--apertura", "Ora di apertura (HH:mm); assente con --chiusura assente: giorno di chiusura.");
        var closes = Optional("--chiusura", "Ora di chiusura (HH:mm).");
        var hours = Command(env, "erogatore-orario", "Orario di apertura di un erogatore in un giorno della settimana.", [erogatoreId, weekday, opens, closes], async (p, by, s, ct) =>
        {
            var day = Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(d => string.Equals(ItalianDays.Name(d!.Value), p.GetValue(weekday)!.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--giorno: '{p.GetValue(weekday)}' non è un giorno della settimana (lunedì … domenica)");
            await s.Network.SetOpeningHoursAsync(p.GetValue(erogatoreId)!, day, Time(p.GetValue(opens), "--apertura"), Time(p.GetValue(closes), "--chiusura"), by.Erogatore(p.GetValue(erogatoreId)!), ct);
            env.Output.WriteLine($"orario di {ItalianDays.Name(day)} registrato per l'erogatore {p.GetValue(erogatoreId)}");
            return ExitCodes.Ok;
        });
        var closureFrom = Required("--dal", "Primo giorno di chiusura (AAAA-MM-GG).");
        var closureTo = Required("--al", "Ultimo giorno di chiusura (AAAA-MM-GG).");
        var closureReason = Required("--motivo", "Motivo (ferie, lavori, santo patrono …).");
        var closure = Command(env, "erogatore-chiusura", "Chiusura di un erogatore: nessuno slot in quei giorni (rifiutata se vi sono prenotazioni da spostare).", [erogatoreId, closureFrom, closureTo, closureReason], async (p, by, s, ct) =>
        {
            await s.Network.CloseAsync(p.GetValue(erogatoreId)!, Date(p.GetValue(closureFrom), "--dal")!.Value, Date(p.GetValue(closureTo), "--al")!.Value, p.GetValue(closureReason)!, by.Erogatore(p.GetValue(erogatoreId)!), ct);
            env.Output.WriteLine($"chiusura registrata per l'erogatore {p.GetValue(erogatoreId)}");
            return ExitCodes.Ok;
        });

        var mmg = Required("--mmg", "Codice del medico di medicina generale.");
        var memberFrom = Optional("--dal", "Dal giorno (AAAA-MM-GG; oggi se assente).");
        var memberTo = Optional("--al", "Ultimo giorno di adesione (AAAA-MM-GG; oggi se assente).");
        var memberAdd = Command(env, "member-add", "Registra un MMG associato alla cooperativa Gestore (riceve la quota dell'8% dei suoi assistiti).", [gestoreId, mmg, memberFrom, ats], async (p, by, s, ct) =>
        {
            var member = await s.Gestori.AddMemberAsync(p.GetValue(gestoreId)!, p.GetValue(mmg)!, Date(p.GetValue(memberFrom), "--dal"), by.Ats(p.GetValue(ats)!), ct);
            env.Output.WriteLine($"MMG {member.MmgId} associato alla cooperativa {member.GestoreId} dal {Italian.Date(member.Since)}");
            return ExitCodes.Ok;
        });
        var memberRemove = Command(env, "member-remove", "Registra il recesso di un MMG dalla cooperativa.", [gestoreId, mmg, memberTo, ats], async (p, by, s, ct) =>
        {
            await s.Gestori.RemoveMemberAsync(p.GetValue(gestoreId)!, p.GetValue(mmg)!, Date(p.GetValue(memberTo), "--al"), by.Ats(p.GetValue(ats)!), ct);
            env.Output.WriteLine($"MMG {p.GetValue(mmg)} non più associato alla cooperativa {p.GetValue(gestoreId)}");
            return ExitCodes.Ok;
        });
        var members = Query(env, "members", "MMG associati alla cooperativa, con le date di adesione.", [gestoreId], async (p, _, s, ct) =>
        {
            env.Output.WriteLine("mmg	dal	al");
            foreach (var m in await s.Gestori.MembersAsync(p.GetValue(gestoreId)!, ct))
            {
                env.Output.WriteLine($"{m.MmgId}	{Italian.Date(m.Since)}	{(m.Until is { } until ? Italian.Date(until) : "")}");
            }

            return ExitCodes.Ok;
        });

        return new Command("gestori", "Gestori della presa in carico: candidature, idoneità per ATS e livello, rete di erogatori e agende.")
        {
            add, candidate, memberAdd, memberRemove, members,
            Decide("approve", true, "L'ATS approva una candidatura.", Optional("--motivo", "Motivazione della decisione (registrata nello storico).")),
            Decide("reject", false, "L'ATS respinge una candidatura (con --motivo).", RequiredReason()),
            list, pending, erogatore, accredit, offer, agenda, hours, closure,
        };
    }

    private static string[] BrancheCodes(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static GestoreKind Kind(string text) => text switch
    {
        "asst" => GestoreKind.Asst,
        "privato" => GestoreKind.PrivatoAccreditato,
        _ => GestoreKind.CooperativaMmg,
    };
}
