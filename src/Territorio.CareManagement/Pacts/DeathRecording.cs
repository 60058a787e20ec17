using Territorio.CareManagement.Common;
using Territorio.Kernel.Population;

namespace Territorio.CareManagement.Pacts;

/// <summary>How the ATS learned of a death it records by hand (the anagrafe import is a source of its own).</summary>
public enum DeathSource
{
    CertificatoDiMorte = 1,
    ComunicazioneMmg,
    ComunicazioneStruttura,
    ComunicazioneFamiliari,
    Altro,
}

/// <summary>A death as the ATS records it by hand: the day, how it became known, and a note ("altro" needs one).</summary>
public sealed record DeathNotice(DateOnly Date, DeathSource Source, string? Note = null)
{
    /// <summary>Longest note kept: the audit's reason column holds the source's label and the note.</summary>
    public const int MaxNoteLength = 500;

    public static IReadOnlyList<DeathSource> Sources { get; } = Enum.GetValues<DeathSource>();

    public static string Label(DeathSource source) => source switch
    {
        DeathSource.CertificatoDiMorte => "certificato di morte",
        DeathSource.ComunicazioneMmg => "comunicazione del MMG",
        DeathSource.ComunicazioneStruttura => "comunicazione della struttura di ricovero",
        DeathSource.ComunicazioneFamiliari => "comunicazione dei familiari",
        _ => "altro",
    };

    /// <summary>The source as the audit trail keeps it: "comunicazione del MMG: telefonata del 03/12".</summary>
    public string Reason => string.IsNullOrWhiteSpace(Note) ? Label(Source) : $"{Label(Source)}: {Note.Trim()}";
}

/// <summary>
/// Whether the ATS may record a patient's death by hand. Territorio's own rules (the anagrafe is the
/// ATS's, DGR X/6164/2017 allegato 1 gives the ATS the registry of its territory's residents): only an
/// ATS operator of the patient's territory records it; the day is not in the future nor before the
/// birth; a death already recorded is corrected by the anagrafe import, not recorded twice by hand.
/// </summary>
public static class DeathRecording
{
    /// <summary>The first rule the death breaks, in Italian, naming the field; null: it may be recorded.</summary>
    public static CareRuleException? Refusal(Resident patient, DeathNotice notice, Actor by, DateOnly today)
    {
        if (by.Role is not (ActorRole.Ats or ActorRole.System))
        {
            return new CareRuleException("solo l'ATS registra il decesso di un assistito");
        }

        if (by.Role == ActorRole.Ats && !by.ActsFor(patient.Ats))
        {
            return new CareRuleException($"{patient.DisplayName} risiede nel territorio di un'altra ATS ({patient.Ats}): il decesso lo registra l'ATS di residenza");
        }

        if (patient.DeathDate is { } recorded)
        {
            return new CareRuleException($"{patient.DisplayName} risulta già deceduto/a il {recorded:dd/MM/yyyy}: una correzione arriva dall'anagrafe", "dataDecesso");
        }

        if (notice.Date > today)
        {
            return new CareRuleException($"la data di decesso {notice.Date:dd/MM/yyyy} è nel futuro", "dataDecesso");
        }

        if (notice.Date < patient.BirthDate)
        {
            return new CareRuleException($"la data di decesso {notice.Date:dd/MM/yyyy} precede la nascita dell'assistito ({patient.BirthDate:dd/MM/yyyy})", "dataDecesso");
        }

        if (!Enum.IsDefined(notice.Source))
        {
            return new CareRuleException("la fonte della notizia del decesso non è tra quelle previste", "fonte");
        }

        if (notice.Source == DeathSource.Altro && string.IsNullOrWhiteSpace(notice.Note))
        {
            return new CareRuleException("con la fonte \"altro\" serve una nota che dica da chi è arrivata la notizia", "nota");
        }

        return notice.Note is { Length: > DeathNotice.MaxNoteLength }
            ? new CareRuleException($"la nota supera {DeathNotice.MaxNoteLength} caratteri ({notice.Note.Length})", "nota")
            : null;
    }
}
