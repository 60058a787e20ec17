using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.CaseManagement;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

public sealed class WorklistModel(CareServices care, PatientAccess access) : PageModel
{
    public IReadOnlyList<WorklistEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Entries = await care.Cases.WorklistAsync(actor.GestoreId!, null, WorklistRules.DefaultPaiDueDays, ct);
        await access.RecordShownAsync(actor, Entries.Select(e => e.PatientId), "pagina Pazienti da contattare", ct);
    }
}
