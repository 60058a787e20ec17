using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Data;
using Territorio.Web.Ats;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

/// <summary>The demand pyramid of the ATS's territory, or of one of its GPs, beside the seed's reference shape.</summary>
public sealed class PiramideModel(PyramidQuery query, TerritorioDbContext db) : PageModel
{
    public string Ats { get; private set; } = "";

    public string? MmgId { get; private set; }

    /// <summary>Null when no stratification has been imported yet.</summary>
    public TerritoryPyramid? Territory { get; private set; }

    /// <summary>What the page draws: the chosen GP's pyramid, or the territory's.</summary>
    public PyramidView? Shown { get; private set; }

    /// <summary>The territory's GPs by surname, "Dott.ssa Bianchi Anna (MMG00001)": the selector's options.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Gps { get; private set; } = [];

    private Dictionary<string, string> _gpLabels = [];

    public async Task<IActionResult> OnGetAsync(string? mmgId, CancellationToken ct)
    {
        Ats = Actor.From(User).Ats;
        MmgId = string.IsNullOrWhiteSpace(mmgId) ? null : mmgId.Trim();
        // A GP of another territory is not found, like one that does not exist.
        if (MmgId is not null && !await query.IsGpOfTerritoryAsync(Ats, MmgId, ct))
        {
            return NotFound();
        }

        if (await query.LatestRunAsync(ct) is { } run)
        {
            Territory = await query.TerritoryAsync(run, Ats, ct);
            Shown = MmgId is null ? Territory.Territory : await query.GpAsync(run, Ats, MmgId, ct);
            Gps = await PeopleNames.DoctorsBySurnameAsync(db, Territory.Gps.Select(g => g.MmgId), ct);
        }
        else if (MmgId is not null)
        {
            Gps = await PeopleNames.DoctorsBySurnameAsync(db, [MmgId], ct);
        }

        _gpLabels = Gps.ToDictionary(g => g.Key, g => g.Value);

        return Page();
    }

    /// <summary>A GP as people name them, the code alone when the registry does not.</summary>
    public string GpLabel(string mmgId) => _gpLabels.GetValueOrDefault(mmgId, mmgId);
}
