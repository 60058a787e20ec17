using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Plans;
using Territorio.Web.Api;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

/// <summary>The MMGs' PAI drafts and proposed changes waiting for the Gestore's clinical manager, oldest first.</summary>
public sealed class ProposteModel(CareServices care, PatientAccess access) : PageModel
{
    public IReadOnlyList<PendingProposal> Proposals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Proposals = await care.Pai.PendingProposalsAsync(actor.GestoreId!, GestoreEndpoints.ProposalListLimit, ct);
        await access.RecordShownAsync(actor, Proposals.Select(p => p.PatientId), "pagina Proposte dei MMG", ct);
    }
}
