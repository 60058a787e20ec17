using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Bookings;
using Territorio.Web.Api;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Erogatore;

/// <summary>
/// The erogatore's bookings, a period at a time (by default a week back and two months ahead; the
/// period moves by weeks): delivered, not presented, a delivery reversed. Delivery counts for adherence at once.
/// </summary>
public sealed class AgendaModel(CareServices care, PatientAccess access, CareDesk desk, TimeProvider clock) : CarePageModel
{
    /// <summary>Days shown by default after the first day.</summary>
    public const int DefaultDays = 67;

    public string ErogatoreId => Me.ErogatoreId ?? "";

    public const string DayLabel = "Dal giorno";

    /// <summary>The first day as typed (gg/mm/aaaa, or aaaa-mm-gg from the page's links).</summary>
    [BindProperty(SupportsGet = true, Name = "dal")]
    public string? Dal { get; set; }

    /// <summary>Why the day typed was refused, by field (the default period is shown meanwhile).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = DateField.NoErrors;

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<Booking> Bookings { get; private set; } = [];

    /// <summary>Who arrives: the patients of the bookings shown, by id.</summary>
    public IReadOnlyDictionary<string, Kernel.Population.Resident> People { get; private set; } = new Dictionary<string, Kernel.Population.Resident>();

    public IReadOnlyDictionary<string, string> Gestori { get; private set; } = new Dictionary<string, string>();

    public string ErogatoreName { get; private set; } = "";

    /// <summary>Who reversed a delivery shown, by the recorded actor: the account's name.</summary>
    public IReadOnlyDictionary<string, string> Operators { get; private set; } = new Dictionary<string, string>();

    /// <summary>"89.52 Elettrocardiogramma", or the code alone when the nomenclator does not know it.</summary>
    public string Service(string code) => care.Catalogues.ServiceLabel(code);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = ItalianTime.Today(clock);
        // A day outside the documented range (docs/security.md) is refused like any bad date, never overflows a week's arithmetic.
        var validation = new ApiProblems.Validation();
        From = AuditEndpoints.ParseDay(Dal, "dal", validation, DayLabel) ?? Today.AddDays(-7);
        Errors = validation.Errors;
        To = From.AddDays(DefaultDays);
        Bookings = await care.Bookings.OfErogatoreAsync(ErogatoreId, From, To, ct);
        await access.RecordShownAsync(Me, Bookings.Select(b => b.PatientId), "pagina Agenda dell'erogatore", ct);
        People = await PeopleNames.ResidentsAsync(care.Db, Bookings.Select(b => b.PatientId), ct);
        Gestori = await PeopleNames.GestoriAsync(care.Db, Bookings.Select(b => b.GestoreId), ct);
        ErogatoreName = await PeopleNames.ErogatoreAsync(care.Db, ErogatoreId, ct);
        Operators = await PeopleNames.OperatorsAsync(care.Db, Bookings.Select(b => b.ReversedBy), ct);
    }

    public Task<IActionResult> OnPostDeliveredAsync(long bookingId, CancellationToken ct) => RunAsync(async () =>
    {
        var booking = await desk.MarkDeliveredAsync(Me, bookingId, null, ct);
        return $"Prestazione {Service(booking.ServiceCode)} di {await PeopleNames.PatientAsync(care.Db, booking.PatientId, ct)} segnata come erogata il {ItalianFormat.Date(booking.DeliveredOn ?? booking.Date)}.";
    }, new { dal = Dal });

    public Task<IActionResult> OnPostMissedAsync(long bookingId, CancellationToken ct) => RunAsync(async () =>
    {
        var booking = await desk.MarkMissedAsync(Me, bookingId, ct);
        var people = await PeopleNames.ResidentsAsync(care.Db, [booking.PatientId], ct);
        string came = people.GetValueOrDefault(booking.PatientId)?.Sex == Kernel.Population.Sex.Female ? "presentata" : "presentato";
        return $"Prestazione {Service(booking.ServiceCode)} del {ItalianFormat.Date(booking.Date)}: {PeopleNames.Patient(people, booking.PatientId)} non si è {came} all'appuntamento.";
    }, new { dal = Dal });

    public Task<IActionResult> OnPostReverseAsync(long bookingId, string? reason, CancellationToken ct) => RunAsync(async () =>
    {
        var booking = await desk.ReverseDeliveryAsync(Me, bookingId, reason, ct);
        return $"Erogazione della prestazione {Service(booking.ServiceCode)} di {await PeopleNames.PatientAsync(care.Db, booking.PatientId, ct)} stornata: la prenotazione del {ItalianFormat.Date(booking.Date)} torna prenotata.";
    }, new { dal = Dal });
}
