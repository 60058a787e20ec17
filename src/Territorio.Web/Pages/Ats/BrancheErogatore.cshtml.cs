using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Network;
using Territorio.CareManagement.Network;
using Territorio.Web.Care;

namespace Territorio.Web.Pages.Ats;

/// <summary>
/// The ATS records the branche specialistiche an erogatore of its own is accredited for (decision 0260), with
/// checkboxes of the branche table; the aggregate refuses withdrawing a branca an offered service still needs.
/// Another ATS's erogatore is not found.
/// </summary>
public sealed class BrancheErogatoreModel(CareServices care) : CarePageModel
{
    /// <summary>Present in every form the page sends, so that a post without it is not read as "no branche".</summary>
    public const string FormMarker = "branche";

    public ErogatoreServices Erogatore { get; private set; } = null!;

    public IReadOnlyList<Branca> Table => [.. care.Catalogues.Branche.All.OrderBy(b => b.Code, StringComparer.Ordinal)];

    /// <summary>
    /// The offered services of a branca, by label, for the ATS to see what withdrawing it would leave out: a
    /// service of several branche (a generic visit) is shown only under those accredited, not under every one.
    /// </summary>
    public IReadOnlyList<string> ServicesNeeding(Branca branca) =>
        [.. Erogatore.Services.Where(s => s.Branche.Contains(branca) && (s.Branche.Count == 1 || Erogatore.Branche.Contains(branca))).Select(s => s.Label)];

    public async Task<IActionResult> OnGetAsync(string erogatoreId, CancellationToken ct) =>
        await OpenAsync(erogatoreId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string erogatoreId, string? modulo, string[]? branche, CancellationToken ct)
    {
        if (!await OpenAsync(erogatoreId, ct))
        {
            return NotFound();
        }

        if (modulo != FormMarker)
        {
            Errore = "Operazione rifiutata: modulo incompleto, riaprire la pagina e ripetere la scelta delle branche.";
            return RedirectToPage(new { erogatoreId });
        }

        return await RunAsync(async () =>
        {
            await care.Network.AccreditAsync(erogatoreId, branche ?? [], CareActors.AtsOperator(Me), ct);
            return $"Branche accreditate dell'erogatore {Erogatore.Name} ({Erogatore.Id}) registrate.";
        }, new { erogatoreId });
    }

    private async Task<bool> OpenAsync(string erogatoreId, CancellationToken ct)
    {
        var found = (await care.Network.ErogatoriOfAtsAsync(Me.Ats, ct)).FirstOrDefault(e => e.Id == erogatoreId);
        Erogatore = found!;
        return found is not null;
    }
}
