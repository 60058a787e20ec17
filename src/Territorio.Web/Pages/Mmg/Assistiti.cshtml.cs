using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Mmg;

/// <summary>The GP's assistiti by name, a page at a time, with their level, their Gestore and the state of their PAI, and the search box.</summary>
public sealed class AssistitiModel(MmgPanelQuery panel, PatientSearch search) : PatientSearchPageModel
{
    public IReadOnlyList<MmgAssistito> Patients { get; private set; } = [];

    public string MmgId { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = Actor.From(User);
        MmgId = actor.MmgId ?? "";
        Found = await search.FindAsync(actor, panel.Scope(actor), Query, PageNumber, Descending, "pagina I miei assistiti", cancellationToken);
        Patients = await panel.DescribeAsync(Found.Patients, cancellationToken);
    }
}
