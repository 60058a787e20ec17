using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Application.Registry;
using Territorio.CareManagement.Pacts;
using Territorio.Web.Api;

namespace Territorio.Web.Ats;

/// <summary>A death as the ATS sends it (web form or REST): the day as gg/mm/aaaa or aaaa-mm-gg, the source's code, a note.</summary>
public sealed record DeathRequest(string? DataDecesso, string? Fonte, string? Nota);

/// <summary>What recording a death did, or would do (the confirmation step): the person, the pact that ends, the bookings cancelled.</summary>
public sealed record DeathOutcomeDto(
    string PatientId,
    string PatientName,
    string? FiscalCode,
    DateOnly DeathDate,
    string Source,
    string? Note,
    long? PactId,
    string? GestoreName,
    DateOnly? PactLastDay,
    IReadOnlyList<BookingDto> BookingsCancelled);

/// <summary>
/// Reads a death sent by the ATS and describes its effects. The sources have stable codes on the
/// wire ("comunicazione-mmg") and Italian labels on screen (<see cref="DeathNotice.Label"/>).
/// </summary>
public static class DeathForm
{
    public static string Code(DeathSource source) => source switch
    {
        DeathSource.CertificatoDiMorte => "certificato-di-morte",
        DeathSource.ComunicazioneMmg => "comunicazione-mmg",
        DeathSource.ComunicazioneStruttura => "comunicazione-struttura",
        DeathSource.ComunicazioneFamiliari => "comunicazione-familiari",
        _ => "altro",
    };

    /// <summary>The notice, or the fields at fault in <paramref name="validation"/> (dataDecesso, fonte, nota).</summary>
    public static DeathNotice? Read(DeathRequest request, ApiProblems.Validation validation)
    {
        DateOnly? day = null;
        if (string.IsNullOrWhiteSpace(request.DataDecesso))
        {
            validation.Add("dataDecesso", "indicare la data di decesso (gg/mm/aaaa)");
        }
        else
        {
            day = CareApi.Day(request.DataDecesso, "dataDecesso", validation);
        }

        var source = DeathNotice.Sources.Where(s => Code(s) == request.Fonte?.Trim()).Select(s => (DeathSource?)s).FirstOrDefault();
        if (source is null)
        {
            validation.Add("fonte", string.IsNullOrWhiteSpace(request.Fonte)
                ? "indicare da chi è arrivata la notizia del decesso"
                : $"fonte non prevista; valori ammessi: {string.Join(", ", DeathNotice.Sources.Select(Code))}");
        }

        string? note = string.IsNullOrWhiteSpace(request.Nota) ? null : request.Nota.Trim();
        if (note is { Length: > DeathNotice.MaxNoteLength })
        {
            validation.Add("nota", $"la nota supera {DeathNotice.MaxNoteLength} caratteri ({note.Length})");
        }

        return validation.IsValid ? new DeathNotice(day!.Value, source!.Value, note) : null;
    }

    /// <summary>The effects of the death with every party named (patient, Gestore, erogatore, service).</summary>
    public static async Task<DeathOutcomeDto> DescribeAsync(CareServices care, DeathPreview preview, CancellationToken ct)
    {
        var names = await AgendaNames.LoadAsync(care, [preview.Patient.Id], preview.BookingsCancelled.Select(b => b.ErogatoreId), ct);
        string? gestore = preview.Pact is { } pact ? (await PeopleNames.GestoriAsync(care.Db, [pact.GestoreId], ct)).GetValueOrDefault(pact.GestoreId, pact.GestoreId) : null;
        var notice = preview.Notice;
        return new DeathOutcomeDto(
            preview.Patient.Id,
            preview.Patient.DisplayName,
            preview.Patient.FiscalCode,
            notice.Date,
            Code(notice.Source),
            notice.Note,
            preview.Pact?.Id,
            gestore,
            preview.Pact is { } ending ? LastDay(ending.StartDate, notice.Date) : null,
            [.. preview.BookingsCancelled.Select(names.Of)]);
    }

    /// <summary>The pact's last day in force: the day of death, or none when the death came before its start (it never ran).</summary>
    private static DateOnly? LastDay(DateOnly pactStart, DateOnly death) => death < pactStart ? null : death;
}
