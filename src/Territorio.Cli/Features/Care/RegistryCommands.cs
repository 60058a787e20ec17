using System.CommandLine;
using Territorio.CareManagement.Application.Registry;
using Territorio.Flows.Files;
using Territorio.Flows.Stratification;
using static Territorio.Cli.Features.Care.CareCli;

namespace Territorio.Cli.Features.Care;

/// <summary>
/// <c>territorio anagrafe …</c>: the ATS loads its registries into the database — the residents'
/// identity (names, codice fiscale, addresses) and the organisations (Gestori, erogatori, hospital
/// structures) with seat and contacts. Bad rows are listed and skipped; the good ones are stored together.
/// </summary>
public static class RegistryCommands
{
    public static Command Build(CliEnvironment env)
    {
        var personsFile = CommandExtensions.ExistingFile("--file", $"CSV dell'anagrafe degli assistiti ({string.Join(",", PersonsCsvReader.Columns)}).");
        var residents = Command(env, "assistiti", "Carica o aggiorna l'identità degli assistiti (cognome, nome, codice fiscale, indirizzo, recapiti, MMG); le righe errate sono elencate e scartate.", [personsFile], async (p, _, s, ct) =>
        {
            var file = p.GetValue(personsFile)!;
            using var reader = CheckedTextStream.OpenText(file.FullName);
            var result = await ProgressDisplay.RunAsync(env, "Anagrafe assistiti", report => s.Residents.ImportAsync(reader, file.FullName, report, ct));
            env.Output.WriteLine($"anagrafe degli assistiti: {Italian.Number(result.Added)} nuovi, {Italian.Number(result.Updated)} aggiornati");
            return EnrolCommands.Rejected(env, result.Rejected);
        });

        var organisationsFile = CommandExtensions.ExistingFile("--file",
            $"CSV dell'anagrafe delle organizzazioni ({string.Join(",", OrganisationRegistry.Columns)}, facoltative {string.Join(",", OrganisationRegistry.OptionalColumns)}); kind: gestore, erogatore o struttura.");
        var organisations = Command(env, "organizzazioni", "Carica o aggiorna nome, sede e recapiti di Gestori, erogatori e strutture di ricovero; le righe errate sono elencate e scartate.", [organisationsFile], async (p, by, s, ct) =>
        {
            var file = p.GetValue(organisationsFile)!;
            using var reader = CheckedTextStream.OpenText(file.FullName);
            var result = await s.Organisations.ImportAsync(reader, file.FullName, by.Ats("regione"), ct);
            env.Output.WriteLine($"anagrafe delle organizzazioni: {Italian.Number(result.Added)} nuove, {Italian.Number(result.Updated)} aggiornate");
            return EnrolCommands.Rejected(env, result.Rejected);
        });

        return new Command("anagrafe", "Anagrafe dell'ATS: identità degli assistiti e delle organizzazioni.") { residents, organisations };
    }
}
