using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Bookings;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Erogatore;

/// <summary>The erogatore's bookings (a week back, two months ahead); a delivered service counts for adherence at once.</summary>
public sealed class AgendaModel(CareServices care, PatientAccess access, CareDesk desk, TimeProvider clock) : CarePageModel
{
    public string ErogatoreId => Me.ErogatoreId ?? "";

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public IReadOnlyList<Booking> Bookings { get; private set; } = [];

    /// <summary>Who arrives: the patients of the bookings shown, by id.</summary>
    public IReadOnlyDictionary<string, Kernel.Population.Resident> People { get; private set; } = new Dictionary<string, Kernel.Population.Resident>();

    public IReadOnlyDictionary<string, string> Gestori { get; private set; } = new Dictionary<string, string>();

    public string ErogatoreName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = ItalianTime.Today(clock);
        (From, To) = (today.AddDays(-7), today.AddDays(60));
        Bookings = await care.Bookings.OfErogatoreAsync(ErogatoreId, From, To, ct);
        await access.RecordShownAsync(Me, Bookings.Select(b => b.PatientId), "pagina Agenda dell'erogatore", ct);
        People = await PeopleNames.ResidentsAsync(care.Db, Bookings.Select(b => b.PatientId), ct);
        Gestori = await PeopleNames.GestoriAsync(care.Db, Bookings.Select(b => b.GestoreId), ct);
        ErogatoreName = (await PeopleNames.ErogatoriAsync(care.Db, [ErogatoreId], ct)).GetValueOrDefault(ErogatoreId, ErogatoreId);
    }

    public Task<IActionResult> OnPostDeliveredAsync(long bookingId, CancellationToken ct) => RunAsync(async () =>
    {
        var booking = await desk.MarkDeliveredAsync(Me, bookingId, null, ct);
        return $"Prestazione {booking.ServiceCode} di {booking.PatientId} segnata come erogata il {ItalianFormat.Date(booking.DeliveredOn ?? booking.Date)}.";
    });
}
