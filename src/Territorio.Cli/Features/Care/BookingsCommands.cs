using System.CommandLine;
using Territorio.CareManagement.Bookings;
using static Territorio.Cli.Features.Care.CareCli;

namespace Territorio.Cli.Features.Care;

/// <summary><c>territorio bookings …</c>: the Centro Servizi.</summary>
public static class BookingsCommands
{
    public static Command Build(CliEnvironment env)
    {
        var gestore = Required("--gestore", "Codice del Gestore (Centro Servizi).");
        var service = Required("--prestazione", "Codice della prestazione.");
        var from = Optional("--dal", "Dal giorno (AAAA-MM-GG; oggi se assente).");
        var to = Optional("--al", "Al giorno (AAAA-MM-GG; 60 giorni dopo se assente).");
        var max = new Option<int>("--max") { Description = "Numero massimo di righe.", DefaultValueFactory = _ => 20 };
        var slots = Query(env, "slots", "Slot liberi per una prestazione presso gli erogatori con accordo con il Gestore.", [service, gestore, from, to, max], async (p, _, s, ct) =>
        {
            var start = Date(p.GetValue(from), "--dal") ?? CareCli.Today;
            var free = await s.Network.FreeSlotsAsync(p.GetValue(service)!, p.GetValue(gestore)!, start, Date(p.GetValue(to), "--al") ?? start.AddDays(60), p.GetValue(max), ct);
            env.Output.WriteLine("slot\terogatore\tdata\tora\tposti_liberi");
            foreach (var slot in free)
            {
                env.Output.WriteLine($"{slot.SlotId}\t{slot.ErogatoreId}\t{Italian.Date(slot.Date)}\t{slot.Start:HH\\:mm}\t{slot.Free}/{slot.Capacity}");
            }

            return ExitCodes.Ok;
        });

        var patient = Required("--paziente", "Identificativo del paziente.");
        var slotId = Id("--slot", "Numero dello slot (vedi 'bookings slots').");
        var book = Command(env, "book", "Prenota una prestazione del PAI su uno slot.", [patient, slotId, gestore], async (p, by, s, ct) =>
        {
            var booking = await s.Bookings.BookAsync(p.GetValue(patient)!, p.GetValue(slotId), by.CaseManager(p.GetValue(gestore)!), ct);
            env.Output.WriteLine($"prenotazione n.{booking.Id}: {booking.ServiceCode} il {Italian.Date(booking.Date)} alle {booking.Start:HH\\:mm} presso {booking.ErogatoreId}");
            return ExitCodes.Ok;
        });

        var bookingId = Id("--prenotazione", "Numero della prenotazione.");
        var reason = Optional("--motivo", "Motivazione (registrata nello storico).");
        var requiredReason = RequiredReason();
        var reschedule = Command(env, "reschedule", "Sposta una prenotazione su un altro slot.", [bookingId, slotId, gestore, reason], async (p, by, s, ct) =>
        {
            var booking = await s.Bookings.RescheduleAsync(p.GetValue(bookingId), p.GetValue(slotId), by.CaseManager(p.GetValue(gestore)!), p.GetValue(reason), ct);
            env.Output.WriteLine($"prenotazione n.{booking.Id} spostata al {Italian.Date(booking.Date)} alle {booking.Start:HH\\:mm}");
            return ExitCodes.Ok;
        });
        var cancel = Command(env, "cancel", "Annulla una prenotazione (con --motivo).", [bookingId, gestore, requiredReason], async (p, by, s, ct) =>
        {
            await s.Bookings.CancelAsync(p.GetValue(bookingId), by.CaseManager(p.GetValue(gestore)!), p.GetValue(requiredReason), ct);
            env.Output.WriteLine($"prenotazione n.{p.GetValue(bookingId)} annullata");
            return ExitCodes.Ok;
        });

        var optionalGestore = Optional("--gestore", "Solo le prenotazioni di questo Gestore.");
        var day = Optional("--il", "Giorno di invio (AAAA-MM-GG; oggi se assente).");
        var markSent = new Option<bool>("--segna-inviati") { Description = "Registra i promemoria elencati come inviati." };
        var reminders = Command(env, "reminders", "Promemoria da inviare (appuntamenti nei prossimi giorni), con la data di invio.", [optionalGestore, day, markSent], async (p, by, s, ct) =>
        {
            var due = await s.Bookings.RemindersDueAsync(Date(p.GetValue(day), "--il") ?? CareCli.Today, p.GetValue(optionalGestore), ct);
            env.Output.WriteLine("prenotazione\tpaziente\tinvio\tmessaggio");
            foreach (var reminder in due)
            {
                env.Output.WriteLine($"{reminder.BookingId}\t{reminder.PatientId}\t{Italian.Date(reminder.SendOn)}\t{reminder.Message}");
            }

            if (p.GetValue(markSent) && due.Count > 0)
            {
                await s.Bookings.MarkRemindersSentAsync(due.Select(r => r.BookingId), by.CaseManager(p.GetValue(optionalGestore) ?? "centro-servizi"), ct);
                env.Output.WriteLine($"{Italian.Number(due.Count)} promemoria registrati come inviati");
            }

            return ExitCodes.Ok;
        });

        var outpatient = CommandExtensions.ExistingFile("--outpatient", "Flusso ambulatoriale outpatient.csv (person_id, date, code).");
        var import = Command(env, "import-delivered", "Importa le prestazioni erogate: chiude le prenotazioni e segnala quelle fuori PAI.", [outpatient], async (p, by, s, ct) =>
        {
            var file = p.GetValue(outpatient)!;
            using var reader = Territorio.Flows.Files.CheckedTextStream.OpenText(file.FullName);
            var result = await s.Delivered.ImportAsync(reader, file.FullName, by.Ats("regione"), ct);
            env.Output.WriteLine($"{Italian.Number(result.Rows)} righe: {Italian.Number(result.Booked)} prenotazioni erogate, {Italian.Number(result.InPlan)} prestazioni del PAI senza prenotazione, " +
                $"{Italian.Number(result.OutsidePlan)} fuori PAI, {Italian.Number(result.NotInCharge)} di pazienti non in carico, {Italian.Number(result.AlreadyKnown)} già importate");
            return EnrolCommands.Rejected(env, result.Rejected);
        });

        var list = Query(env, "list", "Prenotazioni di un paziente.", [patient], async (p, _, s, ct) =>
        {
            foreach (var b in await s.Bookings.OfPatientAsync(p.GetValue(patient)!, ct))
            {
                env.Output.WriteLine($"{b.Id}\t{b.ServiceCode}\t{Italian.Date(b.Date)} {b.Start:HH\\:mm}\t{b.ErogatoreId}\t{BookingStatuses.Italian(b.Status)}");
            }

            return ExitCodes.Ok;
        });

        var erogatore = Required("--erogatore", "Codice dell'erogatore che ha eseguito la prestazione.");
        var deliveredOn = Optional("--il", "Data di erogazione (AAAA-MM-GG; oggi se assente).");
        var deliver = Command(env, "deliver", "L'erogatore segna eseguita una prestazione prenotata (l'aderenza la conta subito).", [bookingId, erogatore, deliveredOn], async (p, by, s, ct) =>
        {
            var booking = await s.Bookings.MarkDeliveredAsync(p.GetValue(bookingId), Date(p.GetValue(deliveredOn), "--il") ?? CareCli.Today, by.Erogatore(p.GetValue(erogatore)!), ct);
            env.Output.WriteLine($"prenotazione n.{booking.Id}: {BookingStatuses.Italian(booking.Status)}");
            return ExitCodes.Ok;
        });
        var missed = Command(env, "missed", "Il Centro Servizi segna una prenotazione non rispettata (il paziente non si è presentato).", [bookingId, gestore], async (p, by, s, ct) =>
        {
            var booking = await s.Bookings.MarkMissedAsync(p.GetValue(bookingId), by.CaseManager(p.GetValue(gestore)!), ct);
            env.Output.WriteLine($"prenotazione n.{booking.Id}: {BookingStatuses.Italian(booking.Status)}");
            return ExitCodes.Ok;
        });
        var noShowErogatore = Required("--erogatore", "Codice dell'erogatore presso cui era l'appuntamento.");
        var noShow = Command(env, "no-show", "L'erogatore registra che il paziente non si è presentato (appuntamento passato).", [bookingId, noShowErogatore], async (p, by, s, ct) =>
        {
            var booking = await s.Bookings.MarkMissedAsync(p.GetValue(bookingId), by.Erogatore(p.GetValue(noShowErogatore)!), ct);
            env.Output.WriteLine($"prenotazione n.{booking.Id}: {BookingStatuses.Italian(booking.Status)}");
            return ExitCodes.Ok;
        });
        var reverseErogatore = Required("--erogatore", "Codice dell'erogatore che aveva segnato l'erogazione.");
        var reverseReason = Required("--motivo", "Perché l'erogazione era un errore.");
        var reverse = Command(env, "reverse-delivery", "Storna un'erogazione registrata per errore: la prenotazione torna prenotata, l'erogazione resta a registro come stornata.", [bookingId, reverseErogatore, reverseReason], async (p, by, s, ct) =>
        {
            var booking = await s.Bookings.ReverseDeliveryAsync(p.GetValue(bookingId), by.Erogatore(p.GetValue(reverseErogatore)!), p.GetValue(reverseReason), ct);
            env.Output.WriteLine($"prenotazione n.{booking.Id}: erogazione stornata, ora {BookingStatuses.Italian(booking.Status)}");
            return ExitCodes.Ok;
        });

        return new Command("bookings", "Centro Servizi: prenotazioni delle prestazioni del PAI, promemoria, prestazioni erogate.")
        {
            slots, book, reschedule, cancel, deliver, missed, noShow, reverse, reminders, import, list,
        };
    }
}
