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

    [BindProperty(SupportsGet = true, Name = "dal")]
    public DateOnly? Dal { get; set; }

    [BindProperty(SupportsGet = true, Name = "al")]
    public DateOnly? Al { get; set; }

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

        From = Dal ?? ItalianTime.Today(clock);
        To = Al ?? From.AddDays(120);
        if (To < From)
        {
            Errore = $"Ricerca rifiutata: il giorno finale ({ItalianFormat.Date(To)}) precede quello iniziale ({ItalianFormat.Date(From)}).";
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
        }, new { patientId = PatientId, prestazione = Prestazione, dal = Dal?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), al = Al?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), pagina = Pagina });
    }
}
