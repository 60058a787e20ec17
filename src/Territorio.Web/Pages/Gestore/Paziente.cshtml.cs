using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.Network;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

/// <summary>The case manager's patient file: PAI from template, bookings (book, reschedule, cancel), adherence.</summary>
public sealed class PazienteModel(CareServices care, PatientAccess access, PatientFileQuery files) : CarePageModel
{
    public PatientFile? Record { get; private set; }

    /// <summary>Only the Gestore's clinical manager writes the PAI (DGR X/6164/2017; enforced by the care domain).</summary>
    public bool CanWritePai => Me.Roles.Contains(TerritorioRoles.GestoreResponsabileClinico);

    public async Task<IActionResult> OnGetAsync(string patientId, CancellationToken ct)
    {
        var patient = await access.OpenAsync(Me, patientId, "pagina Scheda paziente del Gestore", ct);
        if (patient is null)
        {
            return NotFound();
        }

        Record = await files.BuildAsync(patient, Me.GestoreId, ct);
        return Page();
    }

    public Task<IActionResult> OnPostWriteFromTemplateAsync(string patientId, string? reason, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "scrittura PAI dal modello", async () =>
        {
            var version = await care.Pai.WriteFromTemplateAsync(patientId, CareActors.OfGestore(Me), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), ct);
            return $"PAI versione {version.Number} scritto dal modello: {version.Items.Count} voci.";
        }, ct);

    public Task<IActionResult> OnPostBookAsync(string patientId, long slotId, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "prenotazione", async () =>
        {
            await RequirePartnerSlotAsync(slotId, ct);
            var booking = await care.Bookings.BookAsync(patientId, slotId, CareActors.OfGestore(Me), ct);
            return $"Prenotata {booking.ServiceCode} il {ItalianFormat.Date(booking.Date)} alle {booking.Start:HH\\:mm} presso {booking.ErogatoreId}.";
        }, ct);

    public Task<IActionResult> OnPostRescheduleAsync(string patientId, long bookingId, long slotId, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "spostamento prenotazione", async () =>
        {
            await RequireOwnBookingAsync(patientId, bookingId, ct);
            await RequirePartnerSlotAsync(slotId, ct);
            var booking = await care.Bookings.RescheduleAsync(bookingId, slotId, CareActors.OfGestore(Me), "spostata dal Centro Servizi", ct);
            return $"Prenotazione spostata al {ItalianFormat.Date(booking.Date)} alle {booking.Start:HH\\:mm}.";
        }, ct);

    public Task<IActionResult> OnPostCancelAsync(string patientId, long bookingId, string? reason, CancellationToken ct) =>
        OnVisiblePatientAsync(patientId, "disdetta prenotazione", async () =>
        {
            await RequireOwnBookingAsync(patientId, bookingId, ct);
            await care.Bookings.CancelAsync(bookingId, CareActors.OfGestore(Me), reason, ct);
            return $"Prenotazione {bookingId} disdetta.";
        }, ct);

    private async Task<IActionResult> OnVisiblePatientAsync(string patientId, string what, Func<Task<string>> operation, CancellationToken ct)
    {
        if (await access.OpenAsync(Me, patientId, "Gestore: " + what, ct) is null)
        {
            return NotFound();
        }

        return await RunAsync(operation, new { patientId });
    }

    private async Task RequireOwnBookingAsync(string patientId, long bookingId, CancellationToken ct)
    {
        string? gestore = Me.GestoreId;
        if (!await care.Db.Set<Booking>().AnyAsync(b => b.Id == bookingId && b.PatientId == patientId && b.GestoreId == gestore, ct))
        {
            throw new RefusedException($"prenotazione {bookingId} non trovata tra quelle del paziente {patientId}");
        }
    }

    private async Task RequirePartnerSlotAsync(long slotId, CancellationToken ct)
    {
        string? gestore = Me.GestoreId;
        var erogatore = await care.Db.Set<AgendaSlot>().Where(s => s.Id == slotId).Select(s => s.ErogatoreId).FirstOrDefaultAsync(ct);
        bool partner = erogatore is not null
            && await care.Db.Set<CareManagement.Network.Erogatore>().AnyAsync(e => e.Id == erogatore && e.Agreements.Any(a => a.GestoreId == gestore), ct);
        if (!partner)
        {
            throw new RefusedException($"slot {slotId} non disponibile presso gli erogatori convenzionati con il Gestore");
        }
    }
}
