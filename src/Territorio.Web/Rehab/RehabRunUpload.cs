using Microsoft.AspNetCore.Http;
using Territorio.Data.Rehab;
using Territorio.Kernel.Errors;
using Territorio.Web.Security;

namespace Territorio.Web.Rehab;

/// <summary>How an upload ended: the run, or an HTTP status with the reason in the user's terms.</summary>
public sealed record UploadOutcome(RehabRun? Run, int Status, string? Error);

/// <summary>An upload from a screen or the API: received (streamed), checked, kept for the uploader's ATS.</summary>
public sealed class RehabRunUpload(RehabRunImport import, RehabWebOptions options)
{
    public RehabWebOptions Options => options;

    public async Task<UploadOutcome> ImportAsync(Func<Task<UploadedSdo?>> receive, Actor actor, CancellationToken ct)
    {
        try
        {
            using var file = await receive();
            if (file is null)
            {
                return new(null, StatusCodes.Status400BadRequest, "Nessun file ricevuto: scegliere il file SDO (CSV) da controllare.");
            }

            if (file.Bytes == 0)
            {
                return new(null, StatusCodes.Status400BadRequest, $"Il file {file.FileName} è vuoto.");
            }

            // The shared check of encoding and binary content (decision 0140) before the scan.
            Territorio.Flows.Files.CheckedTextStream.CheckHead(file.Path, file.FileName);
            var run = await import.ImportAsync(file, actor.Ats, actor.UserName, demo: false, ct);
            return new(run, StatusCodes.Status201Created, null);
        }
        catch (LayoutRefusedException ex)
        {
            return new(null, StatusCodes.Status400BadRequest, "Layout non valido: " + Where(ex.Error, "campo"));
        }
        catch (UploadTooLargeException ex)
        {
            return new(null, StatusCodes.Status413PayloadTooLarge, $"File non accettato: {ex.Message}.");
        }
        catch (InputDataException ex)
        {
            // A file the check cannot read at all (e.g. a column missing from the header): nothing was kept.
            return new(null, StatusCodes.Status400BadRequest, "File SDO non elaborabile: " + (ex.Error is { } e ? Where(e, "colonna") : ex.Message));
        }
    }

    /// <summary>"file, riga N, colonna C: motivo" (a layout's "campo"); a form field has no line.</summary>
    private static string Where(InputError e, string fieldWord) =>
        $"{e.File}{(e.Line > 0 ? $", riga {e.Line}" : "")}{(e.Field == InputError.WholeFile ? "" : $", {fieldWord} {e.Field}")}{(e.Value.Length > 0 ? $" ('{e.Value}')" : "")}: {e.Reason}";
}
