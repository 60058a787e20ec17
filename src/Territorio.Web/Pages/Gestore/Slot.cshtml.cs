using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Application.Registry;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

/// <summary>
/// The Centro Servizi's slot search for a patient's PAI service: free slots over a date range
/// across the Gestore's network, earliest first and by site, a page at a time; book one.
/// </summary>
public sealed class SlotModel(CareServices care, PatientAccess access, CareDesk desk, TimeProvider clock) : CarePageModel
{
    [BindProperty(SupportsGet = true)]
    public string PatientId { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "prestazione")]
    public string Prestazione { get; set; } = "";

    public const string FromLabel = "Dal", ToLabel = "Al";

    /// <summary>The first day as typed (gg/mm/aaaa, or aaaa-mm-gg from the page's links); today when empty.</summary>
    [BindProperty(SupportsGet = true, Name = "dal")]
    public string? Dal { get; set; }

    /// <summary>The last day as typed; 120 days after the first when empty.</summary>
    [BindProperty(SupportsGet = true, Name = "al")]
    public string? Al { get; set; }

    /// <summary>Why a day typed was refused, by field: nothing is searched then.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = DateField.NoErrors;

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int Pagina { get; set; } = 1;

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public string ServiceName => care.Catalogues.Vocabulary.Services.GetValueOrDefault(Prestazione) ?? "";

    public SlotSearchPage? Result { get; private set; }

    /// <summary>Whom the slots are for, by name and codice fiscale.</summary>
    public PatientSummary? Patient { get; private set; }

    public IReadOnlyDictionary<string, string> ErogatoreNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await access.OpenAsync(Me, PatientId, "pagina Cerca slot del Gestore", ct) is not { } patient)
        {
            return NotFound();
        }

        Patient = PatientSummary.Of(patient, ItalianTime.Today(clock));

        var validation = new ApiProblems.Validation();
        From = AuditEndpoints.ParseDay(Dal, "dal", validation, FromLabel) ?? ItalianTime.Today(clock);
        To = AuditEndpoints.ParseDay(Al, "al", validation, ToLabel) ?? From.AddDays(120);
        if (validation.IsValid && To < From)
        {
            validation.Add("al", $"{ToLabel}: il giorno finale ({ItalianFormat.Date(To)}) precede quello iniziale ({ItalianFormat.Date(From)})");
        }

        Errors = validation.Errors;
        if (!validation.IsValid)
        {
            return Page();
        }

        if (!string.IsNullOrWhiteSpace(Prestazione))
        {
            Result = await desk.SearchSlotsAsync(Me, Prestazione.Trim(), From, To, Math.Max(Pagina, 1), ct);
            var ids = Result.Slots.Select(s => s.ErogatoreId).Distinct().ToList();
            ErogatoreNames = await PeopleNames.ErogatoreNamesAsync(care.Db, ids, ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostBookAsync(long slotId, CancellationToken ct)
    {
        if (await access.OpenAsync(Me, PatientId, "prenotazione da Cerca slot", ct) is null)
        {
            return NotFound();
        }

        // Back to the same search, so a refused slot leaves the others in sight.
        return await RunAsync(async () =>
        {
            var booking = await desk.BookAsync(Me, PatientId, slotId, ct);
            return $"Prenotata la prestazione {care.Catalogues.ServiceLabel(booking.ServiceCode)} il {ItalianFormat.Date(booking.Date)} alle {booking.Start:HH\\:mm} presso {await PeopleNames.ErogatoreAsync(care.Db, booking.ErogatoreId, ct)}.";
        }, new { patientId = PatientId, prestazione = Prestazione, dal = Dal, al = Al, pagina = Pagina });
    }
}
