using System.CommandLine;
using System.Globalization;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Application.Remuneration;
using Territorio.Cli.Features.Care;
using Territorio.CommandLine;
using Territorio.Data;
using Territorio.Flows.Printing;
using Territorio.Flows.Remuneration;
using Territorio.Kernel.Errors;
using Territorio.Remuneration.Tariffs;
using Territorio.Remuneration.WhatIf;
using Territorio.Remuneration.Yearly;

namespace Territorio.Cli.Features.Remuneration;

/// <summary>
/// <c>territorio remunerate --year YYYY</c>: what the ATS pays each Gestore and what each GP is
/// owed for the year (DGR X/6164/2017), exported as CSV, XLSX and one PDF per Gestore; with
/// <c>--catalogue</c>, the same year under another catalogue side by side (what-if).
/// </summary>
public static class RemunerateCommand
{
    private const int IssuesShown = 20;

    public static Command Build(CliEnvironment env)
    {
        var year = new Option<int>("--year") { Description = "Anno da remunerare (AAAA).", Required = true };
        year.Validators.Add(r =>
        {
            if (OptionValues.TryGet<int>(r, out int year) && year is < 2000 or > 2100)
            {
                r.AddError("--year deve essere un anno tra 2000 e 2100");
            }
        });
        var ats = new Option<string?>("--ats") { Description = "Solo i patti di questa ATS (codice)." };
        var other = CommandExtensions.ExistingFile("--catalogue", "Catalogo alternativo (JSON) per la simulazione: stesso anno pagato con queste tariffe, a confronto con le attuali.", required: false);
        var pacts = CommandExtensions.ExistingFile("--pacts", "File CSV dei periodi dei Patti di Cura (colonne in docs/remuneration.md); senza, i Patti di Cura del database.", required: false);
        var output = new Option<DirectoryInfo?>("--out") { Description = "Cartella dei risultati (CSV, XLSX, PDF per Gestore); predefinita: remunerazione-AAAA." };
        var paiFee = new Option<decimal?>("--pai-fee") { Description = "Compenso in euro per PAI scritto da un MMG collaboratore (altrimenti Remuneration:PaiFee della configurazione)." };
        var command = new Command("remunerate", "Remunerazione annuale dei Gestori e dei MMG: tariffa per patologia e livello, pro rata per giorni di patto attivo.")
        {
            year, ats, other, pacts, output, paiFee,
        };
        command.SetAction(async (parse, ct) =>
        {
            int y = parse.GetValue(year);
            env.RequirePdfLicense();

            var pathologies = ChronicPathologies.Load(env.ReferenceData);
            var current = RemunerationCatalogues.Load(env, pathologies);
            var alternative = parse.GetValue(other) is { } file ? RemunerationCatalogues.Load(env, pathologies, file) : null;
            CheckCovers(current, y);
            if (alternative is not null)
            {
                CheckCovers(alternative, y);
            }

            var options = new RemunerationOptions { PaiFee = parse.GetValue(paiFee) ?? ConfiguredFee(env) };
            var periods = await ReadPeriodsAsync(env, parse.GetValue(pacts), y, parse.GetValue(ats), ct);

            var result = RemunerationEngine.Run(periods, current, y, options);
            var comparison = alternative is null ? null : CatalogueComparison.Compare(result, RemunerationEngine.Run(periods, alternative, y, options));
            var directory = parse.GetValue(output) ?? new DirectoryInfo($"remunerazione-{y}");
            // Pacts from the database: the patients, Gestori and GPs are named from it too.
            var catalogues = CareCli.CataloguesOf(env);
            var names = parse.GetValue(pacts) is null ? await NamesAsync(env, result, parse.GetValue(ats), catalogues, ct) : RemunerationNames.Reference(catalogues);
            WriteOutputs(result, comparison, directory, env.Configuration["Remuneration:FontDirectory"], names);
            Report(env, result, comparison, directory, names);
            return result.Issues.Count > 0 ? ExitCodes.BadData : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The pact periods of the year: from the file when given, else from the care-management tables (decision 0056).</summary>
    private static async Task<List<PactPeriod>> ReadPeriodsAsync(CliEnvironment env, FileInfo? file, int year, string? ats, CancellationToken ct)
    {
        if (file is not null)
        {
            return await new PactPeriodCsv(file.FullName).ReadYearAsync(year, ats, ct);
        }

        // Paying a year only reads the care tables.
        await using var db = await TerritorioDatabase.OpenReadOnlyAsync(env.Database, ct);
        var periods = await new CarePactPeriodSource(db).ReadYearAsync(year, ats, ct);
        env.Output.WriteLine($"patti di cura dal database ({env.Database.Provider}): {Italian.Number(periods.Count)} periodi attivi nel {year}");
        return periods;
    }

    private static async Task<PartyNames> NamesAsync(CliEnvironment env, RemunerationResult result, string? ats, CareCatalogues catalogues, CancellationToken ct)
    {
        await using var db = await TerritorioDatabase.OpenReadOnlyAsync(env.Database, ct);
        return await RemunerationNames.OfAsync(db, result, ats, catalogues, ct);
    }

    private static decimal? ConfiguredFee(CliEnvironment env)
    {
        string? text = env.Configuration["Remuneration:PaiFee"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal fee)
            ? fee
            : throw new UsageException($"Remuneration:PaiFee non è un importo valido: '{text}'");
    }

    private static void CheckCovers(TariffCatalogue catalogue, int year)
    {
        var info = catalogue.Info;
        if (!info.Covers(new DateOnly(year, 1, 1)) || !info.Covers(new DateOnly(year, 12, 31)))
        {
            throw new InputDataException($"il catalogo {info.Label} è valido dal {Italian.Date(info.ValidFrom)}" +
                $"{(info.ValidTo is { } to ? " al " + Italian.Date(to) : "")}: non copre tutto l'anno {year}");
        }
    }

    /// <summary>Everything is written to a scratch folder first, then moved in: no half-written results.</summary>
    private static void WriteOutputs(RemunerationResult result, CatalogueComparison? comparison, DirectoryInfo directory, string? fontDirectory, PartyNames names)
    {
        string parent = Path.GetDirectoryName(directory.FullName) ?? ".";
        Directory.CreateDirectory(parent);
        var scratch = Directory.CreateDirectory(Path.Combine(parent, $".{directory.Name}.{Environment.ProcessId}.tmp"));
        try
        {
            var tables = RemunerationTables.Of(result, comparison, names).ToList();
            foreach (var table in tables)
            {
                RemunerationExport.WriteCsv(table, Path.Combine(scratch.FullName, table.Name + ".csv"));
            }

            RemunerationExport.WriteXlsx(tables, Path.Combine(scratch.FullName, $"remunerazione-{result.Year}.xlsx"));
            foreach (var statement in result.Gestori)
            {
                GestoreStatementPdf.Write(statement, result, Path.Combine(scratch.FullName, $"estratto-{SafeName(statement.GestoreId)}-{result.Year}.pdf"), fontDirectory, names);
            }

            directory.Create();
            foreach (var file in scratch.EnumerateFiles())
            {
                file.MoveTo(Path.Combine(directory.FullName, file.Name), overwrite: true);
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static string SafeName(string id) => string.Concat(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private static void Report(CliEnvironment env, RemunerationResult result, CatalogueComparison? comparison, DirectoryInfo directory, PartyNames names)
    {
        var o = env.Output;
        o.WriteLine($"remunerazione {result.Year} con il catalogo {result.Catalogue.Label}: {Italian.Number(result.Lines.Count)} righe, " +
            $"{Italian.Number(result.Gestori.Count)} Gestori, {Italian.Number(result.Mmg.Count)} MMG");
        foreach (var t in result.ByAts)
        {
            o.WriteLine($"  {names.AtsLabel(t.Key)}: € {Money(t.Amount)} per {Italian.Number(t.Patients)} assistiti (di cui quote MMG € {Money(t.MmgShares)})");
        }

        o.WriteLine($"  totale: € {Money(result.Total)}");
        if (comparison is not null)
        {
            o.WriteLine($"simulazione con il catalogo {comparison.Alternative.Catalogue.Label}:");
            foreach (var r in comparison.ByAts.Append(comparison.Overall))
            {
                string percent = r.DifferencePercent is { } p ? $" ({p.ToString("+0.00;-0.00;0.00", Italian.Culture)}%)" : "";
                o.WriteLine($"  {(r.Key == "totale" ? "totale" : names.AtsLabel(r.Key))}: attuale € {Money(r.Current)}, alternativo € {Money(r.Alternative)}, differenza € {Money(r.Difference)}{percent}");
            }
        }

        o.WriteLine($"risultati in {directory.FullName}");
        foreach (var info in new[] { result.Catalogue, comparison?.Alternative.Catalogue }.OfType<TariffCatalogueInfo>().Where(i => i.Provisional))
        {
            env.Error.WriteLine(RemunerationCatalogues.ProvisionalWarning(info));
        }

        if (result.Issues.Count > 0)
        {
            env.Error.WriteLine($"{Italian.Number(result.Issues.Count)} periodi non pagati (dettaglio in anomalie.csv):");
            foreach (var issue in result.Issues.Take(IssuesShown))
            {
                env.Error.WriteLine("  " + issue.Message);
            }
        }
    }

    private static string Money(decimal value) => value.ToString("N2", Italian.Culture);
}
