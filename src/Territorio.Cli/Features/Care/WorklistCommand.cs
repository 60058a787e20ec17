using System.CommandLine;
using Territorio.CareManagement.CaseManagement;
using static Territorio.Cli.Features.Care.CareCli;

namespace Territorio.Cli.Features.Care;

/// <summary><c>territorio worklist --gestore ID</c>: patients to call, most urgent first.</summary>
public static class WorklistCommand
{
    public static Command Build(CliEnvironment env)
    {
        var gestore = Required("--gestore", "Codice del Gestore.");
        var paiDays = new Option<int>("--giorni-pai") { Description = "Giorni dal patto oltre i quali un PAI non scritto è segnalato.", DefaultValueFactory = _ => WorklistRules.DefaultPaiDueDays };
        var asOf = Optional("--al", "Data di riferimento (AAAA-MM-GG; oggi se assente).");
        var max = new Option<int>("--max") { Description = "Numero massimo di pazienti.", DefaultValueFactory = _ => 50 };
        return Query(env, "worklist", "Pazienti da contattare per il Gestore, in ordine di urgenza: appuntamenti mancati, prestazioni in ritardo, PAI non scritto, patto in scadenza.",
            [gestore, paiDays, asOf, max], async (p, _, s, ct) =>
            {
                var entries = await s.Cases.WorklistAsync(p.GetValue(gestore)!, Date(p.GetValue(asOf), "--al"), p.GetValue(paiDays), ct);
                env.Output.WriteLine($"{Italian.Number(entries.Count)} pazienti da contattare");
                foreach (var entry in entries.Take(p.GetValue(max)))
                {
                    env.Output.WriteLine($"{entry.PatientId}\tlivello {entry.Level}\t{Reason(entry.MostUrgent)}\t{string.Join("; ", entry.Findings.Select(f => f.Detail))}");
                }

                return ExitCodes.Ok;
            });
    }

    private static string Reason(WorklistReason reason) => reason switch
    {
        WorklistReason.MissedBooking => "appuntamento mancato",
        WorklistReason.OverdueService => "prestazioni in ritardo",
        WorklistReason.PaiNotWritten => "PAI non scritto",
        WorklistReason.PaiToWrite => "nuovo patto: PAI da redigere",
        _ => "patto in scadenza",
    };
}
