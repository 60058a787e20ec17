using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Network;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

/// <summary>The erogatore's agenda and the delivery of its booked services (adherence counts them at once).</summary>
public static class ErogatoreEndpoints
{
    /// <summary>Longest agenda period one call returns.</summary>
    public const int MaxAgendaDays = 366;

    private const string Tag = "Erogatore";

    public static void MapErogatoreApi(this RouteGroupBuilder api)
    {
        var erogatore = api.MapGroup("/erogatore").RequireAuthorization(Policies.Erogatore);
        erogatore.MapGet("/agenda", AgendaAsync)
            .Describe<List<BookingDto>>(Tag, "Prenotazioni dell'erogatore nel periodo (dal/al gg/mm/aaaa; di norma da una settimana fa a due mesi avanti).");
        erogatore.MapGet("/prestazioni", ServicesAsync)
            .Describe<ErogatoreServices>(Tag, "Branche specialistiche accreditate dell'erogatore e prestazioni che offre.");
        erogatore.MapPost("/prestazioni", OfferAsync)
            .Describe<ErogatoreServices>(Tag, "Pubblica una prestazione del nomenclatore (code; slotMinutes, di norma 30): solo delle branche per cui l'erogatore è accreditato; gli slot si aprono secondo l'orario.");
        erogatore.MapPost("/prestazioni/ritiro", WithdrawAsync)
            .Describe<ErogatoreServices>(Tag, "Ritira una prestazione offerta (code): rifiutato finché ne restano appuntamenti prenotati da oggi in poi (elencati); gli slot liberi da oggi in poi sono tolti dall'agenda.");
        erogatore.MapPost("/prenotazioni/{bookingId}/erogazione", DeliverAsync)
            .Describe<BookingDto>(Tag, "Segna come erogata una prenotazione dell'erogatore nel giorno indicato (date obbligatoria): non prima del giorno dell'appuntamento, non nel futuro, entro il periodo del patto.");
        erogatore.MapPost("/prenotazioni/{bookingId}/mancata", MissedAsync)
            .Describe<BookingDto>(Tag, "Registra che il paziente non si è presentato (appuntamento passato).");
        erogatore.MapPost("/prenotazioni/{bookingId}/storno", ReverseAsync)
            .Describe<BookingDto>(Tag, "Storna un'erogazione registrata per errore (reason obbligatoria): la prenotazione torna prenotata, l'erogazione resta a registro come stornata.");
    }

    private static async Task<IResult> ServicesAsync(HttpContext http, CareServices care, CancellationToken ct) =>
        TypedResults.Ok(await care.Network.ServicesOfAsync(Actor.From(http.User).ErogatoreId!, ct));

    private static Task<IResult> OfferAsync(OfferRequest request, HttpContext http, CareServices care, CancellationToken ct) =>
        CareApi.RunAsync(async () =>
        {
            var validation = new ApiProblems.Validation().Required("code", request.Code, "Codice della prestazione");
            string code = request.Code?.Trim() ?? "";
            if (validation.IsValid && !care.Catalogues.Vocabulary.Services.ContainsKey(code))
            {
                validation.Add("code", $"{code} non è nel nomenclatore delle prestazioni");
            }

            if (request.SlotMinutes is < 5 or > 480)
            {
                validation.Add("slotMinutes", $"durata dello slot non valida: {request.SlotMinutes} minuti (da 5 a 480)");
            }

            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            string erogatoreId = Actor.From(http.User).ErogatoreId!;
            await care.Network.PublishAsync(erogatoreId, code, request.SlotMinutes ?? OfferedService.DefaultSlotMinutes, CareActors.OfErogatore(Actor.From(http.User)), ct);
            return TypedResults.Ok(await care.Network.ServicesOfAsync(erogatoreId, ct));
        }, field: "code");

    private static Task<IResult> WithdrawAsync(WithdrawRequest request, HttpContext http, CareServices care, CancellationToken ct) =>
        CareApi.RunAsync(async () =>
        {
            var validation = new ApiProblems.Validation().Required("code", request.Code, "Codice della prestazione");
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            var me = Actor.From(http.User);
            await care.Network.WithdrawAsync(me.ErogatoreId!, request.Code!.Trim(), CareActors.OfErogatore(me), ct);
            return TypedResults.Ok(await care.Network.ServicesOfAsync(me.ErogatoreId!, ct));
        }, field: "code");

    private static Task<IResult> MissedAsync(long bookingId, HttpContext http, CareDesk desk, CareServices care, CancellationToken ct) =>
        CareApi.RunAsync(async () => TypedResults.Ok(await AgendaNames.OneAsync(care, await desk.MarkMissedAsync(Actor.From(http.User), bookingId, ct), ct)));

    private static Task<IResult> ReverseAsync(long bookingId, CancelRequest request, HttpContext http, CareDesk desk, CareServices care, CancellationToken ct) =>
        CareApi.RunAsync(async () =>
        {
            await desk.RequireErogatoreBookingAsync(Actor.From(http.User), bookingId, ct);
            var validation = new ApiProblems.Validation().Required("reason", request.Reason, "Motivo dello storno");
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            return TypedResults.Ok(await AgendaNames.OneAsync(care, await desk.ReverseDeliveryAsync(Actor.From(http.User), bookingId, request.Reason, ct), ct));
        });

    private static async Task<IResult> AgendaAsync(HttpContext http, CareServices care, PatientAccess access, TimeProvider clock, string? dal, string? al, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation();
        var today = ItalianTime.Today(clock);
        var from = CareApi.Day(dal, "dal", validation) ?? today.AddDays(-7);
        var to = CareApi.Day(al, "al", validation) ?? today.AddDays(60);
        if (validation.IsValid && (to < from || to.DayNumber - from.DayNumber > MaxAgendaDays))
        {
            validation.Add("al", $"periodo non valido: la data finale segue quella iniziale di al massimo {MaxAgendaDays} giorni");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var actor = Actor.From(http.User);
        var bookings = await care.Bookings.OfErogatoreAsync(actor.ErogatoreId!, from, to, ct);
        await access.RecordShownAsync(actor, bookings.Select(b => b.PatientId), CareApi.ResourceOf(http), ct);
        var names = await AgendaNames.LoadAsync(care, bookings.Select(b => b.PatientId), bookings.Select(b => b.ErogatoreId), ct);
        return TypedResults.Ok(bookings.Select(names.Of).ToList());
    }

    private static Task<IResult> DeliverAsync(long bookingId, DeliveryRequest request, HttpContext http, CareDesk desk, CareServices care, CancellationToken ct) =>
        CareApi.RunAsync(async () =>
        {
            // The booking's tenancy first: another erogatore learns nothing, whatever it sends.
            await desk.RequireErogatoreBookingAsync(Actor.From(http.User), bookingId, ct);
            var validation = new ApiProblems.Validation().Required("date", request.Date, "Data di erogazione");
            var on = CareApi.Day(request.Date, "date", validation);
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            return TypedResults.Ok(await AgendaNames.OneAsync(care, await desk.MarkDeliveredAsync(Actor.From(http.User), bookingId, on, ct), ct));
        }, field: "date");
}

/// <summary>A service the erogatore publishes: nomenclator code and, optionally, the length of its slots in minutes.</summary>
public sealed record OfferRequest(string? Code, int? SlotMinutes);

/// <summary>A service the erogatore stops offering: its nomenclator code.</summary>
public sealed record WithdrawRequest(string? Code);
