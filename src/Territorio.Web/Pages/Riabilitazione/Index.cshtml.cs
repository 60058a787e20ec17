using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Riabilitazione;

public sealed class IndexModel(RehabRunQuery query) : PageModel
{
    public string Ats { get; private set; } = "";

    /// <summary>The account's structure when it sees only its own admissions; null for an ATS.</summary>
    public string? Structure { get; private set; }

    public IReadOnlyList<RehabRunView> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Ats = actor.Ats;
        Structure = actor.IsAts ? null : actor.StructureId;
        Runs = await query.ListAsync(actor, ct);
    }
}
