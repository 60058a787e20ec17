using System.CommandLine;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Plans;
using static Territorio.Cli.Features.Care.CareCli;

namespace Territorio.Cli.Features.Care;

/// <summary>
/// Prescriptions outside the PAI, shared between the patient's MMG and the Gestore
/// (DGR X/6164/2017 allegato: "le prescrizioni … al di fuori del PAI devono essere condivise"):
/// one side records, the other acknowledges.
/// </summary>
public static class SharedPrescriptionCommands
{
    public static Command Share(CliEnvironment env)
    {
        var patient = Required("--paziente", "Identificativo del paziente.");
        var kind = Required("--tipo", "prestazione oppure farmaco.");
        var code = Required("--codice", "Codice della prestazione (nomenclatore) o ATC del farmaco.");
        var description = Required("--descrizione", "Descrizione della prescrizione.");
        var reason = Required("--motivo", "Perché serve al di fuori del PAI.");
        var (mmg, gestore) = Prescriber();
        return Command(env, "share", "Registra una prescrizione al di fuori del PAI, da condividere tra MMG e Gestore.", [patient, kind, code, description, reason, mmg, gestore], async (p, by, s, ct) =>
        {
            var itemKind = p.GetValue(kind) switch
            {
                "prestazione" => PaiItemKind.Service,
                "farmaco" => PaiItemKind.Drug,
                var other => throw new UsageException($"--tipo: '{other}' non valido (prestazione o farmaco)"),
            };
            var prescription = await s.Pai.RecordSharedPrescriptionAsync(
                p.GetValue(patient)!, itemKind, p.GetValue(code)!, p.GetValue(description)!, ActorOf(p, by, mmg, gestore), p.GetValue(reason), ct);
            env.Output.WriteLine($"prescrizione condivisa n.{prescription.Id} registrata: in attesa di presa visione dell'altra parte");
            return ExitCodes.Ok;
        });
    }

    public static Command List(CliEnvironment env)
    {
        var patient = Required("--paziente", "Identificativo del paziente.");
        return Command(env, "shared", "Prescrizioni condivise di un paziente, con chi le ha fatte e chi le ha viste.", [patient], async (p, _, s, ct) =>
        {
            env.Output.WriteLine("n.\tdata\tcodice\tdescrizione\tprescritta da\tvista da");
            foreach (var x in await s.Pai.SharedPrescriptionsAsync(p.GetValue(patient)!, ct))
            {
                string seen = x.AcknowledgedOn is { } on ? $"{x.AcknowledgedBy} il {Italian.Date(on)}" : "non ancora vista";
                env.Output.WriteLine($"{x.Id}\t{Italian.Date(x.PrescribedOn)}\t{x.Code}\t{x.Description}\t{x.PrescribedBy}\t{seen}");
            }

            return ExitCodes.Ok;
        });
    }

    public static Command Acknowledge(CliEnvironment env)
    {
        var id = Id("--prescrizione", "Numero della prescrizione condivisa.");
        var (mmg, gestore) = Prescriber();
        return Command(env, "share-ack", "L'altra parte (MMG o Gestore) prende visione di una prescrizione condivisa.", [id, mmg, gestore], async (p, by, s, ct) =>
        {
            await s.Pai.AcknowledgeSharedPrescriptionAsync(p.GetValue(id), ActorOf(p, by, mmg, gestore), ct);
            env.Output.WriteLine($"prescrizione n.{p.GetValue(id)}: presa visione registrata");
            return ExitCodes.Ok;
        });
    }

    private static (Option<string?> Mmg, Option<string?> Gestore) Prescriber() =>
        (Optional("--mmg", "Codice del MMG che opera."), Optional("--gestore", "Codice del Gestore (opera il responsabile clinico)."));

    private static Actor ActorOf(ParseResult p, Actor.Factory by, Option<string?> mmg, Option<string?> gestore) =>
        (p.GetValue(mmg), p.GetValue(gestore)) switch
        {
            ({ } m, null) => Actor.Factory.Mmg(m),
            (null, { } g) => by.ClinicalManager(g),
            _ => throw new UsageException("indicare --mmg oppure --gestore (uno dei due)"),
        };
}
