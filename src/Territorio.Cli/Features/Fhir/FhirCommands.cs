using System.CommandLine;
using Territorio.Data;
using Territorio.Fhir;
using Territorio.Fhir.Care;
using Territorio.Fhir.Conformance;
using Territorio.Flows;

namespace Territorio.Cli.Features.Fhir;

/// <summary><c>territorio fhir process-message</c>: the region's $process-message for batch use and tests.</summary>
public static class FhirCommands
{
    public static Command Build(CliEnvironment env)
    {
        var file = CommandExtensions.ExistingFile("--file", "Messaggio FHIR RLBundleMMG (JSON) inviato dalla cartella del MMG.");
        var mmg = new Option<string>("--mmg") { Description = "Medico che attiva la presa in carico (altrimenti Fhir:PicMmg:ActingMmg, poi il medico del paziente in anagrafe)." };
        var process = new Command("process-message", "Elabora un messaggio picMMG come $process-message e stampa la risposta RLBundleRispostaMMG.") { file, mmg };
        process.SetAction(async (parse, ct) =>
        {
            string body = await File.ReadAllTextAsync(parse.GetValue(file)!.FullName, ct);
            await TerritorioDatabase.MigrateAsync(env.Database, ct);
            await using var db = TerritorioDatabase.CreateContext(env.Database);
            var runtime = new FhirRuntime(env.ReferenceData, FhirRuntime.ReadOptions(env.Configuration), TimeProvider.System, () => Care.CareCli.CataloguesOf(env));
            var processed = await runtime.Processor(db).ProcessAsync(body, parse.GetValue(mmg), id => $"/fhir/CarePlan/{id}", ct);

            env.Output.WriteLine(FhirJson.Serialize(processed.Answer, pretty: true));
            if (processed.Enrolment is { } enrolment)
            {
                env.Error.WriteLine($"presa in carico attivata: paziente {enrolment.PatientId}{(enrolment.PatientRegistered ? " (registrato dal messaggio)" : string.Empty)}, " +
                                    $"PAI {enrolment.PaiId} versione {enrolment.PaiVersion} ({enrolment.ProtocolNumber}), MMG {(enrolment.Role == Territorio.Fhir.Messaging.PicMmg.GpRole.GestoreViaCooperative ? "Gestore tramite la cooperativa" : "collaboratore del Gestore")}");
                return ExitCodes.Ok;
            }

            foreach (var error in processed.Errors)
            {
                env.Error.WriteLine($"messaggio rifiutato: {error.Code} {error.Text}{(error.Provisional ? " [codice provvisorio di Territorio]" : string.Empty)}");
            }

            return ExitCodes.BadData;
        });

        return new Command("fhir", "Interfaccia FHIR R4 di Regione Lombardia (presa in carico dal MMG).") { process, ImportSissCatalogue(env) };
    }

    /// <summary>Replaces the provisional national → DDC-PrestSpecSISS map with the region's catalogue (decision 0135).</summary>
    private static Command ImportSissCatalogue(CliEnvironment env)
    {
        var csv = CommandExtensions.ExistingFile("--csv", "Catalogo regionale delle prestazioni (CSV con le colonne codice_siss, codice_nazionale, descrizione).");
        var output = new Option<FileInfo?>("--out") { Description = $"Mappa da scrivere; predefinita: quella dei dati di riferimento ({ServiceCodeMap.FileName})." };
        var command = new Command("import-catalogo-siss", "Importa il catalogo regionale DDC-PrestSpecSISS al posto della mappa provvisoria dal nomenclatore nazionale; nessun file scritto se c'è un errore.") { csv, output };
        command.SetAction(parse =>
        {
            string target = parse.GetValue(output)?.FullName ?? env.ReferenceData.PathOf("lombardia-fhir", "territorio", ServiceCodeMap.FileName);
            int count = ServiceCodeMap.ImportOfficial(parse.GetValue(csv)!.FullName, target);
            env.Output.WriteLine($"mappa prestazioni → DDC-PrestSpecSISS: {Italian.Number(count)} codici importati in {target}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
