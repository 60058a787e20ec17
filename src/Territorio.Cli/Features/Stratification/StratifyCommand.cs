using System.CommandLine;
using System.Globalization;
using Territorio.CommandLine;
using Territorio.Flows.Files;
using Territorio.Flows.Stratification;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Engine;

namespace Territorio.Cli.Features.Stratification;

/// <summary>
/// <c>territorio stratify</c>: every resident into levels 1–5 from the regional flows
/// (DGR X/6164/2017), with the pathologies found and the records that prove them.
/// </summary>
/// <summary>The drug reference files a run uses: the AIC map (default: the shipped one) and a licensed DDD file.</summary>
public sealed record DrugFiles(string? AicMap, string? Ddd)
{
    public static string DefaultAicMap(Territorio.Flows.Reference.ReferenceData reference) => reference.PathOf("aifa", "aic_atc.csv");
}

/// <summary>An update run (<c>--update</c>): where to write who changed level.</summary>
public sealed record UpdateFiles(string? Changes);

public static class StratifyCommand
{
    public static Command Build(CliEnvironment env)
    {
        var persons = CommandExtensions.ExistingFile("--persons", "Anagrafe: person_id, birth_date, sex, ats, mmg_id, death_date.");
        var sdo = CommandExtensions.ExistingFile("--sdo", "Schede di dimissione ospedaliera (tracciato SDO di Territorio).");
        var sdoLayout = CommandExtensions.ExistingFile("--sdo-layout", "Layout JSON del file SDO della regione (colonne, separatore, formati delle date: docs/flow-layouts.md); se assente, le colonne di Territorio.", required: false);
        var drugs = CommandExtensions.ExistingFile("--drugs", "Farmaceutica: person_id, date, atc, packs (ddd facoltativa), oppure per confezione: person_id, date, aic, packs.");
        var exemptions = CommandExtensions.ExistingFile("--exemptions", "Esenzioni: person_id, code, start_date, end_date.");
        var outpatient = CommandExtensions.ExistingFile("--outpatient", "Specialistica ambulatoriale: person_id, date, code.");
        Option<FileInfo> Layout(string input) => CommandExtensions.ExistingFile($"--{input}-layout",
            $"Layout JSON del file --{input} della regione (colonne, separatore, formati delle date: docs/flow-layouts.md); se assente, le colonne di Territorio.", required: false);
        var personsLayout = Layout("persons");
        var drugsLayout = Layout("drugs");
        var exemptionsLayout = Layout("exemptions");
        var outpatientLayout = Layout("outpatient");
        var asOf = new Option<string>("--as-of") { Description = "Data di riferimento AAAA-MM-GG.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "File dei livelli da scrivere (levels.csv).", Required = true };
        var criteria = CommandExtensions.ExistingFile("--criteria", "File dei criteri di classificazione (predefinito: quello provvisorio distribuito).", required: false);
        var report = new Option<FileInfo>("--report") { Description = "Piramide per ATS e MMG: CSV in questo file, pagina HTML accanto (stesso nome, .html)." };
        var overrides = CommandExtensions.ExistingFile("--overrides",
            "Riclassificazioni approvate dalla Commissione ATS (CSV di 'territorio reclassifications export'): sostituiscono livello e patologie delle persone, con il motivo nella colonna reclassification.", required: false);

        var aicMap = CommandExtensions.ExistingFile("--aic-map", "Mappa AIC → ATC delle confezioni (predefinita: quella distribuita, liste di trasparenza AIFA; vedi 'territorio drugs import-aic').", required: false);
        var ddd = CommandExtensions.ExistingFile("--ddd",
            "File ATC/DDD su licenza (tracciato dell'indice OMS: atc_code, atc_name, ddd, uom, adm_r, note): DDD per confezione dei flussi per AIC. Senza, le soglie in DDD contano le confezioni.", required: false);

        var update = new Option<bool>("--update")
        {
            Description = "Aggiornamento: i file contengono solo le righe nuove (e le persone nuove o cambiate); riparte dallo stato della stratificazione precedente su --out (stessi criteri e data di riferimento).",
        };
        var changes = new Option<FileInfo>("--changes") { Description = "Con --update: chi ha cambiato livello (person_id, level_before, level_after, evidence)." };

        var command = new Command("stratify", "Stratifica la popolazione nei livelli 1–5 della DGR X/6164/2017 dai flussi regionali.")
        {
            persons, sdo, sdoLayout, drugs, exemptions, outpatient, asOf, output, criteria, report, overrides, aicMap, ddd, update, changes,
            personsLayout, drugsLayout, exemptionsLayout, outpatientLayout,
        };
        command.Validators.Add(result =>
        {
            string? Path(Option<FileInfo> option) => OptionValues.PathOf(result, option);
            if (OutputPaths.Clash(
                [("--persons", Path(persons)), ("--sdo", Path(sdo)), ("--drugs", Path(drugs)), ("--exemptions", Path(exemptions)),
                 ("--outpatient", Path(outpatient)), ("--criteria", Path(criteria)), ("--overrides", Path(overrides)),
                 ("--sdo-layout", Path(sdoLayout)), ("--aic-map", Path(aicMap)), ("--ddd", Path(ddd)), ("--persons-layout", Path(personsLayout)),
                 ("--drugs-layout", Path(drugsLayout)), ("--exemptions-layout", Path(exemptionsLayout)), ("--outpatient-layout", Path(outpatientLayout))],
                [("--out", Path(output)), ("--changes", Path(changes)), ("--report", Path(report)), ("--report (.html)", Path(report) is { } r ? System.IO.Path.ChangeExtension(r, ".html") : null)]) is { } clash)
            {
                result.AddError(clash);
            }
        });
        command.SetAction(parse =>
        {
            var date = ParseDate(parse.GetValue(asOf)!);
            var inputs = new StratificationInputs(
                parse.GetValue(persons)!.FullName, parse.GetValue(sdo)!.FullName, parse.GetValue(drugs)!.FullName,
                parse.GetValue(exemptions)!.FullName, parse.GetValue(outpatient)!.FullName, parse.GetValue(sdoLayout)?.FullName)
            {
                PersonsLayout = parse.GetValue(personsLayout)?.FullName,
                DrugsLayout = parse.GetValue(drugsLayout)?.FullName,
                ExemptionsLayout = parse.GetValue(exemptionsLayout)?.FullName,
                OutpatientLayout = parse.GetValue(outpatientLayout)?.FullName,
            };
            var result = Run(env, inputs, date, parse.GetValue(output)!.FullName, parse.GetValue(criteria)?.FullName, parse.GetValue(report)?.FullName, parse.GetValue(overrides)?.FullName,
                new DrugFiles(parse.GetValue(aicMap)?.FullName, parse.GetValue(ddd)?.FullName),
                parse.GetValue(update) ? new UpdateFiles(parse.GetValue(changes)?.FullName) : null);
            return result.Rejected > 0 ? ExitCodes.BadData : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs a stratification and prints where its files are; used by <c>demo run</c> too.</summary>
    public static StratificationSummary Run(CliEnvironment env, StratificationInputs inputs, DateOnly asOf, string levelsPath, string? criteriaPath, string? reportPath, string? overridesPath = null, DrugFiles? drugFiles = null, UpdateFiles? update = null)
    {
        // The engine's state is kept beside the levels file it produced (decision 0152).
        string statePath = levelsPath + ".state";
        var drugCoding = new DrugCoding(DrugReference.Load((drugFiles?.AicMap) ?? DrugFiles.DefaultAicMap(env.ReferenceData), drugFiles?.Ddd));
        var criteria = CriteriaFiles.Load(env.ReferenceData, criteriaPath);
        if (criteria.IsProvisional)
        {
            env.Error.WriteLine($"attenzione: {criteria.Label} ({criteria.SourceName})");
        }

        ClassificationOverrides? approved = null;
        if (overridesPath is not null)
        {
            using var file = CheckedTextStream.OpenText(overridesPath);
            approved = new ClassificationOverrides(ClassificationOverridesCsv.Read(file, overridesPath, CriteriaFiles.Catalogue(env.ReferenceData)), asOf);
        }

        using var previous = update is null ? null : OpenPrevious(statePath, criteria, asOf);

        // Written beside the targets and moved at the end: never a half-written levels.csv or state.
        StratificationSummary summary;
        using (var levels = OutputFile.Create(levelsPath))
        using (var stateFile = OutputFile.Create(statePath))
        using (var changesFile = update?.Changes is { } changesPath ? OutputFile.Create(changesPath) : null)
        {
            void OnError(Territorio.Kernel.Errors.InputError error) => env.Error.WriteLine(Describe(error));
            if (previous is null)
            {
                using var writer = new StreamWriter(levels, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                summary = ProgressDisplay.RunAsync(env, "stratificazione", progress => Task.Run(() =>
                    new StratificationRun(env.ReferenceData) { Progress = Counted(progress, inputs) }.Run(inputs, criteria, asOf, writer, OnError, approved, drugCoding, stateFile))).GetAwaiter().GetResult();
            }
            else
            {
                using var changesWriter = changesFile is null ? null : new StreamWriter(changesFile, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                try
                {
                    summary = ProgressDisplay.RunAsync(env, "aggiornamento della stratificazione", progress => Task.Run(() =>
                        new StratificationRun(env.ReferenceData) { Progress = Counted(progress, inputs) }.Update(inputs, previous, levelsPath, levels, stateFile, changesWriter, OnError, approved, drugCoding))).GetAwaiter().GetResult();
                }
                catch (KeptStateException ex)
                {
                    throw new UsageException(ex.Message);
                }
            }

            levels.Commit();
            stateFile.Commit();
            changesFile?.Commit();
        }

        var region = summary.Pyramid.Region;
        env.Output.WriteLine($"stratificazione al {Italian.Date(asOf)}: {Italian.Number(region.Living)} assistiti, livelli 1-5 = "
            + string.Join(" / ", Enumerable.Range(1, 5).Select(l => Italian.Number(region[l])))
            + $"; {Italian.Number(region.Deceased)} deceduti esclusi");
        env.Output.WriteLine($"livelli: {levelsPath}");
        if (update is not null)
        {
            env.Output.WriteLine($"aggiornamento: {Italian.Number(summary.Changed)} {(summary.Changed == 1 ? "persona ha" : "persone hanno")} cambiato livello, "
                + $"{Italian.Number(summary.NewlyEligible)} {(summary.NewlyEligible == 1 ? "nuova arruolabile" : "nuove arruolabili")} (livelli 1-3)"
                + (update.Changes is { } written ? $"; variazioni: {written}" : ""));
        }
        if (approved is not null)
        {
            ReportOverrides(env, approved);
        }

        ReportDrugCoding(env, summary, criteria);
        if (reportPath is not null)
        {
            string html = Path.ChangeExtension(reportPath, ".html");
            OutputFile.WriteText(reportPath, csv => PyramidReportWriter.WriteCsv(csv, summary, criteria.Label));
            OutputFile.WriteText(html, page => PyramidReportWriter.WriteHtml(page, summary, criteria.Label, criteria.IsProvisional, asOf));

            env.Output.WriteLine($"rapporto: {reportPath} e {html}");
        }

        if (summary.Rejected > 0)
        {
            env.Error.WriteLine($"{Italian.Number(summary.Rejected)} righe scartate (vedi sopra)");
        }

        return summary;
    }

    /// <summary>The bytes of the five inputs read, then the persons classified.</summary>
    private static StratificationProgress Counted(WorkProgress progress, StratificationInputs inputs)
    {
        long total = new[] { inputs.Persons, inputs.Sdo, inputs.Drugs, inputs.Exemptions, inputs.Outpatient }.Sum(path => new FileInfo(path).Length);
        progress.Begin("letti", ProgressUnit.Bytes, total);
        return new StratificationProgress(progress.Add, persons => progress.Begin("persone classificate", ProgressUnit.Rows, persons), progress.Add);
    }

    private static KeptState OpenPrevious(string statePath, Territorio.Stratification.Criteria.StratificationCriteria criteria, DateOnly asOf)
    {
        if (!File.Exists(statePath))
        {
            throw new UsageException($"--update: nessuna stratificazione precedente ({statePath} assente): esegui prima una stratificazione completa con lo stesso --out");
        }

        try
        {
            return KeptState.Open(statePath, criteria, asOf)
                ?? throw new UsageException($"--update: la stratificazione precedente usa altri criteri o un'altra data di riferimento (--as-of), o un formato di stato precedente: serve una stratificazione completa");
        }
        catch (KeptStateException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static void ReportDrugCoding(CliEnvironment env, StratificationSummary summary, Territorio.Stratification.Criteria.StratificationCriteria criteria)
    {
        var coding = summary.Drugs!;
        var reference = coding.Reference!;
        if (coding.ReadAic)
        {
            env.Output.WriteLine($"farmaci per codice AIC: mappa {reference.MapVersion}, {Italian.Number(reference.Count)} confezioni; DDD "
                + (reference.DddLoaded ? "dal file ATC/DDD caricato" : "non caricate (nessun file --ddd)"));
        }

        foreach (var unknown in coding.Unknown)
        {
            env.Error.WriteLine($"codice AIC {unknown.Aic} assente dalla mappa: {Italian.Number(unknown.Rows)} {(unknown.Rows == 1 ? "riga" : "righe")}, "
                + $"{Italian.Number(unknown.Persons)} {(unknown.Persons == 1 ? "persona" : "persone")} (conta solo come uso dei servizi)");
        }

        bool dddCriteria = criteria.Pathologies.Any(p => p.Criteria.Any(c => c.MinDdd > 0));
        if (dddCriteria && summary.PersonsJudgedOnPacks > 0)
        {
            env.Output.WriteLine($"DDD non caricate per alcune dispensazioni: le soglie in DDD sono state valutate in confezioni (fallback-packs) per {Italian.Number(summary.PersonsJudgedOnPacks)} "
                + (summary.PersonsJudgedOnPacks == 1 ? "persona" : "persone") + " (evidenza con 'confezioni (DDD non caricate)')");
        }
    }

    private static void ReportOverrides(CliEnvironment env, ClassificationOverrides approved)
    {
        var skipped = approved.Skipped.ToList();
        env.Output.WriteLine($"riclassificazioni approvate: {Italian.Number(approved.Applied)} applicate (colonna reclassification), {Italian.Number(skipped.Count)} non applicate");
        foreach (var (o, skip) in skipped)
        {
            env.Error.WriteLine($"riclassificazione non applicata: {o.Reference} di {o.PersonId}: " + skip switch
            {
                OverrideSkip.DecidedAfterAsOf => $"decisa il {Italian.Date(o.DecidedOn)}, dopo la data di riferimento: resta in vigore sopra questa stratificazione",
                OverrideSkip.Deceased => "persona deceduta prima della data di riferimento",
                _ => "persona assente dall'anagrafe della stratificazione",
            });
        }
    }

    private static DateOnly ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"--as-of: data non valida '{text}' (atteso AAAA-MM-GG)");

    private static string Describe(InputError error) =>
        $"{error.File}: riga {error.Line}: colonna {error.Field}: '{error.Value}': {error.Reason}";
}
