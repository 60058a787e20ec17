using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Bookings;
using Territorio.CareManagement.CaseManagement;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;
using Territorio.Web.Security;

namespace Territorio.Web.Care;

/// <summary>
/// The care operations of the screens and of the API, each within the caller's tenancy: the
/// Gestore's own bookings and partner erogatori, the erogatore's own agenda, the account's own
/// ATS. The patient's visibility is checked (and logged) by the caller through
/// <see cref="PatientAccess"/> before any of these runs; the care domain then applies its rules.
/// </summary>
public sealed class CareDesk(CareServices care, TimeProvider clock, SignedPactScans scans, EnrolmentPatients enrolment)
{
    /// <summary>
    /// The Gestore's operator signs the pact the patient chose; the operator is the witness. On
    /// paper, the scan is stored first and removed again if the pact is refused (nothing half-written).
    /// </summary>
    public async Task<SignedPact> SignPactAsync(Actor me, string patientId, SignatureMethod method, Stream? scan, DateOnly? start, CancellationToken ct)
    {
        // Only residents of the Gestore's own ATS with a consent basis for it: the answer does not say
        // whether anyone else exists (docs/decisions/0265-enrolment-lookup-needs-a-consent-basis.md).
        if (!await enrolment.MayEnrolAsync(me, patientId, ct))
        {
            throw new CareManagement.Common.CareRuleException(NotEnrollable(patientId), "patientId");
        }

        return await WithSignatureAsync(me, method, scan, signature =>
            care.Enrolment.SignPactAsync(patientId, GestoreOf(me), start, signature, me.UserName, CareActors.OfGestore(me), ct), ct);
    }

    /// <summary>
    /// The Gestore's operator renews the patient's active pact on the patient's signature: the scan of
    /// the renewal signed on paper, or the patient's confirmation from their page countersigned here.
    /// The operator signed in is the witness (DGR X/6164/2017 allegato 1: the patient confirms the pact each year).
    /// </summary>
    public async Task<PattoDiCura> RenewPactAsync(Actor me, long pactId, SignatureMethod method, Stream? scan, CancellationToken ct)
    {
        await RequireOwnPactAsync(me, pactId, ct);
        return await WithSignatureAsync(me, method, scan, signature => care.Enrolment.RenewAsync(pactId, signature, CareActors.OfGestore(me), ct), ct);
    }

    /// <summary>Another Gestore's pact is refused as not found: the answer does not say whether it exists.</summary>
    public async Task RequireOwnPactAsync(Actor me, long pactId, CancellationToken ct)
    {
        if (!await care.Db.Set<PattoDiCura>().AnyAsync(p => p.Id == pactId && p.GestoreId == me.GestoreId, ct))
        {
            throw new RefusedException($"patto di cura {pactId} non trovato tra i patti del Gestore");
        }
    }

    /// <summary>
    /// The signed-in operator witnesses, by the name their account has (a bearer token carries no
    /// name) and checked like the CLI's witness; on paper, the scan is stored first and removed again
    /// if refused (nothing half-written).
    /// </summary>
    private async Task<T> WithSignatureAsync<T>(Actor me, SignatureMethod method, Stream? scan, Func<PatientSignature, Task<T>> operation, CancellationToken ct)
    {
        var witness = await GestoreOperators.WitnessedByAsync(care.Db, me.UserName, GestoreOf(me), null, method, null, clock.GetUtcNow(), ct);
        string? stored = method == SignatureMethod.Paper && scan is not null ? await scans.StoreAsync(scan, ct) : null;
        try
        {
            return await operation(witness with { Scan = stored });
        }
        catch when (stored is not null)
        {
            scans.Delete(stored);
            throw;
        }
    }

    /// <summary>
    /// The refusal for a patient the Gestore may not enrol, the same whether the person exists or not;
    /// "assistito con codice", not "paziente X", so that no refusal is rewritten with the person's name.
    /// </summary>
    public static string NotEnrollable(string patientId) =>
        $"nessun assistito dell'ATS con codice {patientId.Trim()} risulta invitato dall'ATS o ha chiesto la presa in carico a questo Gestore: il patto non si può firmare";

    public Task<PaiVersion> WritePaiFromTemplateAsync(Actor me, string patientId, string? reason, CancellationToken ct) =>
        care.Pai.WriteFromTemplateAsync(patientId, CareActors.OfGestore(me), reason, ct);

    public Task<PaiVersion> WritePaiAsync(Actor me, string patientId, IReadOnlyList<PaiItem> items, string? reason, CancellationToken ct) =>
        care.Pai.WriteAsync(patientId, items, CareActors.OfGestore(me), reason, ct);

    public Task<PaiVersion?> DecideProposalAsync(Actor me, string patientId, bool accept, string? reason, CancellationToken ct) =>
        care.Pai.DecideProposalAsync(patientId, accept, CareActors.OfGestore(me), reason, ct);

    public Task<PaiVersion> DraftPaiAsync(Actor me, string patientId, string? reason, CancellationToken ct) =>
        care.Pai.DraftFromTemplateAsync(patientId, CareActors.OfMmg(me), reason, ct);

    public Task<PaiVersion> ProposePaiAsync(Actor me, string patientId, IReadOnlyList<PaiItem> items, string? reason, CancellationToken ct) =>
        care.Pai.ProposeAsync(patientId, items, CareActors.OfMmg(me), reason, ct);

    /// <summary>Slots per page of the Centro Servizi's search.</summary>
    public const int SlotsPerPage = 20;

    /// <summary>The Centro Servizi's slot search over the Gestore's network (earliest first, then by site).</summary>
    public Task<SlotSearchPage> SearchSlotsAsync(Actor me, string serviceCode, DateOnly from, DateOnly to, int page, CancellationToken ct) =>
        care.Network.SearchSlotsAsync(serviceCode, GestoreOf(me), from, to, page, SlotsPerPage, ct);

    public async Task<Booking> BookAsync(Actor me, string patientId, long slotId, CancellationToken ct)
    {
        await RequirePartnerSlotAsync(me, slotId, ct);
        return await care.Bookings.BookAsync(patientId, slotId, CareActors.OfGestore(me), ct);
    }

    public async Task<Booking> RescheduleAsync(Actor me, string patientId, long bookingId, long slotId, string? reason, CancellationToken ct)
    {
        await RequireOwnBookingAsync(me, patientId, bookingId, ct);
        await RequirePartnerSlotAsync(me, slotId, ct);
        return await care.Bookings.RescheduleAsync(bookingId, slotId, CareActors.OfGestore(me), reason ?? "spostata dal Centro Servizi", ct);
    }

    public async Task<Booking> CancelAsync(Actor me, string patientId, long bookingId, string? reason, CancellationToken ct)
    {
        await RequireOwnBookingAsync(me, patientId, bookingId, ct);
        return await care.Bookings.CancelAsync(bookingId, CareActors.OfGestore(me), reason, ct);
    }

    public Task<Contact> RecordContactAsync(Actor me, string patientId, ContactKind kind, DateOnly? on, ContactOutcome outcome, string? note, CancellationToken ct) =>
        care.Contacts.RecordAsync(patientId, kind, on, outcome, note, CareActors.OfGestore(me), ct);

    /// <summary>The erogatore marks one of its own bookings delivered (today unless another day is given).</summary>
    public async Task<Booking> MarkDeliveredAsync(Actor me, long bookingId, DateOnly? on, CancellationToken ct)
    {
        await RequireErogatoreBookingAsync(me, bookingId, ct);
        return await care.Bookings.MarkDeliveredAsync(bookingId, on ?? ItalianTime.Today(clock), CareActors.OfErogatore(me), ct);
    }

    /// <summary>The erogatore records that the patient did not come to one of its bookings.</summary>
    public async Task<Booking> MarkMissedAsync(Actor me, long bookingId, CancellationToken ct)
    {
        await RequireErogatoreBookingAsync(me, bookingId, ct);
        return await care.Bookings.MarkMissedAsync(bookingId, CareActors.OfErogatore(me), ct);
    }

    /// <summary>The erogatore reverses a delivery it entered by mistake (the reason is required).</summary>
    public async Task<Booking> ReverseDeliveryAsync(Actor me, long bookingId, string? reason, CancellationToken ct)
    {
        await RequireErogatoreBookingAsync(me, bookingId, ct);
        return await care.Bookings.ReverseDeliveryAsync(bookingId, CareActors.OfErogatore(me), reason, ct);
    }

    public async Task RequireErogatoreBookingAsync(Actor me, long bookingId, CancellationToken ct)
    {
        string erogatore = me.ErogatoreId ?? "";
        if (!await care.Db.Set<Booking>().AnyAsync(b => b.Id == bookingId && b.ErogatoreId == erogatore, ct))
        {
            throw new RefusedException($"prenotazione {bookingId} non trovata nell'agenda dell'erogatore {erogatore}");
        }
    }

    private static string GestoreOf(Actor me) => me.GestoreId ?? throw new RefusedException("account senza Gestore");

    private async Task RequireOwnBookingAsync(Actor me, string patientId, long bookingId, CancellationToken ct)
    {
        string gestore = GestoreOf(me);
        if (!await care.Db.Set<Booking>().AnyAsync(b => b.Id == bookingId && b.PatientId == patientId && b.GestoreId == gestore, ct))
        {
            throw new RefusedException($"prenotazione {bookingId} non trovata tra quelle del paziente {patientId}");
        }
    }

    private async Task RequirePartnerSlotAsync(Actor me, long slotId, CancellationToken ct)
    {
        string gestore = GestoreOf(me);
        var erogatore = await care.Db.Set<AgendaSlot>().Where(s => s.Id == slotId).Select(s => s.ErogatoreId).FirstOrDefaultAsync(ct);
        bool partner = erogatore is not null
            && await care.Db.Set<Erogatore>().AnyAsync(e => e.Id == erogatore && e.Agreements.Any(a => a.GestoreId == gestore), ct);
        if (!partner)
        {
            throw new RefusedException($"slot {slotId} non disponibile presso gli erogatori convenzionati con il Gestore");
        }
    }
}
