using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Pacts;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

/// <summary>
/// The Gestore's API (case manager and clinical manager): worklist, pacts, the patient file, the
/// PAI and MMG proposals, bookings, contacts, candidatures. Patients are those of the Gestore's
/// active pacts (<see cref="PatientAccess"/>); writing the PAI is the clinical manager's.
/// </summary>
public static class GestoreEndpoints
{
    public const int ProposalListLimit = 200;

    private const string Tag = "Gestore";

    public static void MapGestoreApi(this RouteGroupBuilder api)
    {
        var gestore = api.MapGroup("/gestore").RequireAuthorization(Policies.Gestore);
        gestore.MapGet("/worklist", WorklistAsync)
            .Describe<List<WorklistEntryDto>>(Tag, "Pazienti da contattare, in ordine di urgenza (ultimi i nuovi patti con il PAI da redigere, motivo PaiToWrite, dal giorno della firma); chi è stato raggiunto dopo l'ultimo problema scende in fondo. "
                + "Filtri facoltativi come nella pagina: livello (1-3), patologia (codice regionale), patto (in-scadenza, senza-pai, con-pai), aderenza-sotto (1-100), "
                + "case-manager (account, miei, nessuno, tutti), ordine (urgenza, livello, aderenza, scadenza), pagina (da 1) e per-pagina (100, al massimo 1000); "
                + "con un filtro la risposta è una pagina e l'intestazione X-Total-Count dice quanti pazienti ha l'elenco filtrato.");
        gestore.MapGet("/proposte", ProposalsAsync)
            .Describe<List<PendingProposalDto>>(Tag, "Bozze e proposte di modifica del PAI dei MMG in attesa di decisione.");
        gestore.MapPost("/patti", SignPactAsync)
            .Describe<PactDto>(Tag, "Firma il Patto di Cura con un assistito dell'ATS che ha scelto il Gestore (date gg/mm/aaaa o aaaa-mm-gg).", StatusCodes.Status201Created);
        gestore.MapPost("/patti/{pactId:long}/rinnovo", RenewPactAsync)
            .Describe<PactDto>(Tag, "Rinnova per un anno un patto negli ultimi 60 giorni, con la firma del paziente: signatureMethod \"carta\" con signatureScan "
                + "(scansione del rinnovo firmato, base64) o \"pagina-paziente\" se il paziente ha confermato il rinnovo dalla sua pagina; l'account chiamante è il testimone.");
        gestore.MapGet("/slot", SearchSlotsAsync)
            .Describe<SlotSearchDto>(Tag, "Slot liberi di una prestazione (prestazione obbligatoria) presso gli erogatori convenzionati nel periodo dal/al (di norma da oggi a 120 giorni), dal più vicino, per sede; pagina da 1.");
        gestore.MapPost("/candidature", ApplyAsync).RequireAuthorization(Policies.GestoreClinico)
            .Describe<CandidatureDto>(Tag, "Candidatura del Gestore all'ATS dell'account per un livello (1–3).", StatusCodes.Status201Created);

        var patient = gestore.MapGroup("/pazienti");
        patient.MapGet("/{patientId}", (string patientId, HttpContext http, PatientFileQuery files, CancellationToken ct) =>
                CarePathEndpoints.FileAsync(http, files, patientId, withSlots: true, ct))
            .Describe<PatientFileDto>(Tag, "Scheda del paziente: patologie con evidenze, livello, patti, versioni del PAI, prenotazioni, aderenza, contatti, slot liberi.");
        patient.MapGet("/{patientId}/pai", CarePathEndpoints.PaiAsync)
            .Describe<PaiDto>(Tag, "Versioni del PAI (autore, motivo, decisione) e differenze della proposta del MMG in attesa.");
        patient.MapPost("/{patientId}/pai", WritePaiAsync).RequireAuthorization(Policies.GestoreClinico)
            .Describe<PaiVersionDto>(Tag, "Nuova versione del PAI: dal modello (fromTemplate) o con le voci date (items) e una motivazione.", StatusCodes.Status201Created);
        patient.MapPost("/{patientId}/pai/decisione", DecideProposalAsync).RequireAuthorization(Policies.GestoreClinico)
            .Describe<PaiDto>(Tag, "Accetta o respinge (con motivazione) la bozza o la proposta del MMG.");
        patient.MapPost("/{patientId}/prenotazioni", BookAsync)
            .Describe<BookingDto>(Tag, "Prenota una prestazione del PAI su uno slot di un erogatore convenzionato.", StatusCodes.Status201Created);
        patient.MapPost("/{patientId}/prenotazioni/{bookingId}/spostamento", RescheduleAsync)
            .Describe<BookingDto>(Tag, "Sposta una prenotazione su un altro slot.");
        patient.MapPost("/{patientId}/prenotazioni/{bookingId}/disdetta", CancelAsync)
            .Describe<BookingDto>(Tag, "Disdice una prenotazione (motivo obbligatorio).");
        patient.MapGet("/{patientId}/contatti", ContactsAsync)
            .Describe<List<ContactDto>>(Tag, "Contatti del case manager con il paziente, dal più recente.");
        patient.MapPost("/{patientId}/contatti", RecordContactAsync)
            .Describe<ContactDto>(Tag, "Registra un contatto: tipo (telefonata, visita, messaggio), data, esito (raggiunto, non-raggiunto, messaggio-lasciato), nota.", StatusCodes.Status201Created);
    }

    /// <summary>Default and largest page of the filtered worklist route.</summary>
    public const int WorklistPageSize = 100;
    public const int WorklistMaxPageSize = 1_000;
    public const int WorklistMaxPage = 100_000;

    /// <summary>Header with the number of patients of the whole filtered list (the body is one page of it).</summary>
    public const string TotalCountHeader = "X-Total-Count";

    private static async Task<IResult> WorklistAsync(
        HttpContext http,
        CareServices care,
        PatientAccess access,
        WorklistPages pages,
        CaseManagers caseManagers,
        [FromQuery(Name = "livello")] string? level,
        [FromQuery(Name = "patologia")] string? pathology,
        [FromQuery(Name = "patto")] string? pactState,
        [FromQuery(Name = "aderenza-sotto")] string? adherenceBelow,
        [FromQuery(Name = "case-manager")] string? caseManager,
        [FromQuery(Name = "ordine")] string? sort,
        [FromQuery(Name = "pagina")] string? page,
        [FromQuery(Name = "per-pagina")] string? pageSize,
        CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        string gestore = actor.GestoreId!;
        if (http.Request.Query.Count == 0)
        {
            // The route as it always was: the whole list, by urgency.
            var entries = await care.Cases.WorklistAsync(gestore, null, WorklistRules.DefaultPaiDueDays, ct);
            http.Response.Headers[TotalCountHeader] = entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await WorklistPageAsync(access, actor, entries, CareApi.ResourceOf(http), ct);
        }

        // The same filters, values and read model as the screen (WorklistFilters, WorklistPages).
        var errors = new List<WorklistFilterError>();
        var managers = string.IsNullOrEmpty(caseManager) ? [] : await caseManagers.OfAsync(gestore);
        var filter = WorklistFilters.Parse(level, pathology, pactState, adherenceBelow, caseManager, sort, actor.UserName, care.Catalogues.Pathologies, managers, errors);
        var validation = new ApiProblems.Validation();
        foreach (var error in errors)
        {
            validation.Add(error.Parameter, error.Message);
        }

        int number = PositiveOrError(page, "pagina", 1, WorklistMaxPage, validation);
        int size = PositiveOrError(pageSize, "per-pagina", WorklistPageSize, WorklistMaxPageSize, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (filter.AdherenceBelow is not null || filter.Sort == WorklistSort.Adherence)
        {
            await care.Caseloads.RefreshAdherenceAsync(gestore, ct);
        }

        var version = await care.Cases.WorklistVersionAsync(gestore, ct);
        var shown = await pages.GetAsync(care, version, filter, (number - 1) * size, size, ct);
        int last = Math.Max(1, (shown.Total + size - 1) / size);
        if (number > last)
        {
            return validation.Add("pagina", $"La pagina {number} è oltre l'ultima ({last}) dell'elenco filtrato.").Problem();
        }

        http.Response.Headers[TotalCountHeader] = shown.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await WorklistPageAsync(access, actor, shown.Entries, CareApi.ResourceOf(http), ct);
    }

    /// <summary>The entries with the name, codice fiscale and phone of each patient (read with the access log's check).</summary>
    private static async Task<IResult> WorklistPageAsync(PatientAccess access, Actor actor, IReadOnlyList<WorklistEntry> entries, string resource, CancellationToken ct)
    {
        var people = await access.ReadShownAsync(actor, entries.Select(e => e.PatientId), resource, ct);
        return TypedResults.Ok(entries.Select(e => WorklistEntryDto.Of(e, people.GetValueOrDefault(e.PatientId))).ToList());
    }

    private static int PositiveOrError(string? text, string parameter, int fallback, int max, ApiProblems.Validation validation)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) && value >= 1 && value <= max)
        {
            return value;
        }

        validation.Add(parameter, $"«{text}» non valido: un numero intero da 1 a {max.ToString("N0", ItalianFormat.Culture)}.");
        return fallback;
    }

    private static async Task<IResult> ProposalsAsync(HttpContext http, CareServices care, PatientAccess access, CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        var proposals = await care.Pai.PendingProposalsAsync(actor.GestoreId!, ProposalListLimit, ct);
        await access.RecordShownAsync(actor, proposals.Select(p => p.PatientId), CareApi.ResourceOf(http), ct);
        var patients = await PeopleNames.ResidentsAsync(care.Db, proposals.Select(p => p.PatientId), ct);
        var doctors = await PeopleNames.DoctorNamesAsync(care.Db, proposals.Select(p => p.MmgId), ct);
        return TypedResults.Ok(proposals.Select(p => PendingProposalDto.Of(p) with
        {
            PatientName = patients.GetValueOrDefault(p.PatientId) is { Surname: not null } person ? person.DisplayName : null,
            PatientFiscalCode = patients.GetValueOrDefault(p.PatientId)?.FiscalCode,
            MmgName = p.MmgId is null ? null : doctors.GetValueOrDefault(p.MmgId),
        }).ToList());
    }

    /// <summary>Longest period one slot search covers.</summary>
    public const int MaxSlotSearchDays = 366;

    private static async Task<IResult> SearchSlotsAsync(HttpContext http, CareDesk desk, CareServices care, TimeProvider clock, string? prestazione, string? dal, string? al, int? pagina, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation().Required("prestazione", prestazione, "Codice della prestazione");
        var today = ItalianTime.Today(clock);
        var from = CareApi.Day(dal, "dal", validation) ?? today;
        var to = CareApi.Day(al, "al", validation) ?? from.AddDays(120);
        if (validation.IsValid && (to < from || to.DayNumber - from.DayNumber > MaxSlotSearchDays))
        {
            validation.Add("al", $"periodo non valido: la data finale segue quella iniziale di al massimo {MaxSlotSearchDays} giorni");
        }

        if (pagina is < 1)
        {
            validation.Add("pagina", "la pagina parte da 1");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var page = await desk.SearchSlotsAsync(Actor.From(http.User), prestazione!.Trim(), from, to, pagina ?? 1, ct);
        return TypedResults.Ok(SlotSearchDto.Of(page, await AgendaNames.LoadAsync(care, [], page.Slots.Select(x => x.ErogatoreId), ct)));
    }

    private static async Task<IResult> SignPactAsync(PactRequest request, HttpContext http, CareDesk desk, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation().Required("patientId", request.PatientId, "Codice assistito");
        var start = CareApi.Day(request.Start, "start", validation);
        var (method, scan) = PactSignatureInput.Read(request.PatientSignatory, request.SignatureMethod, request.SignatureScan, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        return await CareApi.RunAsync(async () =>
        {
            var signed = await desk.SignPactAsync(Actor.From(http.User), request.PatientId!.Trim(), method!.Value, scan, start, ct);
            return TypedResults.Created($"/api/gestore/pazienti/{signed.Pact.PatientId}", PactDto.Of(signed.Pact));
        }, field: "patientId");
    }

    private static async Task<IResult> RenewPactAsync(long pactId, PactRenewalRequest request, HttpContext http, CareDesk desk, CancellationToken ct)
    {
        var me = Actor.From(http.User);
        return await CareApi.RunAsync(async () =>
        {
            // Another Gestore's pact is not found before its body is read: a 400 would confirm it exists.
            await desk.RequireOwnPactAsync(me, pactId, ct);
            var validation = new ApiProblems.Validation();
            var (method, scan) = PactSignatureInput.Read(null, request.SignatureMethod, request.SignatureScan, validation);
            return validation.IsValid
                ? TypedResults.Ok(PactDto.Of(await desk.RenewPactAsync(me, pactId, method!.Value, scan, ct)))
                : validation.Problem();
        }, field: PactSignatureInput.MethodField);
    }

    private static async Task<IResult> ApplyAsync(CandidatureRequest request, HttpContext http, CareServices care, CancellationToken ct)
    {
        if (request.Level is null)
        {
            return new ApiProblems.Validation().Add("level", "Livello: campo obbligatorio (1, 2 o 3)").Problem();
        }

        var actor = Actor.From(http.User);
        return await CareApi.RunAsync(async () =>
        {
            var candidature = await care.Gestori.ApplyAsync(actor.GestoreId!, actor.Ats, request.Level.Value, CareActors.OfGestore(actor), ct);
            return TypedResults.Created("/api/ats/candidature", CandidatureDto.Of(candidature, care.Catalogues));
        });
    }

    private static Task<IResult> WritePaiAsync(string patientId, PaiWriteRequest request, HttpContext http, PatientAccess access, CareDesk desk, CareServices care, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (actor, _) =>
        {
            var validation = new ApiProblems.Validation();
            if (request.FromTemplate == true)
            {
                var fromTemplate = await desk.WritePaiFromTemplateAsync(actor, patientId, Blank(request.Reason), ct);
                return Created(patientId, fromTemplate);
            }

            var items = PaiItemsInput.FromApi(request.Items, care.Catalogues.Vocabulary, validation);
            validation.Required("reason", request.Reason, "Motivazione della nuova versione");
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            return Created(patientId, await desk.WritePaiAsync(actor, patientId, items, request.Reason, ct));
        }, ct);

    private static Task<IResult> DecideProposalAsync(string patientId, ProposalDecisionRequest request, HttpContext http, PatientAccess access, CareDesk desk, PatientFileQuery files, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (actor, patient) =>
        {
            var validation = new ApiProblems.Validation();
            if (request.Accept is null)
            {
                validation.Add("accept", "Decisione: campo obbligatorio (true per accettare, false per respingere)");
            }

            if (request.Accept == false)
            {
                validation.Required("reason", request.Reason, "Motivazione del rifiuto");
            }

            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            await desk.DecideProposalAsync(actor, patientId, request.Accept!.Value, Blank(request.Reason), ct);
            return TypedResults.Ok(CarePathEndpoints.PaiOf(await files.BuildAsync(patient, null, ct)));
        }, ct);

    private static Task<IResult> BookAsync(string patientId, BookRequest request, HttpContext http, PatientAccess access, CareDesk desk, CareServices care, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (actor, _) =>
        {
            if (request.SlotId is not { } slot)
            {
                return new ApiProblems.Validation().Add("slotId", "Slot: campo obbligatorio (uno degli slot liberi della scheda)").Problem();
            }

            var booking = await desk.BookAsync(actor, patientId, slot, ct);
            return TypedResults.Created($"/api/gestore/pazienti/{patientId}", await AgendaNames.OneAsync(care, booking, ct));
        }, ct, field: "slotId");

    private static Task<IResult> RescheduleAsync(string patientId, long bookingId, RescheduleRequest request, HttpContext http, PatientAccess access, CareDesk desk, CareServices care, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (actor, _) =>
        {
            if (request.SlotId is not { } slot)
            {
                return new ApiProblems.Validation().Add("slotId", "Nuovo slot: campo obbligatorio").Problem();
            }

            return TypedResults.Ok(await AgendaNames.OneAsync(care, await desk.RescheduleAsync(actor, patientId, bookingId, slot, Blank(request.Reason), ct), ct));
        }, ct, field: "slotId");

    private static Task<IResult> CancelAsync(string patientId, long bookingId, CancelRequest request, HttpContext http, PatientAccess access, CareDesk desk, CareServices care, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (actor, _) =>
        {
            var validation = new ApiProblems.Validation().Required("reason", request.Reason, "Motivo della disdetta");
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            return TypedResults.Ok(await AgendaNames.OneAsync(care, await desk.CancelAsync(actor, patientId, bookingId, request.Reason!.Trim(), ct), ct));
        }, ct);

    private static Task<IResult> ContactsAsync(string patientId, HttpContext http, PatientAccess access, CareServices care, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (_, _) =>
            TypedResults.Ok((await care.Contacts.OfPatientAsync(patientId, CareManagement.Application.CaseManagement.ContactService.ListLimit, ct)).Select(ContactDto.Of).ToList()), ct);

    private static Task<IResult> RecordContactAsync(string patientId, ContactRequest request, HttpContext http, PatientAccess access, CareDesk desk, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (actor, _) =>
        {
            var validation = new ApiProblems.Validation();
            if (!ContactNames.TryParseKind(request.Kind, out var kind))
            {
                validation.Add("kind", $"Tipo di contatto non valido: \"{request.Kind}\" ({string.Join(", ", ContactNames.Kinds.Select(k => k.Code))})");
            }

            if (!ContactNames.TryParseOutcome(request.Outcome, out var outcome))
            {
                validation.Add("outcome", $"Esito non valido: \"{request.Outcome}\" ({string.Join(", ", ContactNames.Outcomes.Select(o => o.Code))})");
            }

            var on = CareApi.Day(request.Date, "date", validation);
            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            var contact = await desk.RecordContactAsync(actor, patientId, kind, on, outcome, request.Note, ct);
            return TypedResults.Created($"/api/gestore/pazienti/{patientId}/contatti", ContactDto.Of(contact));
        }, ct);

    private static Created<PaiVersionDto> Created(string patientId, CareManagement.Plans.PaiVersion version) =>
        TypedResults.Created($"/api/gestore/pazienti/{patientId}/pai", PaiVersionDto.Of(version));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
