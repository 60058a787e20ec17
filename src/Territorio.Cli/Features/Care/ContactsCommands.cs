using System.CommandLine;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.CaseManagement;
using static Territorio.Cli.Features.Care.CareCli;

namespace Territorio.Cli.Features.Care;

/// <summary><c>territorio contacts …</c>: the case manager's calls, visits and messages with patients in charge.</summary>
public static class ContactsCommands
{
    public static Command Build(CliEnvironment env)
    {
        var patient = Required("--paziente", "Identificativo del paziente.");
        var gestore = Required("--gestore", "Codice del Gestore del case manager.");
        var kind = Required("--tipo", $"Tipo di contatto: {string.Join(", ", ContactNames.Kinds.Select(k => k.Code))}.");
        var outcome = Required("--esito", $"Esito: {string.Join(", ", ContactNames.Outcomes.Select(o => o.Code))}.");
        var on = Optional("--data", "Giorno del contatto (AAAA-MM-GG; oggi se assente).");
        var note = Optional("--nota", "Nota del case manager (al massimo 1000 caratteri).");
        var record = Command(env, "record", "Registra un contatto del case manager con un paziente in carico (telefonata, visita, messaggio).",
            [patient, gestore, kind, outcome, on, note], async (p, by, s, ct) =>
            {
                if (!ContactNames.TryParseKind(p.GetValue(kind), out var contactKind))
                {
                    throw new UsageException($"--tipo: '{p.GetValue(kind)}' non valido ({string.Join(", ", ContactNames.Kinds.Select(k => k.Code))})");
                }

                if (!ContactNames.TryParseOutcome(p.GetValue(outcome), out var contactOutcome))
                {
                    throw new UsageException($"--esito: '{p.GetValue(outcome)}' non valido ({string.Join(", ", ContactNames.Outcomes.Select(o => o.Code))})");
                }

                var contact = await s.Contacts.RecordAsync(p.GetValue(patient)!, contactKind, Date(p.GetValue(on), "--data"), contactOutcome, p.GetValue(note),
                    by.CaseManager(p.GetValue(gestore)!), ct);
                env.Output.WriteLine($"contatto n.{contact.Id} registrato: {ContactNames.Italian(contact.Kind)} del {Italian.Date(contact.Date)}, {ContactNames.Italian(contact.Outcome)}");
                return ExitCodes.Ok;
            });

        var max = new Option<int>("--max") { Description = "Numero massimo di contatti (i più recenti).", DefaultValueFactory = _ => ContactService.ListLimit };
        var list = Query(env, "list", "Contatti di un paziente, dal più recente.", [patient, max], async (p, _, s, ct) =>
        {
            env.Output.WriteLine("n.\tdata\ttipo\tesito\tautore\tnota");
            foreach (var c in await s.Contacts.OfPatientAsync(p.GetValue(patient)!, p.GetValue(max), ct))
            {
                env.Output.WriteLine($"{c.Id}\t{Italian.Date(c.Date)}\t{ContactNames.Italian(c.Kind)}\t{ContactNames.Italian(c.Outcome)}\t{c.Author}\t{c.Note}");
            }

            return ExitCodes.Ok;
        });

        return new Command("contacts", "Contatti del case manager con i pazienti in carico: registrazione ed elenco.") { record, list };
    }
}
