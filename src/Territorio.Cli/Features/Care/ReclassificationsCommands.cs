using System.CommandLine;
using System.Globalization;
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
        var export = Command(env, "export", "Esporta le riclassificazioni approvate dopo l'ultima stratificazione: la prossima 'territorio stratify --overrides' le applica.",
            [output, ats], async (p, _, s, ct) =>
            {
                var approved = await s.Reclassification.InForceAsync(p.GetValue(ats), ct);
                var file = p.GetValue(output)!;
                string temporary = file.FullName + ".tmp";
                await using (var writer = new StreamWriter(temporary, false, new System.Text.UTF8Encoding(false)))
                {
                    ClassificationOverridesCsv.Write(writer, approved.Select(AsOverride));
                }

                File.Move(temporary, file.FullName, overwrite: true);
                env.Output.WriteLine($"{Italian.Number(approved.Count)} riclassificazioni approvate esportate in {file.FullName}");
                return ExitCodes.Ok;
            });
        return new Command("reclassifications", "Riclassificazioni decise dalla Commissione ATS, per la prossima stratificazione.") { export };
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
