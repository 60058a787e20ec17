using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Network;
using Territorio.Web.Care;

namespace Territorio.Web.Pages.Erogatore;

/// <summary>
/// "Prestazioni offerte" (decision 0260): the branche the ATS accredited the signed-in erogatore for, by name,
/// the services it offers, and a search of the nomenclator limited to those branche from which it publishes one.
/// </summary>
public sealed class PrestazioniModel(CareServices care) : CarePageModel
{
    /// <summary>Results of one search: enough to choose from, few enough to read.</summary>
    public const int SearchLimit = 25;

    public string ErogatoreId => Me.ErogatoreId ?? "";

    public ErogatoreServices? Erogatore { get; private set; }

    [BindProperty(SupportsGet = true, Name = "cerca")]
    public string? Query { get; set; }

    public IReadOnlyList<OfferedServiceView> Results { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (NamesAnotherErogatore())
        {
            return NotFound();
        }

        try
        {
            Erogatore = await care.Network.ServicesOfAsync(ErogatoreId, ct);
        }
        catch (CareRuleException)
        {
            return NotFound();
        }

        Results = NetworkService.Offerable(Erogatore, care.Catalogues.SearchServices(Query, int.MaxValue), care.Catalogues.Branche).Take(SearchLimit).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostOfferAsync(string? prestazione, int? minuti, CancellationToken ct) => NamesAnotherErogatore()
        ? Task.FromResult<IActionResult>(NotFound())
        : RunAsync(async () =>
        {
            string code = (prestazione ?? "").Trim();
            if (!care.Catalogues.Vocabulary.Services.ContainsKey(code))
            {
                throw new CareRuleException($"prestazione «{code}» non presente nel nomenclatore: sceglierla dalla ricerca");
            }

            int opened = await care.Network.PublishAsync(ErogatoreId, code, minuti ?? OfferedService.DefaultSlotMinutes, CareActors.OfErogatore(Me), ct);
            return $"Prestazione {care.Catalogues.Branche.ServiceLabel(code)} ora offerta" + (opened > 0 ? $": {opened} slot aperti in agenda secondo l'orario." : ": gli slot si aprono dall'agenda.");
        });

    /// <summary>Stops offering a service (decision 0268): refused while appointments of it are booked from today on.</summary>
    public Task<IActionResult> OnPostWithdrawAsync(string? prestazione, CancellationToken ct) => NamesAnotherErogatore()
        ? Task.FromResult<IActionResult>(NotFound())
        : RunAsync(async () =>
        {
            string code = (prestazione ?? "").Trim();
            int removed = await care.Network.WithdrawAsync(ErogatoreId, code, CareActors.OfErogatore(Me), ct);
            return $"Prestazione {care.Catalogues.Branche.ServiceLabel(code)} ritirata: non è più offerta" + (removed > 0 ? $"; {removed} slot liberi tolti dall'agenda." : ".");
        });

    private bool NamesAnotherErogatore() => ErogatoreForms.NamesAnother(Request, ErogatoreId);
}
