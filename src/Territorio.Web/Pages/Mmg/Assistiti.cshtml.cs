using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Api;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Mmg;

public sealed class AssistitiModel(PatientAccess access, TimeProvider clock) : PageModel
{
    public IReadOnlyList<PatientSummary> Patients { get; private set; } = [];

    public string MmgId { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = Actor.From(User);
        MmgId = actor.MmgId ?? "";
        var patients = await access.MmgPatientsAsync(actor, PatientEndpoints.MmgListLimit, "pagina I miei assistiti", cancellationToken);
        var today = ItalianTime.Today(clock);
        Patients = [.. patients.Select(p => PatientSummary.Of(p, today))];
    }
}
