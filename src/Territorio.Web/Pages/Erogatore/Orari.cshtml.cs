using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.Web.Api;
using Territorio.Web.Care;

namespace Territorio.Web.Pages.Erogatore;

/// <summary>
/// The signed-in erogatore's weekly opening hours, the slot length of each service it offers and its
/// closures (decision 0125); the agenda from tomorrow on follows at once. Only its own: the erogatore
/// comes from the account, and a form naming another one is answered 404 before anything changes.
/// </summary>
public sealed class OrariModel(CareServices care) : CarePageModel
{
    /// <summary>Monday first, as an Italian week is read.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string ErogatoreId => Me.ErogatoreId ?? "";

    public CareManagement.Network.Erogatore? Erogatore { get; private set; }

    public IReadOnlyDictionary<string, string> ServiceNames => care.Catalogues.Vocabulary.Services;

    private bool NamesAnotherErogatore() => ErogatoreForms.NamesAnother(Request, ErogatoreId);

    private Task<IActionResult> MineAsync(Func<Task<string>> operation) =>
        NamesAnotherErogatore() ? Task.FromResult<IActionResult>(NotFound()) : RunAsync(operation);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (NamesAnotherErogatore())
        {
            return NotFound();
        }

        Erogatore = await care.Db.Set<CareManagement.Network.Erogatore>().AsNoTracking()
            .Include(e => e.Services).Include(e => e.OpeningHours).Include(e => e.Closures).AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == ErogatoreId, ct);
        return Erogatore is null ? NotFound() : Page();
    }

    /// <summary>The week's hours, Monday to Sunday; a day with both times empty is closed.</summary>
    public Task<IActionResult> OnPostHoursAsync(string?[] apre, string?[] chiude, CancellationToken ct) => MineAsync(async () =>
    {
        var week = Week.Select((day, i) => new WeekdayHours(day, Time(apre.ElementAtOrDefault(i), day, "apertura"), Time(chiude.ElementAtOrDefault(i), day, "chiusura"))).ToList();
        if (week.FirstOrDefault(d => (d.Opens is null) != (d.Closes is null)) is { } half)
        {
            throw new CareRuleException($"{ItalianDays.Name(half.Day)}: indicare sia l'apertura sia la chiusura, oppure lasciarle vuote entrambe per un giorno di chiusura");
        }

        await care.Network.SetWeekAsync(ErogatoreId, week, CareActors.OfErogatore(Me), ct);
        return "Orario settimanale salvato: da domani gli slot dell'agenda seguono il nuovo orario.";
    });

    public Task<IActionResult> OnPostSlotAsync(string prestazione, int? minuti, CancellationToken ct) => MineAsync(async () =>
    {
        int minutes = minuti ?? throw new CareRuleException($"durata dello slot della prestazione {prestazione}: indicare i minuti");
        await care.Network.SetSlotLengthAsync(ErogatoreId, prestazione, minutes, CareActors.OfErogatore(Me), ct);
        return $"Slot della prestazione {prestazione} di {minutes} minuti: da domani l'agenda segue la nuova durata.";
    });

    public const string ClosedFromLabel = "Chiuso dal", ClosedToLabel = "Fino al";

    public Task<IActionResult> OnPostCloseAsync(string? dal, string? al, string? motivo, CancellationToken ct) => MineAsync(async () =>
    {
        var validation = new ApiProblems.Validation();
        var start = AuditEndpoints.ParseDay(dal, "dal", validation, ClosedFromLabel);
        var end = AuditEndpoints.ParseDay(al, "al", validation, ClosedToLabel);
        if (!validation.IsValid)
        {
            throw new CareRuleException("chiusura: " + string.Join("; ", validation.Errors.SelectMany(e => e.Value)));
        }

        if (start is not { } from || end is not { } to)
        {
            throw new CareRuleException("chiusura: indicare la data di inizio e quella di fine");
        }

        await care.Network.CloseAsync(ErogatoreId, from, to, motivo ?? "", CareActors.OfErogatore(Me), ct);
        return $"Chiusura dal {ItalianFormat.Date(from)} al {ItalianFormat.Date(to)} registrata: in quei giorni non si offrono slot.";
    });

    public Task<IActionResult> OnPostReopenAsync(DateOnly dal, CancellationToken ct) => MineAsync(async () =>
    {
        await care.Network.ReopenAsync(ErogatoreId, dal, CareActors.OfErogatore(Me), ct);
        return $"Chiusura dal {ItalianFormat.Date(dal)} revocata: quei giorni offrono di nuovo i loro slot.";
    });

    private static TimeOnly? Time(string? text, DayOfWeek day, string what) =>
        string.IsNullOrWhiteSpace(text) ? null
        : TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw new CareRuleException($"{ItalianDays.Name(day)}, ora di {what} non valida: «{text}» (formato hh:mm)");
}
