using System.CommandLine;
using System.Globalization;
using Territorio.Flows.Stratification;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Engine;

namespace Territorio.Cli.Features.Stratification;

/// <summary>
/// <c>territorio stratify</c>: every resident into levels 1–5 from the regional flows
/// (DGR X/6164/2017), with the pathologies found and the records that prove them.
/// </summary>
public static class StratifyCommand
{
    public static Command Build(CliEnvironment env)
    {
        var persons = CommandExtensions.ExistingFile("--persons", "Anagrafe: person_id, birth_date, sex, ats, mmg_id, death_date.");
        var sdo = CommandExtensions.ExistingFile("--sdo", "Schede di dimissione ospedaliera (tracciato SDO di Territorio).");
        var sdoLayout = CommandExtensions.ExistingFile("--sdo-layout", "Layout JSON del file SDO della regione (colonne, separatore, formati delle date: docs/flow-layouts.md); se assente, le colonne di Territorio.", required: false);
        var drugs = CommandExtensions.ExistingFile("--drugs", "Farmaceutica: person_id, date, atc, packs, ddd.");
        var exemptions = CommandExtensions.ExistingFile("--exemptions", "Esenzioni: person_id, code, start_date, end_date.");
        var outpatient = CommandExtensions.ExistingFile("--outpatient", "Specialistica ambulatoriale: person_id, date, code.");
        var asOf = new Option<string>("--as-of") { Description = "Data di riferimento AAAA-MM-GG.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "File dei livelli da scrivere (levels.csv).", Required = true };
        var criteria = CommandExtensions.ExistingFile("--criteria", "File dei criteri di classificazione (predefinito: quello provvisorio distribuito).", required: false);
        var report = new Option<FileInfo>("--report") { Description = "Piramide per ATS e MMG: CSV in questo file, pagina HTML accanto (stesso nome, .html)." };
        var overrides = CommandExtensions.ExistingFile("--overrides",
            "Riclassificazioni approvate dalla Commissione ATS (CSV di 'territorio reclassifications export'): sostituiscono livello e patologie delle persone, con il motivo nella colonna reclassification.", required: false);

        var command = new Command("stratify", "Stratifica la popolazione nei livelli 1–5 della DGR X/6164/2017 dai flussi regionali.")
        {
            persons, sdo, sdoLayout, drugs, exemptions, outpatient, asOf, output, criteria, report, overrides,
        };
        command.SetAction(parse =>
        {
            var date = ParseDate(parse.GetValue(asOf)!);
            var result = Run(env, new StratificationInputs(
                parse.GetValue(persons)!.FullName, parse.GetValue(sdo)!.FullName, parse.GetValue(drugs)!.FullName,
                parse.GetValue(exemptions)!.FullName, parse.GetValue(outpatient)!.FullName, parse.GetValue(sdoLayout)?.FullName),
                date, parse.GetValue(output)!.FullName, parse.GetValue(criteria)?.FullName, parse.GetValue(report)?.FullName, parse.GetValue(overrides)?.FullName);
            return result.Rejected > 0 ? ExitCodes.BadData : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs a stratification and prints where its files are; used by <c>demo run</c> too.</summary>
    public static StratificationSummary Run(CliEnvironment env, StratificationInputs inputs, DateOnly asOf, string levelsPath, string? criteriaPath, string? reportPath, string? overridesPath = null)
    {
        var criteria = CriteriaFiles.Load(env.ReferenceData, criteriaPath);
        if (criteria.IsProvisional)
        {
            env.Error.WriteLine($"attenzione: {criteria.Label} ({criteria.SourceName})");
        }

        ClassificationOverrides? approved = null;
        if (overridesPath is not null)
        {
            using var file = new StreamReader(overridesPath);
            approved = new ClassificationOverrides(ClassificationOverridesCsv.Read(file, overridesPath, CriteriaFiles.Catalogue(env.ReferenceData)), asOf);
        }

        // Written beside the target and moved at the end: never a half-written levels.csv.
        string temporary = levelsPath + ".tmp";
        StratificationSummary summary;
        try
        {
            using var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false), 1 << 16);
            summary = new StratificationRun(env.ReferenceData).Run(inputs, criteria, asOf, writer, error => env.Error.WriteLine(Describe(error)), approved);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        File.Move(temporary, levelsPath, overwrite: true);
        var region = summary.Pyramid.Region;
        env.Output.WriteLine($"stratificazione al {Italian.Date(asOf)}: {Italian.Number(region.Living)} assistiti, livelli 1-5 = "
            + string.Join(" / ", Enumerable.Range(1, 5).Select(l => Italian.Number(region[l])))
            + $"; {Italian.Number(region.Deceased)} deceduti esclusi");
        env.Output.WriteLine($"livelli: {levelsPath}");
        if (approved is not null)
        {
            ReportOverrides(env, approved);
        }
        if (reportPath is not null)
        {
            string html = Path.ChangeExtension(reportPath, ".html");
            using (var csv = new StreamWriter(reportPath, false, new System.Text.UTF8Encoding(false)))
            {
                PyramidReportWriter.WriteCsv(csv, summary, criteria.Label);
            }

            using (var page = new StreamWriter(html, false, new System.Text.UTF8Encoding(false)))
            {
                PyramidReportWriter.WriteHtml(page, summary, criteria.Label, criteria.IsProvisional, asOf);
            }

            env.Output.WriteLine($"rapporto: {reportPath} e {html}");
        }

        if (summary.Rejected > 0)
        {
            env.Error.WriteLine($"{Italian.Number(summary.Rejected)} righe scartate (vedi sopra)");
        }

        return summary;
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
