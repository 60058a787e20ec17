using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.CareManagement.Application;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Riabilitazione;

public sealed class IndexModel(RehabRunQuery query, CareServices care) : PageModel
{
    public string Ats { get; private set; } = "";

    /// <summary>The account's structure when it sees only its own admissions; null for an ATS.</summary>
    public string? Structure { get; private set; }

    /// <summary>The account's structure by name ("Ospedale … (030423)"), the code when the registry does not name it.</summary>
    public string? StructureLabel { get; private set; }

    public IReadOnlyList<RehabRunView> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Ats = actor.Ats;
        Structure = actor.IsAts ? null : actor.StructureId;
        if (Structure is { } code)
        {
            StructureLabel = (await care.Organisations.StructureNamesAsync([code], ct)).GetValueOrDefault(code, code);
        }

        Runs = await query.ListAsync(actor, ct);
    }
}
