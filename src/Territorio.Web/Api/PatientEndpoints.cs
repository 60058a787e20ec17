using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Territorio.Kernel.Population;
using Territorio.Web.Ats;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

/// <summary>A resident as screens and the API show them: the person (name, codice fiscale, address, contacts) and the registry's facts.</summary>
public sealed record PatientSummary(string Id, DateOnly BirthDate, int Age, string Sex, string Ats, string? MmgId, DateOnly? DeathDate)
{
    /// <summary>"Maria Rossi" (the id when the registry gave no name).</summary>
    public string Name { get; init; } = Id;

    public string? Surname { get; init; }

    public string? GivenName { get; init; }

    public string? FiscalCode { get; init; }

    public string? Birthplace { get; init; }

    /// <summary>Street, CAP and municipality on one line.</summary>
    public string? Address { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    /// <summary>The same as <see cref="Name"/>, under the name the other answers of the API use.</summary>
    public string DisplayName => Name;

    /// <summary>The ATS of residence by name beside its code ("ATS della Città Metropolitana di Milano").</summary>
    public string? AtsName { get; init; }

    /// <summary>"Dott.ssa Anna Bianchi" when the GP registry names the patient's GP.</summary>
    public string? MmgName { get; init; }

    public static PatientSummary Of(Resident r, DateOnly today) =>
        new(r.Id, r.BirthDate, r.AgeOn(today), r.Sex == Kernel.Population.Sex.Female ? "F" : "M", r.Ats, r.MmgId, r.DeathDate)
        {
            Name = r.DisplayName,
            Surname = r.Surname,
            GivenName = r.GivenName,
            FiscalCode = r.FiscalCode,
            Birthplace = r.Birthplace,
            Address = r.Address,
            Phone = r.Phone,
            Email = r.Email,
        };
}

public static class PatientEndpoints
{
    public const int MmgListLimit = 5_000;

    public static void MapPatientApi(this RouteGroupBuilder api)
    {
        api.MapGet("/assistiti/{patientId}", GetPatientAsync)
            .RequireAuthorization(Policies.PatientData)
            .WithTags("Assistiti")
            .WithSummary("Anagrafica di un assistito visibile all'utente (la lettura è registrata).");

        api.MapPost("/assistiti/{patientId}/decesso", RecordDeathAsync)
            .RequireAuthorization(Policies.AtsOperatore)
            .Describe<DeathOutcomeDto>("ATS", "L'ATS registra il decesso di un assistito del suo territorio (dataDecesso gg/mm/aaaa o aaaa-mm-gg, fonte, nota): il patto termina quel giorno, le prenotazioni successive sono annullate e la risposta le elenca.");

        api.MapGet("/mmg/assistiti", ListMmgPatientsAsync)
            .RequireAuthorization(Policies.Mmg)
            .WithTags("MMG")
            .WithSummary("Gli assistiti del medico di medicina generale del token, con livello, Gestore e stato del PAI (la lettura è registrata).");
    }

    private static async Task<Results<Ok<PatientSummary>, ProblemHttpResult>> GetPatientAsync(
        string patientId, HttpContext http, PatientAccess access, CareManagement.Application.CareServices care, TimeProvider clock, CancellationToken ct)
    {
        var patient = await access.OpenAsync(Actor.From(http.User), patientId, "GET /api/assistiti/{patientId}", ct);
        return patient is null
            ? NotVisible()
            : TypedResults.Ok(PatientSummary.Of(patient, ItalianTime.Today(clock)) with { MmgName = await DoctorNameAsync(care, patient.MmgId, ct), AtsName = care.Catalogues.AtsName(patient.Ats) });
    }

    // Another territory's patient is not found (PatientAccess); the body is checked, then the rules decide (409 naming the field).
    private static Task<IResult> RecordDeathAsync(string patientId, DeathRequest request, HttpContext http, PatientAccess access, CareManagement.Application.CareServices care, CancellationToken ct) =>
        CareApi.OnPatientAsync(http, access, patientId, async (actor, patient) =>
        {
            var validation = new ApiProblems.Validation();
            if (DeathForm.Read(request, validation) is not { } notice)
            {
                return validation.Problem();
            }

            var by = CareActors.AtsOperator(actor);
            var preview = await care.Enrolment.PreviewDeathAsync(patient.Id, notice, by, ct);
            var outcome = await DeathForm.DescribeAsync(care, preview, ct);
            await care.Enrolment.RecordDeathAsync(patient.Id, notice, by, ct);
            return TypedResults.Ok(outcome);
        }, ct);

    private static async Task<Ok<List<MmgAssistitoDto>>> ListMmgPatientsAsync(HttpContext http, MmgPanelQuery panel, CancellationToken ct) =>
        TypedResults.Ok((await panel.ListAsync(Actor.From(http.User), "GET /api/mmg/assistiti", ct)).Select(MmgAssistitoDto.Of).ToList());

    private static async Task<string?> DoctorNameAsync(CareManagement.Application.CareServices care, string? mmgId, CancellationToken ct) =>
        mmgId is null ? null : (await care.Db.GeneralPractitioners.FindAsync([mmgId], ct))?.DisplayName;

    /// <summary>Not found and not visible look the same: the answer never confirms that someone exists.</summary>
    public static ProblemHttpResult NotVisible() => TypedResults.Problem(
        "Assistito non trovato tra quelli visibili al suo profilo.",
        statusCode: StatusCodes.Status404NotFound,
        title: ApiProblems.TitleOf(StatusCodes.Status404NotFound));
}
