using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Territorio.CareManagement.Application;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

/// <summary>
/// The patient file and the PAI as the GP and the patient read them, and the GP's own work on
/// the PAI: drafting it from the template as the Gestore's collaborator, proposing changes (the
/// Gestore decides). The GP sees its assistiti, the patient only themself.
/// </summary>
public static class CarePathEndpoints
{
    private const string MmgTag = "MMG";

    public static void MapCarePathApi(this RouteGroupBuilder api)
    {
        var mmg = api.MapGroup("/mmg/pazienti").RequireAuthorization(Policies.Mmg);
        mmg.MapGet("/{patientId}", (string patientId, HttpContext http, PatientFileQuery files, CancellationToken ct) =>
                FileAsync(http, files, patientId, withSlots: false, ct))
            .Describe<PatientFileDto>(MmgTag, "Scheda dell'assistito in sola lettura: cosa ha fatto il Gestore (PAI, prenotazioni, aderenza, contatti).");
        mmg.MapGet("/{patientId}/pai", PaiAsync)
            .Describe<PaiDto>(MmgTag, "Versioni del PAI dell'assistito con autore, motivo e decisione del Gestore.");
        mmg.MapPost("/{patientId}/pai/bozza", DraftAsync)
            .Describe<PaiVersionDto>(MmgTag, "Bozza del PAI dal modello della patologia e del livello, che il Gestore poi valida (motivazione obbligatoria).", StatusCodes.Status201Created);
        mmg.MapPost("/{patientId}/pai/proposta", ProposeAsync)
            .Describe<PaiVersionDto>(MmgTag, "Proposta di modifica del PAI in vigore (voci complete e motivazione); il Gestore accetta o respinge.", StatusCodes.Status201Created);

        api.MapGet("/paziente/percorso", OwnPathAsync).RequireAuthorization(Policies.Paziente)
            .Describe<PatientFileDto>("Paziente", "Il proprio patto, PAI, appuntamenti e aderenza, in sola lettura.");
        api.MapPost("/paziente/percorso/rinnovo", ConfirmRenewalAsync).RequireAuthorization(Policies.Paziente)
            .Describe<PactDto>("Paziente", "Conferma il rinnovo del proprio Patto di Cura negli ultimi 60 giorni; il Gestore lo completa con la controfirma di un suo operatore.");
    }

    /// <summary>The file of a patient visible to the caller; contacts for the care team, free slots for the Gestore.</summary>
    public static Task<IResult> FileAsync(HttpContext http, PatientFileQuery files, string patientId, bool withSlots, CancellationToken ct) =>
        CareApi.OnFileAsync(http, files, patientId, actor => withSlots ? actor.GestoreId : null, withContacts: true, file => TypedResults.Ok(PatientFileDto.Of(file)), ct);

    public static Task<IResult> PaiAsync(string patientId, HttpContext http, PatientFileQuery files, CancellationToken ct) =>
        CareApi.OnFileAsync(http, files, patientId, _ => null, withContacts: false, file => TypedResults.Ok(PaiOf(file)), ct);

    public static PaiDto PaiOf(PatientFile file) => new(file.Patient.Id, [.. file.PaiHistory.Select(PaiVersionDto.Of)], [.. file.ProposalChanges.Select(PaiItemChangeDto.Of)]);

    private static Task<IResult> DraftAsync(string patientId, PaiDraftRequest request, HttpContext http, PatientAccess access, CareDesk desk, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (actor, _) =>
        {
            var validation = new ApiProblems.Validation().Required("reason", request.Reason, "Motivazione della bozza");
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            var draft = await desk.DraftPaiAsync(actor, patientId, request.Reason!.Trim(), ct);
            return TypedResults.Created($"/api/mmg/pazienti/{patientId}/pai", PaiVersionDto.Of(draft));
        }, ct);

    private static Task<IResult> ProposeAsync(string patientId, PaiProposalRequest request, HttpContext http, PatientAccess access, CareDesk desk, CareServices care, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (actor, _) =>
        {
            var validation = new ApiProblems.Validation();
            var items = PaiItemsInput.FromApi(request.Items, care.Catalogues.Vocabulary, validation);
            validation.Required("reason", request.Reason, "Motivazione della proposta");
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            var proposal = await desk.ProposePaiAsync(actor, patientId, items, request.Reason!.Trim(), ct);
            return TypedResults.Created($"/api/mmg/pazienti/{patientId}/pai", PaiVersionDto.Of(proposal));
        }, ct);

    private static Task<IResult> ConfirmRenewalAsync(HttpContext http, CareServices care, CancellationToken ct) =>
        CareApi.RunAsync(async () =>
        {
            var actor = Actor.From(http.User);
            return TypedResults.Ok(PactDto.Of(await care.Enrolment.ConfirmRenewalAsync(actor.PersonId!, CareActors.OfPatient(actor), ct)));
        });

    private static Task<IResult> OwnPathAsync(HttpContext http, PatientFileQuery files, CancellationToken ct) =>
        CareApi.OnFileAsync(http, files, Actor.From(http.User).PersonId!, _ => null, withContacts: false, file => TypedResults.Ok(PatientFileDto.Of(file)), ct);
}
