using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Web.Api;
using Territorio.Web.Ats;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

/// <summary>
/// The ATS records a patient's death by hand (decision 0256): the day, how it became known, then a
/// confirmation that shows who the patient is and what will happen — the pact ends that day, the
/// later bookings are cancelled (decision 0243) — before anything is written.
/// </summary>
public sealed class DecessoModel(PatientAccess access, CareServices care, TimeProvider clock) : CarePageModel
{
    public PatientSummary Patient { get; private set; } = null!;

    /// <summary>The effects shown for confirmation (null: the form is being filled in).</summary>
    public DeathOutcomeDto? Preview { get; private set; }

    /// <summary>The refusal of the rules for the date given, shown in the page (not carried to the next one).</summary>
    public string? Refusal { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public string? DataDecesso { get; set; }

    [BindProperty]
    public string? Fonte { get; set; }

    [BindProperty]
    public string? Nota { get; set; }

    public async Task<IActionResult> OnGetAsync(string patientId, CancellationToken ct) =>
        await OpenAsync(patientId, "pagina Registra decesso", ct) ? Page() : NotFound();

    /// <summary>Checks the form and shows what recording the death would do; nothing is written.</summary>
    public async Task<IActionResult> OnPostAnteprimaAsync(string patientId, CancellationToken ct)
    {
        if (!await OpenAsync(patientId, "registrazione del decesso: anteprima", ct))
        {
            return NotFound();
        }

        if (Read() is { } notice)
        {
            var preview = await care.Enrolment.PreviewDeathAsync(patientId, notice, CareActors.AtsOperator(Me), ct);
            if (preview.Refusal is { } refusal)
            {
                await RefuseAsync(refusal);
            }
            else
            {
                Preview = await DeathForm.DescribeAsync(care, preview, ct);
            }
        }

        return Page();
    }

    /// <summary>Records the death and goes back to the patient's page, which then says "deceduto/a il …".</summary>
    public async Task<IActionResult> OnPostConfermaAsync(string patientId, CancellationToken ct)
    {
        if (!await OpenAsync(patientId, "registrazione del decesso", ct))
        {
            return NotFound();
        }

        if (Read() is not { } notice)
        {
            return Page();
        }

        try
        {
            var (pact, cancelled) = await care.Enrolment.RecordDeathAsync(patientId, notice, CareActors.AtsOperator(Me), ct);
            Esito = $"Registrato il decesso di {Patient.Name}, avvenuto il {ItalianFormat.Date(notice.Date)}."
                + (pact is null ? " Nessun patto di cura attivo." : $" Il patto di cura n.{pact.Id} {(pact.WasEverInForce ? $"termina il {ItalianFormat.Date(pact.EndDate)}" : "è annullato (non era ancora iniziato)")}.")
                + $" {ItalianFormat.Count(cancelled, "prenotazione successiva annullata", "prenotazioni successive annullate")}.";
            return RedirectToPage("/Assistiti/Scheda", new { patientId });
        }
        catch (CareRuleException ex)
        {
            await RefuseAsync(ex);
            return Page();
        }
    }

    /// <summary>The sources offered, by their code on the wire and their Italian label.</summary>
    public static IEnumerable<(string Code, string Label)> Sources => DeathNotice.Sources.Select(s => (DeathForm.Code(s), DeathNotice.Label(s)));

    public DateField DateOfDeath => new("DataDecesso", "Data di decesso", DataDecesso, Errors);

    public string? Error(string field) => Errors.TryGetValue(field, out var messages) ? string.Join("; ", messages) : null;

    private async Task<bool> OpenAsync(string patientId, string resource, CancellationToken ct)
    {
        var patient = await access.OpenAsync(Me, patientId, resource, ct);
        if (patient is not null)
        {
            Patient = PatientSummary.Of(patient, ItalianTime.Today(clock));
        }

        return patient is not null;
    }

    private DeathNotice? Read()
    {
        var validation = new ApiProblems.Validation();
        var notice = DeathForm.Read(new DeathRequest(DataDecesso, Fonte, Nota), validation);
        // The form's fields are named as the properties bound (DataDecesso, Fonte, Nota).
        Errors = validation.Errors.ToDictionary(e => FieldOf(e.Key), e => e.Value);
        return notice;
    }

    private async Task RefuseAsync(CareRuleException refusal)
    {
        string message = await CareApi.NamedAsync(HttpContext, refusal);
        if (refusal.Field is { } field)
        {
            Errors = new Dictionary<string, string[]> { [FieldOf(field)] = [message] };
        }

        Refusal = "Registrazione rifiutata: " + message + ".";
    }

    private static string FieldOf(string apiField) => apiField switch
    {
        "dataDecesso" => nameof(DataDecesso),
        "fonte" => nameof(Fonte),
        _ => nameof(Nota),
    };
}
