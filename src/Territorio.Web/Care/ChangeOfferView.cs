using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.Web.Api;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Care;

/// <summary>
/// The change of Gestore offered after a reclassification to a level the Gestore is not accredited
/// for, as the patient (<paramref name="ForPatient"/>), the ATS or the Gestore read it;
/// <paramref name="CanChoose"/>: the reader may choose the new Gestore (the patient, or the ATS on
/// their behalf), which starts the ordinary change of Gestore before the Commission.
/// </summary>
public sealed record ChangeOfferView(ChangeOffer Offer, bool ForPatient, bool CanChoose)
{
    public static IReadOnlyDictionary<string, string[]> NoErrors { get; } = new Dictionary<string, string[]>();

    /// <summary>The chosen Gestore and date, checked field by field, become a change-of-Gestore request; the reason names the decision.</summary>
    public static async Task<string> ChooseAsync(CareServices care, string patientId, string? gestoreId, string? effective, CareActor by, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation();
        if (string.IsNullOrWhiteSpace(gestoreId))
        {
            validation.Add("gestoreId", "scegliere il nuovo Gestore");
        }

        var from = AuditEndpoints.ParseDay(effective, "decorrenza", validation);
        if (from is null && validation.IsValid)
        {
            validation.Add("decorrenza", "indicare la data da cui decorre il cambio");
        }

        if (!validation.IsValid)
        {
            throw new RefusedException(string.Join("; ", validation.Errors.SelectMany(e => e.Value)));
        }

        var offer = await care.Enrolment.ChangeOfferAsync(patientId, ct)
            ?? throw new RefusedException("non c'è un cambio di Gestore da scegliere: il Gestore attuale è accreditato per il livello in vigore, o un cambio è già stato chiesto");
        string reason = $"riclassificazione al livello {offer.Level}"
            + (offer.Reclassification is { } r ? $" (n.{r.Id}, decisa il {ItalianFormat.Date(r.DecidedOn)})" : "")
            + $": il Gestore {offer.CurrentGestore.Name} ({offer.CurrentGestore.Id}) non è accreditato per questo livello";
        var request = await care.Enrolment.RequestChangeAsync(patientId, gestoreId!.Trim(), from!.Value, by, reason, ct);
        string to = offer.Gestori.FirstOrDefault(g => g.Id == request.ToGestoreId)?.Name ?? request.ToGestoreId;
        return $"Richiesta di cambio Gestore n.{request.Id} inviata alla Commissione ATS: verso {to} ({request.ToGestoreId}) dal {ItalianFormat.Date(request.EffectiveDate)}. "
            + $"Fino ad allora resta in vigore il Patto di Cura n.{request.PactId} con {offer.CurrentGestore.Name}; il nuovo patto si firma con il nuovo Gestore da quella data.";
    }
}
