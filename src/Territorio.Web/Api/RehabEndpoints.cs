using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using Territorio.CareManagement.Application;
using Territorio.Data.Rehab;
using Territorio.Flows.Reference;
using Territorio.Rehab.Contests;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

/// <summary>
/// A run as the caller may see it. File-wide figures (rows, acute rows, rejected rows) are for the
/// ATS only: a structure sees the counts of its own admissions.
/// </summary>
public sealed record RehabRunDto(
    long Id,
    string FileName,
    DateTime UploadedAtUtc,
    string UploadedBy,
    string? Structure,
    long? DataRows,
    long? AcuteRows,
    int? RejectedRows,
    int RehabAdmissions,
    int Appropriate,
    int Inappropriate,
    int NotAssessable,
    int OutOfScope,
    RuleSetDto RuleSet)
{
    /// <summary>Contests of the run's verdicts (decision 0200); annulled verdicts are set aside, counted here, not recounted above.</summary>
    public ContestCounts Contests { get; init; } = ContestCounts.None;

    /// <summary>Errors of acute rows used for the linkage all the same (counted in AcuteRows, not in RejectedRows); ATS only.</summary>
    public int? AcuteRowsUsedForLinkage { get; init; }

    /// <summary>The diagnosis → MDC table the run read (file, status, version, date); null for runs made before it was recorded.</summary>
    public string? MdcTable { get; init; }

    public static RehabRunDto Of(RehabRunView view)
    {
        var r = view.Run;
        var t = view.Totals;
        bool whole = view.IsWholeRun;
        return new(r.Id, r.FileName, DateTime.SpecifyKind(r.UploadedAtUtc, DateTimeKind.Utc), r.UploadedBy, view.Scope,
            whole ? r.DataRows : null, whole ? r.AcuteRows : null, whole ? r.RejectedRows : null,
            t.Total, t.Appropriate, t.Inappropriate, t.NotAssessable, t.OutOfScope,
            new RuleSetDto(r.RuleSetId, r.RuleSetVersion, r.RuleSetStatus, r.RuleSetProvisional, r.ScaleMode))
        {
            Contests = view.Contests,
            AcuteRowsUsedForLinkage = whole ? r.AcuteRowsKeptForLinkage : null,
            MdcTable = r.MdcTable.Length > 0 ? r.MdcTable : null,
        };
    }
}

public sealed record RehabVerdictDto(
    long Line,
    string RecordId,
    string Structure,
    int Discipline,
    int Regime,
    int Mdc,
    DateOnly AdmissionDate,
    DateOnly DischargeDate,
    string PrincipalDiagnosis,
    string Verdict,
    string VerdictLabel,
    bool PostAcute,
    string? AcuteRecordId,
    int? IntervalDays,
    string Article,
    string Level,
    string Reasons,
    IReadOnlyList<RehabCheckDto> Checks,
    string? DisciplineName = null,
    int? AcuteDiscipline = null,
    string? AcuteDisciplineName = null)
{
    /// <summary>The verdict with its disciplines named beside their codes (issue 16): the admission's, and the linked acute stay's.</summary>
    public static RehabVerdictDto Of(RehabRunVerdict v, DisciplineCatalogue disciplines)
    {
        var checks = StoredVerdicts.ChecksOf(v);
        int? acute = checks.Select(c => c.Inputs.GetValueOrDefault("acute_discipline"))
            .Select(text => int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int code) ? code : (int?)null)
            .FirstOrDefault(code => code is not null);
        return new(v.Line, v.RecordId, v.StructureId, v.Discipline, v.Regime, v.Mdc, v.AdmissionDate, v.DischargeDate, v.PrincipalDiagnosis,
            v.Verdict, RehabLabels.Verdict(v.Verdict), v.PostAcute, v.AcuteRecordId, v.IntervalDays, v.Article, v.Level, StoredVerdicts.ReasonsOf(checks), checks,
            disciplines.NameOf(v.Discipline), acute, acute is { } code ? disciplines.NameOf(code) : null);
    }
}

/// <summary>A structure's contest of a verdict and the ATS's decision (decision 0200); state "contestato", "confermato" or "annullato".</summary>
public sealed record ContestDto(
    long RunId,
    long Line,
    string RecordId,
    string Structure,
    string? StructureLabel,
    string State,
    string StateLabel,
    string Note,
    string OpenedBy,
    DateTime OpenedAtUtc,
    string? DecidedBy,
    DateTime? DecidedAtUtc,
    string? DecisionReason)
{
    public static ContestDto Of(VerdictContest c, string? structureLabel = null) => new(
        c.RunId, c.Line, c.RecordId, c.StructureId, structureLabel, VerdictContest.Code(c.State), ContestLabels.Of(c.State), c.Note,
        c.OpenedBy, DateTime.SpecifyKind(c.OpenedAtUtc, DateTimeKind.Utc), c.DecidedBy,
        c.DecidedAtUtc is { } decided ? DateTime.SpecifyKind(decided, DateTimeKind.Utc) : null, c.DecisionReason);
}

/// <summary>The structure's contest: why the verdict is wrong.</summary>
public sealed record ContestRequest(string? Nota);

/// <summary>The ATS's decision: esito "confermato" or "annullato"; motivazione required to annul.</summary>
public sealed record ContestDecisionRequest(string? Esito, string? Motivazione);

public sealed record RehabErrorDto(long Line, string Column, string Value, string Reason);

public sealed record RehabIndicatorDto(string Dimension, string Value, int Total, int Appropriate, int Inappropriate, int OutOfScope, int NotAssessable, double? ShareAppropriate, double? MedianIntervalDays);

public sealed record RehabPageDto<T>(int Total, int Page, int PageSize, IReadOnlyList<T> Items);

/// <summary>Rehab appropriateness (DM 5/8/2021): runs of SDO files, their verdicts and indicators, the ward's pre-check.</summary>
public static class RehabEndpoints
{
    // No route constraint: OpenAPI paths name the parameter plainly; a non-number is a 400 from binding.
    private const string Run = "/esecuzioni/{runId}";

    private const string Contest = Run + "/giudizi/{line}/contestazione";

    public static void MapRehabApi(this RouteGroupBuilder api)
    {
        var rehab = api.MapGroup("/riabilitazione").WithTags("Riabilitazione");

        rehab.MapPost("/esecuzioni", UploadAsync)
            .RequireAuthorization(Policies.Ats)
            // Not .Accepts(): routing would then answer another content type before authentication, as a login redirect.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "Il file SDO: CSV UTF-8 con intestazione (colonne di 'territorio rehab check --sdo').",
                    Content = new Dictionary<string, OpenApiMediaType> { ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
                };
                return Task.CompletedTask;
            })
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Controlla un file SDO (CSV, corpo della richiesta, Content-Type text/csv; nome facoltativo in ?nome=; layout della regione facoltativo in ?layout=, tra quelli distribuiti: territorio, esempio-regionale) e conserva l'esecuzione per l'ATS del token.");

        rehab.MapGet("/esecuzioni", ListAsync)
            .RequireAuthorization(Policies.Riabilitazione)
            .WithSummary("Le esecuzioni visibili: dell'ATS del token; per una struttura, quelle con suoi ricoveri (conteggi dei soli suoi ricoveri).");

        rehab.MapGet(Run, GetAsync)
            .RequireAuthorization(Policies.Riabilitazione)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Riepilogo di un'esecuzione: righe, ricoveri di riabilitazione, esiti, righe scartate, rule set (provvisorio o no).");

        rehab.MapGet(Run + "/giudizi", VerdictsAsync)
            .RequireAuthorization(Policies.Riabilitazione)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Giudizi con le motivazioni e ogni controllo; filtri struttura, esito (appropriate, inappropriate, not_assessable, out_of_scope), disciplina (56, 28, 75), livello (56a, 56b, 56c, 28, 75, nessuno); pagine da 50.");

        MapDownload(rehab, "/giudizi.csv", Policies.Riabilitazione, "text/csv", files => files.VerdictsCsv,
            "Giudizi in CSV, colonne di 'territorio rehab check --out'.");
        MapDownload(rehab, "/giudizi.jsonl", Policies.Riabilitazione, "application/x-ndjson", files => files.VerdictsJsonLines,
            "Giudizi in JSON lines, con ogni controllo strutturato (come 'territorio rehab check --json').");

        rehab.MapGet(Run + "/indicatori", IndicatorsAsync)
            .RequireAuthorization(Policies.Riabilitazione)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Indicatori di monitoraggio (art.5) per struttura, disciplina, MDC e livello: esiti, quota di appropriati, intervallo mediano.");

        rehab.MapGet(Run + "/scarti", ErrorsAsync)
            .RequireAuthorization(Policies.Ats)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Righe scartate del file: riga, colonna, valore, motivo; pagine da 50.");

        MapDownload(rehab, "/scarti.csv", Policies.Ats, "text/csv", files => files.ErrorsCsv,
            "Righe scartate in CSV, colonne di 'territorio rehab check --errors'.");

        rehab.MapGet("/contestazioni", ContestsAsync)
            .RequireAuthorization(Policies.Riabilitazione)
            .ProducesValidationProblem()
            .WithSummary("Contestazioni dei giudizi: per l'ATS quelle delle sue esecuzioni, per una struttura le sue; filtri struttura (codice) e stato (contestato, confermato, annullato); pagine da 50, dalla più recente.");

        rehab.MapGet(Contest, ContestAsync)
            .RequireAuthorization(Policies.Riabilitazione)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("La contestazione di un giudizio: nota, stato, chi e quando l'ha aperta e decisa.");

        rehab.MapPost(Contest, OpenContestAsync)
            .RequireAuthorization(Policies.Struttura)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("La struttura contesta il giudizio su un suo ricovero, con una nota obbligatoria ({\"nota\": \"…\"}); una sola contestazione per giudizio.");

        rehab.MapPost(Contest + "/decisione", DecideContestAsync)
            .RequireAuthorization(Policies.Ats)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("L'ATS decide la contestazione: {\"esito\": \"confermato\"} o {\"esito\": \"annullato\", \"motivazione\": \"…\"} (almeno 20 caratteri). La decisione è definitiva.");

        rehab.MapPost("/precheck", Precheck)
            .RequireAuthorization(Policies.Reparto)
            .ProducesValidationProblem()
            .WithSummary("Verifica pre-ricovero (DM 5/8/2021 art.3 c.5): dai codici del paziente da trasferire, se il ricovero riabilitativo sarebbe appropriato, per quale articolo e a quale livello. Nulla è salvato.");
    }

    private static async Task<Results<Created<RehabRunDto>, ProblemHttpResult>> UploadAsync(
        HttpContext http, string? nome, string? layout, RehabRunUpload upload, RehabRunQuery query, SdoLayouts layouts, CancellationToken ct)
    {
        var request = http.Request;
        // Raised before any answer: a refused body is then drained, not cut (the client reads the 413).
        SdoUpload.AllowBody(http, upload.Options.MaxUploadBytes);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !string.Equals(type.MediaType.Value, "text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Inviare il file SDO come corpo della richiesta con Content-Type: text/csv.");
        }

        if (request.ContentLength > upload.Options.MaxUploadBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"File non accettato: il file supera il limite di {ItalianFormat.Number(upload.Options.MaxUploadMegabytes)} MB.");
        }

        var actor = Actor.From(http.User);
        var outcome = await upload.ImportAsync(async () =>
        {
            // The layout before the body: a bad name is refused without receiving the file.
            var chosen = layouts.Named(layout);
            var file = await SdoUpload.SaveAsync(request.Body, nome ?? "sdo.csv", upload.Options.MaxUploadBytes, upload.Options.TempDirectory, ct);
            file.Layout = chosen;
            return file;
        }, actor, ct);
        if (outcome.Run is not { } run)
        {
            return Problem(outcome.Status, outcome.Error!);
        }

        var view = await query.OpenAsync(actor, run.Id, ct);
        return TypedResults.Created($"/api/riabilitazione/esecuzioni/{run.Id}", RehabRunDto.Of(view!));
    }

    private static async Task<Ok<List<RehabRunDto>>> ListAsync(HttpContext http, RehabRunQuery query, CancellationToken ct) =>
        TypedResults.Ok((await query.ListAsync(Actor.From(http.User), ct)).Select(RehabRunDto.Of).ToList());

    private static async Task<Results<Ok<RehabRunDto>, ProblemHttpResult>> GetAsync(long runId, HttpContext http, RehabRunQuery query, CancellationToken ct) =>
        await query.OpenAsync(Actor.From(http.User), runId, ct) is { } view ? TypedResults.Ok(RehabRunDto.Of(view)) : RunNotFound();

    private static async Task<Results<Ok<RehabPageDto<RehabVerdictDto>>, ValidationProblem, ProblemHttpResult>> VerdictsAsync(
        long runId, HttpContext http, RehabRunQuery query, ReferenceData reference, string? struttura, string? esito, string? disciplina, string? livello, int? pagina, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation();
        var filter = RehabVerdictFilter.Parse(struttura, esito, disciplina, livello, validation);
        if (!Paging.IsValid(pagina))
        {
            validation.Add("pagina", Paging.Refusal);
        }

        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.Problem();
        }

        if (await query.OpenAsync(Actor.From(http.User), runId, ct) is not { } view)
        {
            return RunNotFound();
        }

        var page = await query.VerdictsAsync(view, filter, pagina ?? 1, ct);
        return TypedResults.Ok(new RehabPageDto<RehabVerdictDto>(page.Total, page.Page, page.PageSize, [.. page.Items.Select(v => RehabVerdictDto.Of(v, reference.Disciplines))]));
    }

    private static async Task<Results<Ok<List<RehabIndicatorDto>>, ProblemHttpResult>> IndicatorsAsync(long runId, HttpContext http, RehabRunQuery query, CancellationToken ct)
    {
        if (await query.OpenAsync(Actor.From(http.User), runId, ct) is not { } view)
        {
            return RunNotFound();
        }

        var rows = await query.IndicatorsAsync(view, ct);
        return TypedResults.Ok(rows.Select(i => new RehabIndicatorDto(i.Dimension, i.Value, i.Total, i.Appropriate, i.Inappropriate, i.OutOfScope, i.NotAssessable, i.ShareAppropriate, i.MedianIntervalDays)).ToList());
    }

    private static async Task<Results<Ok<RehabPageDto<RehabErrorDto>>, ValidationProblem, ProblemHttpResult>> ErrorsAsync(long runId, HttpContext http, RehabRunQuery query, int? pagina, CancellationToken ct)
    {
        if (!Paging.IsValid(pagina))
        {
            return (ValidationProblem)new ApiProblems.Validation().Add("pagina", Paging.Refusal).Problem();
        }

        if (await query.OpenAsync(Actor.From(http.User), runId, ct) is not { IsWholeRun: true } view)
        {
            return RunNotFound();
        }

        var page = await query.ErrorsAsync(view, pagina ?? 1, ct);
        return TypedResults.Ok(new RehabPageDto<RehabErrorDto>(page.Total, page.Page, page.PageSize, [.. page.Items.Select(e => new RehabErrorDto(e.Line, e.Column, e.Value, e.Reason))]));
    }

    private static async Task<Results<Ok<RehabPageDto<ContestDto>>, ValidationProblem>> ContestsAsync(
        HttpContext http, VerdictContests contests, CareServices care, string? struttura, string? stato, int? pagina, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation();
        var state = VerdictContest.Parse(stato);
        if (!string.IsNullOrWhiteSpace(stato) && state is null)
        {
            validation.Add("stato", $"stato \"{stato.Trim()}\" sconosciuto (ammessi: {string.Join(", ", ContestLabels.Codes)})");
        }

        if (!Paging.IsValid(pagina))
        {
            validation.Add("pagina", Paging.Refusal);
        }

        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.Problem();
        }

        IReadOnlyList<string>? structures = string.IsNullOrWhiteSpace(struttura) ? null : [struttura.Trim()];
        var page = await contests.ListAsync(Actor.From(http.User), structures, state, pagina ?? 1, ct);
        var names = await care.Organisations.StructureNamesAsync(page.Items.Select(c => c.StructureId).Distinct(), ct);
        return TypedResults.Ok(new RehabPageDto<ContestDto>(page.Total, page.Page, page.PageSize, [.. page.Items.Select(c => ContestDto.Of(c, names.GetValueOrDefault(c.StructureId)))]));
    }

    private static async Task<Results<Ok<ContestDto>, ProblemHttpResult>> ContestAsync(
        long runId, long line, HttpContext http, RehabRunQuery query, VerdictContests contests, CareServices care, CancellationToken ct)
    {
        if (await VisibleVerdictAsync(http, query, runId, line, ct) is not { } found)
        {
            return VerdictNotFound();
        }

        return await contests.OfVerdictAsync(found.View, line, ct) is { } contest
            ? TypedResults.Ok(ContestDto.Of(contest, await StructureNameAsync(care, contest.StructureId, ct)))
            : TypedResults.Problem("Il giudizio non è contestato.", statusCode: StatusCodes.Status404NotFound, title: ApiProblems.TitleOf(StatusCodes.Status404NotFound));
    }

    private static async Task<Results<Created<ContestDto>, ValidationProblem, ProblemHttpResult>> OpenContestAsync(
        long runId, long line, ContestRequest? request, HttpContext http, RehabRunQuery query, VerdictContests contests, CareServices care, CancellationToken ct)
    {
        // The verdict's visibility before the body: another's admission answers 404 whatever is sent.
        if (await VisibleVerdictAsync(http, query, runId, line, ct) is not { } found)
        {
            return VerdictNotFound();
        }

        try
        {
            var contest = await contests.OpenAsync(Actor.From(http.User), found.View, found.Verdict, request?.Nota, ct);
            return TypedResults.Created($"/api/riabilitazione/esecuzioni/{runId}/giudizi/{line}/contestazione", ContestDto.Of(contest, await StructureNameAsync(care, contest.StructureId, ct)));
        }
        catch (ContestRefusedException refused) when (refused.Conflict)
        {
            return Conflict(refused);
        }
        catch (ContestRefusedException refused)
        {
            return (ValidationProblem)new ApiProblems.Validation().Add(refused.Field, refused.Message).Problem();
        }
    }

    private static async Task<Results<Ok<ContestDto>, ValidationProblem, ProblemHttpResult>> DecideContestAsync(
        long runId, long line, ContestDecisionRequest? request, HttpContext http, RehabRunQuery query, VerdictContests contests, CareServices care, CancellationToken ct)
    {
        if (await VisibleVerdictAsync(http, query, runId, line, ct) is not { } found)
        {
            return VerdictNotFound();
        }

        try
        {
            var contest = await contests.DecideAsync(Actor.From(http.User), found.View, line, request?.Esito, request?.Motivazione, ct);
            return TypedResults.Ok(ContestDto.Of(contest, await StructureNameAsync(care, contest.StructureId, ct)));
        }
        catch (ContestRefusedException refused) when (refused.Conflict)
        {
            return Conflict(refused);
        }
        catch (ContestRefusedException refused)
        {
            return (ValidationProblem)new ApiProblems.Validation().Add(refused.Field, refused.Message).Problem();
        }
    }

    private static async Task<(RehabRunView View, RehabRunVerdict Verdict)?> VisibleVerdictAsync(HttpContext http, RehabRunQuery query, long runId, long line, CancellationToken ct) =>
        await query.OpenAsync(Actor.From(http.User), runId, ct) is { } view && await query.VerdictAsync(view, line, ct) is { } verdict
            ? (view, verdict)
            : null;

    private static async Task<string?> StructureNameAsync(CareServices care, string code, CancellationToken ct) =>
        (await care.Organisations.StructureNamesAsync([code], ct)).GetValueOrDefault(code);

    /// <summary>A bad input names its field (400, above); a state that refuses the request is a conflict (409).</summary>
    private static ProblemHttpResult Conflict(ContestRefusedException refused) =>
        TypedResults.Problem("Operazione rifiutata: " + refused.Message + ".", statusCode: StatusCodes.Status409Conflict, title: ApiProblems.TitleOf(StatusCodes.Status409Conflict));

    private static ProblemHttpResult VerdictNotFound() => TypedResults.Problem(
        "Giudizio non trovato tra quelli visibili al suo profilo.",
        statusCode: StatusCodes.Status404NotFound,
        title: ApiProblems.TitleOf(StatusCodes.Status404NotFound));

    private static void MapDownload(RouteGroupBuilder rehab, string file, string policy, string contentType, Func<RehabRunFiles, Func<HttpContext, RehabRunView, IResult>> download, string summary) =>
        rehab.MapGet(Run + file, async (long runId, HttpContext http, RehabRunQuery query, RehabRunFiles files, CancellationToken ct) =>
                await query.OpenAsync(Actor.From(http.User), runId, ct) is { } view ? download(files)(http, view) : RunNotFound())
            .RequireAuthorization(policy)
            .Produces(StatusCodes.Status200OK, contentType: contentType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary(summary);

    private static Results<Ok<PrecheckResponse>, ValidationProblem> Precheck(PrecheckRequest request, RehabPrecheck precheck)
    {
        var (result, validation) = precheck.Judge(request);
        return result is null ? (ValidationProblem)validation.Problem() : TypedResults.Ok(result);
    }

    /// <summary>Not found and not visible look the same: the answer never confirms that a run exists.</summary>
    public static ProblemHttpResult RunNotFound() => TypedResults.Problem(
        "Esecuzione non trovata tra quelle visibili al suo profilo.",
        statusCode: StatusCodes.Status404NotFound,
        title: ApiProblems.TitleOf(StatusCodes.Status404NotFound));

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(
        detail,
        statusCode: status,
        title: status == StatusCodes.Status413PayloadTooLarge ? "File troppo grande" : ApiProblems.TitleOf(status));
}
