using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Territorio.Cli.Features.Care;
using Territorio.CommandLine;
using Territorio.Flows.Remuneration;

namespace Territorio.Cli.Features.Remuneration;

/// <summary>
/// <c>territorio tariffs list|import</c>: the tariff catalogue of the presa in carico
/// (DGR X/6164/2017), per pathology and level.
/// </summary>
public static class TariffsCommands
{
    public static Command Build(CliEnvironment env) => new("tariffs", "Catalogo delle tariffe annuali della presa in carico per patologia e livello (DGR X/6164/2017).")
    {
        List(env),
        Import(env),
    };

    private static Command List(CliEnvironment env)
    {
        var pathology = new Option<int?>("--pathology") { Description = "Solo la patologia con questo codice (lombardia/patologie_croniche.csv)." };
        var format = new Option<string>("--format") { Description = "Formato: table (leggibile) o csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var catalogue = CommandExtensions.ExistingFile("--catalogue", "File del catalogo (JSON); predefinito: quello distribuito in data/remuneration.", required: false);
        var command = new Command("list", "Elenca le tariffe: patologia, livello, amb, far, quota MMG (8% di amb), ricoveri, totale.") { pathology, format, catalogue };
        command.SetAction(parse =>
        {
            var pathologies = ChronicPathologies.Load(env.ReferenceData);
            var loaded = RemunerationCatalogues.Load(env, pathologies, parse.GetValue(catalogue));
            int? only = parse.GetValue(pathology);
            var rows = loaded.Rows.Where(r => only is null || r.Pathology == only).ToList();
            if (only is not null && rows.Count == 0)
            {
                throw new UsageException($"nessuna tariffa per la patologia {only} nel catalogo {loaded.Info.Label}");
            }

            if (parse.GetValue(format) == "csv")
            {
                env.Output.Write("pathology,level,amb,far,mmg_share,ricov,total,provisional\n");
                foreach (var r in rows)
                {
                    env.Output.Write(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Pathology},{r.Level},{r.Amb:0.00},{r.Far:0.00},{r.MmgShare:0.00},{r.Ricov:0.00},{r.Total:0.00},{(r.Provisional ? "true" : "false")}\n"));
                }
            }
            else
            {
                var table = new Table().Title($"catalogo {loaded.Info.Label}");
                foreach (string header in new[] { "patologia", "descrizione", "livello", "amb", "far", "quota MMG", "ricov", "totale", "" })
                {
                    table.AddColumn(header);
                }

                foreach (var r in rows)
                {
                    table.AddRow(
                        r.Pathology.ToString(CultureInfo.InvariantCulture), Markup.Escape(pathologies.NameOf(r.Pathology)), r.Level.ToString(CultureInfo.InvariantCulture),
                        Money(r.Amb), Money(r.Far), Money(r.MmgShare), Money(r.Ricov), Money(r.Total), r.Provisional ? "PROVVISORIA" : "");
                }

                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(env.Output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
                console.Profile.Width = 160;
                console.Write(table);
            }

            if (rows.Any(r => r.Provisional))
            {
                env.Error.WriteLine(RemunerationCatalogues.ProvisionalWarning(loaded.Info));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import(CliEnvironment env)
    {
        var xlsx = CommandExtensions.ExistingFile("--xlsx", "Foglio Excel ufficiale delle tariffe (fogli 'Catalogo' e 'Tariffe', vedi docs/remuneration.md).");
        var output = new Option<FileInfo?>("--out") { Description = "File del catalogo da scrivere (JSON); predefinito: accanto al foglio, con estensione .json." };
        var command = new Command("import", "Importa il foglio ufficiale delle tariffe in un catalogo versionato; nessun file scritto se c'è un errore.") { xlsx, output };
        command.Validators.Add(result =>
        {
            if (Territorio.Flows.Files.OutputPaths.Clash([("--xlsx", OptionValues.PathOf(result, xlsx))], [("--out", OptionValues.PathOf(result, output))]) is { } clash)
            {
                result.AddError(clash);
            }
        });
        command.SetAction(parse =>
        {
            var source = parse.GetValue(xlsx)!;
            var target = parse.GetValue(output) ?? new FileInfo(Path.ChangeExtension(source.FullName, ".json"));
            var pathologies = ChronicPathologies.Load(env.ReferenceData);
            var catalogue = TariffSheetImporter.Import(source.FullName, pathologies.Codes);

            // Written beside the target, then moved: a failure leaves no half-written catalogue.
            target.Directory?.Create();
            Territorio.Flows.Files.OutputFile.WriteText(target.FullName, writer => TariffCatalogueJson.Write(catalogue, writer, $"importato da {source.Name} il {CareCli.Today:yyyy-MM-dd}"));
            env.Output.WriteLine($"catalogo {catalogue.Info.Label}: {Italian.Number(catalogue.Rows.Count)} tariffe importate in {target.FullName}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Money(decimal value) => value.ToString("N2", Italian.Culture);
}
