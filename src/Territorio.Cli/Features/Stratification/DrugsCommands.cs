using System.CommandLine;
using System.Globalization;
using Territorio.Flows.Stratification;

namespace Territorio.Cli.Features.Stratification;

/// <summary><c>territorio drugs import-aic</c>: the AIC → ATC map from AIFA's public lists (data/aifa/README.md).</summary>
public static class DrugsCommands
{
    public static Command Build(CliEnvironment env)
    {
        var file = CommandExtensions.ExistingFile("--file", "Elenco AIFA: confezioni.csv (open data) o lista di trasparenza; colonne codice AIC, codice ATC, denominazione, descrizione gruppo.");
        var version = new Option<string>("--version") { Description = "Versione dell'elenco, scritta nella mappa (es. AIFA-confezioni-2026-09).", Required = true };
        var date = new Option<string>("--date") { Description = "Data di pubblicazione dell'elenco, AAAA-MM-GG.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Mappa AIC → ATC da scrivere (da passare a 'territorio stratify --aic-map').", Required = true };
        var import = new Command("import-aic", "Costruisce la mappa AIC → ATC dagli elenchi pubblici AIFA.") { file, version, date, output };
        import.SetAction(parse =>
        {
            string dateText = parse.GetValue(date)!;
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
            {
                throw new UsageException($"--date: data non valida '{dateText}' (atteso AAAA-MM-GG)");
            }

            string source = parse.GetValue(file)!.FullName, target = parse.GetValue(output)!.FullName;
            int rejected = 0;
            string temporary = target + ".tmp";
            int written;
            try
            {
                using var input = new StreamReader(source);
                using (var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false)))
                {
                    written = AicMapImporter.Import(input, source, writer, parse.GetValue(version)!, published, error =>
                    {
                        rejected++;
                        env.Error.WriteLine($"{error.File}: riga {error.Line}: colonna {error.Field}: '{error.Value}': {error.Reason}");
                    });
                }

                File.Move(temporary, target, overwrite: true);
            }
            finally
            {
                File.Delete(temporary);
            }

            env.Output.WriteLine($"mappa AIC → ATC: {Italian.Number(written)} confezioni in {target}" + (rejected > 0 ? $"; {Italian.Number(rejected)} righe scartate" : ""));
            return rejected > 0 ? ExitCodes.BadData : ExitCodes.Ok;
        });
        return new Command("drugs", "Dati di riferimento dei farmaci (mappa AIC → ATC).") { import };
    }
}
