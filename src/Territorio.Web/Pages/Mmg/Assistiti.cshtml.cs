using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Mmg;

/// <summary>The GP's assistiti with their level, their Gestore and the state of their PAI.</summary>
public sealed class AssistitiModel(MmgPanelQuery panel) : PageModel
{
    public IReadOnlyList<MmgAssistito> Patients { get; private set; } = [];

    public string MmgId { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = Actor.From(User);
        MmgId = actor.MmgId ?? "";
        Patients = await panel.ListAsync(actor, "pagina I miei assistiti", cancellationToken);
    }
}
