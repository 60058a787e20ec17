using System.CommandLine;
using System.Globalization;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Reclassification;
using Territorio.Flows.Stratification;
using Territorio.Stratification.Engine;
using static Territorio.Cli.Features.Care.CareCli;

namespace Territorio.Cli.Features.Care;

/// <summary>
/// <c>territorio reclassifications export --out FILE</c>: the reclassifications the ATS Commission
/// approved since the latest stratification, for <c>territorio stratify --overrides</c> (decision 0054).
/// </summary>
public static class ReclassificationsCommands
{
    public static Command Build(CliEnvironment env)
    {
        var output = new Option<FileInfo>("--out") { Description = "File CSV da scrivere (person_id, level, main_pathology, pathologies, decided_on, reference, reason).", Required = true };
        var ats = Optional("--ats", "Solo gli assistiti di questa ATS.");
        var export = Query(env, "export", "Esporta le riclassificazioni approvate dopo l'ultima stratificazione: la prossima 'territorio stratify --overrides' le applica.",
            [output, ats], async (p, _, s, ct) =>
            {
                var file = p.GetValue(output)!;
                int count = await ExportAsync(s, p.GetValue(ats), file.FullName, ct);
                env.Output.WriteLine($"{Italian.Number(count)} riclassificazioni approvate esportate in {file.FullName}");
                return ExitCodes.Ok;
            });
        return new Command("reclassifications", "Riclassificazioni decise dalla Commissione ATS, per la prossima stratificazione.") { export };
    }

    /// <summary>Writes the file (beside the target, then moved: never half-written); returns how many.</summary>
    public static async Task<int> ExportAsync(CareServices services, string? ats, string path, CancellationToken ct)
    {
        var approved = await services.Reclassification.InForceAsync(ats, ct);
        Territorio.Flows.Files.OutputFile.WriteText(path, writer => ClassificationOverridesCsv.Write(writer, approved.Select(AsOverride)));
        return approved.Count;
    }

    /// <summary>The Commission's decision as the stratification reads it: main pathology first, request and decision reasons.</summary>
    public static ClassificationOverride AsOverride(ReclassificationRequest request)
    {
        var pathologies = request.ToPathologies.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .OrderBy(code => code == request.ToMainPathology ? 0 : 1)
            .Select(code => int.Parse(code, CultureInfo.InvariantCulture))
            .ToList();
        string reason = request.DecisionReason is { Length: > 0 } decision ? $"{request.Reason} (Commissione: {decision})" : request.Reason;
        return new ClassificationOverride(request.PatientId, request.ToLevel, pathologies, request.DecidedOn!.Value, $"riclassificazione n.{request.Id}", reason);
    }
}
