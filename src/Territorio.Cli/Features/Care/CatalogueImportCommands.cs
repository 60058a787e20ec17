using System.CommandLine;
using Territorio.CareManagement.Application.Common;

namespace Territorio.Cli.Features.Care;

/// <summary>
/// <c>territorio pai templates-import</c>, <c>nomenclator-import</c> and <c>branche-import</c>: the
/// region's PAI templates, regional outpatient catalogue and table of services by branca in place of
/// the shipped provisional ones; all or nothing, every rejected row reported.
/// </summary>
public static class CatalogueImportCommands
{
    public static Command Templates(CliEnvironment env)
    {
        var file = CommandExtensions.ExistingFile("--file", "CSV dei modelli di PAI della Regione (stesse colonne di data/care/pai_templates.csv).");
        var version = new Option<string>("--versione") { Description = "Versione dei modelli (es. DGR-XI-1234-2027), riportata nelle motivazioni dei PAI.", Required = true };
        var provisional = new Option<bool>("--provvisorio") { Description = "I modelli importati restano provvisori (non ufficiali)." };
        var command = new Command("templates-import", "Importa i modelli di PAI della Regione al posto di quelli provvisori; nessun modello cambia se una riga è scartata.") { file, version, provisional };
        command.SetAction(parse => Report(env, CareCatalogueImport.ImportTemplates(env.ReferenceData, env.Database.DataDirectory,
            parse.GetValue(file)!.FullName, parse.GetValue(version)!.Trim(), parse.GetValue(provisional)), "righe di modelli"));
        return command;
    }

    public static Command Nomenclator(CliEnvironment env)
    {
        var file = CommandExtensions.ExistingFile("--file", "CSV del catalogo regionale delle prestazioni (colonne code,description; altre colonne ignorate).");
        var command = new Command("nomenclator-import", "Importa il catalogo regionale delle prestazioni al posto del nomenclatore nazionale; nulla cambia se una riga è scartata.") { file };
        command.SetAction(parse => Report(env, CareCatalogueImport.ImportNomenclator(env.ReferenceData, env.Database.DataDirectory, parse.GetValue(file)!.FullName), "prestazioni"));
        return command;
    }

    public static Command Branche(CliEnvironment env)
    {
        var file = CommandExtensions.ExistingFile("--file", "CSV della tabella regionale delle prestazioni per branca (colonne code,branche[,rationale]; un codice o prefisso per riga, più branche separate da |).");
        var version = new Option<string>("--versione") { Description = "Versione della tabella (es. DGR-XI-1234-2027), citata dalle schermate.", Required = true };
        var provisional = new Option<bool>("--provvisorio") { Description = "La tabella importata resta provvisoria (ogni riga deve dire perché)." };
        var command = new Command("branche-import", "Importa la tabella regionale delle branche specialistiche delle prestazioni al posto di quella provvisoria; nulla cambia se una riga è scartata.")
        {
            file, version, provisional,
        };
        command.SetAction(parse => Report(env, CareCatalogueImport.ImportBranche(env.ReferenceData, env.Database.DataDirectory,
            parse.GetValue(file)!.FullName, parse.GetValue(version)!.Trim(), parse.GetValue(provisional)), "righe della tabella delle branche"));
        return command;
    }

    private static int Report(CliEnvironment env, CatalogueImportResult result, string what)
    {
        foreach (var error in result.Rejected)
        {
            env.Error.WriteLine($"scartata: {error.File}, riga {error.Line}, campo {error.Field} '{error.Value}': {error.Reason}");
        }

        if (result.InstalledAt is null)
        {
            env.Error.WriteLine($"importazione annullata: {result.Rejected.Count} righe scartate, nessun file cambiato");
            return ExitCodes.BadData;
        }

        CareCli.ForgetCatalogues(env);
        foreach (string note in result.Notes)
        {
            env.Output.WriteLine($"nota: {note}");
        }

        env.Output.WriteLine($"{result.Accepted} {what} importate in {result.InstalledAt}: valgono per i comandi e per l'applicazione web avviati da ora");
        return ExitCodes.Ok;
    }
}
