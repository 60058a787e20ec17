using System.CommandLine;
using System.Globalization;
using Territorio.CareManagement.Application.Documents;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Plans;
using static Territorio.Cli.Features.Care.CareCli;

namespace Territorio.Cli.Features.Care;

/// <summary><c>territorio pai …</c>: the patient's PAI, MMG proposals, adherence.</summary>
public static class PaiCommands
{
    public static Command Build(CliEnvironment env)
    {
        var patient = Required("--paziente", "Identificativo del paziente.");
        var gestore = Required("--gestore", "Codice del Gestore (il responsabile clinico opera per esso).");
        var reason = Optional("--motivo", "Motivazione della versione o della decisione.");

        var fromTemplate = Command(env, "from-template", "Scrive una nuova versione del PAI dai modelli (provvisori) di tutte le patologie del paziente al suo livello, uniti.", [patient, gestore, reason], async (p, by, s, ct) =>
        {
            var version = await s.Pai.WriteFromTemplateAsync(p.GetValue(patient)!, by.ClinicalManager(p.GetValue(gestore)!), p.GetValue(reason), ct);
            bool provisional = s.Catalogues.HasProvisionalItems(version);
            env.Output.WriteLine($"PAI versione {version.Number} attiva ({version.Items.Count} voci){(provisional ? " — modello PROVVISORIO: rivedere le voci" : "")}");
            return ExitCodes.Ok;
        });

        var show = Query(env, "show", "Mostra le versioni del PAI del paziente e le voci della versione attiva.", [patient], async (p, _, s, ct) =>
        {
            var pai = await s.Pai.FindAsync(p.GetValue(patient)!, ct);
            if (pai is null)
            {
                env.Output.WriteLine($"il paziente {p.GetValue(patient)} non ha ancora un PAI");
                return ExitCodes.Ok;
            }

            foreach (var version in pai.Versions.OrderBy(v => v.Number))
            {
                env.Output.WriteLine($"versione {version.Number}\t{PaiStatuses.Italian(version.Status)}\t{version.Author}\t{version.Reason}");
            }

            foreach (var item in pai.ActiveVersion?.Items ?? [])
            {
                env.Output.WriteLine($"  {item.Kind}\t{item}");
            }

            return ExitCodes.Ok;
        });

        var mmg = Required("--mmg", "Codice del medico di medicina generale del paziente.");
        var services = new Option<string[]>("--prestazione") { Description = "Prestazione CODICE:N_ANNUI (ripetibile), es. 89.52:2.", Required = true, AllowMultipleArgumentsPerToken = true };
        var propose = Command(env, "propose", "Il MMG propone (o redige in bozza) il PAI; il Gestore poi accetta o respinge.", [patient, mmg, services, reason], async (p, _, s, ct) =>
        {
            var items = p.GetValue(services)!.Select(text => ParseService(text, s.Catalogues.Vocabulary)).ToList();
            var version = await s.Pai.ProposeAsync(p.GetValue(patient)!, items, Actor.Factory.Mmg(p.GetValue(mmg)!), p.GetValue(reason), ct);
            env.Output.WriteLine($"proposta del MMG registrata come versione {version.Number}, in attesa del Gestore");
            return ExitCodes.Ok;
        });

        Command Decide(string verb, bool accept, string description) => Command(env, verb, description, [patient, gestore, reason], async (p, by, s, ct) =>
        {
            await s.Pai.DecideProposalAsync(p.GetValue(patient)!, accept, by.ClinicalManager(p.GetValue(gestore)!), p.GetValue(reason), ct);
            env.Output.WriteLine(accept ? "proposta del MMG accettata: è la versione attiva" : "proposta del MMG respinta");
            return ExitCodes.Ok;
        });

        var asOf = Optional("--al", "Data di riferimento (AAAA-MM-GG; oggi se assente).");
        var adherence = Command(env, "adherence", "Aderenza al PAI: prestazioni previste ed erogate per finestra temporale, in ritardo.", [patient, asOf], async (p, _, s, ct) =>
        {
            var report = await s.Cases.AdherenceAsync(p.GetValue(patient)!, Date(p.GetValue(asOf), "--al"), ct);
            env.Output.WriteLine($"aderenza al {Italian.Date(report.AsOf)}: {Percent(report.Percent)} ({report.Done} erogate su {report.Due} dovute, {report.Overdue} in ritardo)");
            foreach (var item in report.Items)
            {
                env.Output.WriteLine($"{item.Code}\t{item.Description}\t{item.Done}/{item.Due}\t{Percent(item.Percent)}\t" +
                    string.Join(" ", item.Occurrences.Select(o => $"[{o.From:dd/MM}–{o.To:dd/MM} {State(o.State)}]")));
            }

            return ExitCodes.Ok;
        });

        return new Command("pai", "Piano di Assistenza Individuale: versioni, modelli, proposte del MMG, aderenza, prescrizioni condivise.")
        {
            fromTemplate, show, propose,
            Decide("accept", true, "Il Gestore accetta la proposta del MMG."),
            Decide("reject", false, "Il Gestore respinge la proposta del MMG (con --motivo)."),
            adherence,
            SharedPrescriptionCommands.Share(env), SharedPrescriptionCommands.List(env), SharedPrescriptionCommands.Acknowledge(env),
            CatalogueImportCommands.Templates(env), CatalogueImportCommands.Nomenclator(env), CatalogueImportCommands.Branche(env),
        };
    }

    private static PaiItem ParseService(string text, PaiVocabulary vocabulary)
    {
        var parts = text.Split(':');
        return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int perYear)
            ? PaiItem.Service(parts[0], vocabulary.DescriptionOf(PaiItemKind.Service, parts[0]), perYear)
            : throw new UsageException($"--prestazione: '{text}' non valido (CODICE:N_ANNUI, es. 89.52:2)");
    }

    private static string State(OccurrenceState state) => state switch
    {
        OccurrenceState.Done => "erogata",
        OccurrenceState.Overdue => "IN RITARDO",
        OccurrenceState.Open => "in corso",
        OccurrenceState.Lapsed => "non più dovuta (patto terminato)",
        _ => "futura",
    };
}
