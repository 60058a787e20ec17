using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.CaseManagement;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

public sealed class WorklistModel(CareServices care, WorklistPages pages, PatientAccess access) : PageModel
{
    /// <summary>A screenful: a Gestore has thousands of patients in charge (docs/decisions/0094-worklist-read-model.md).</summary>
    public const int PageSize = 25;

    public IReadOnlyList<WorklistEntry> Entries { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>Who each patient of the page is, to call them: name, codice fiscale, phone.</summary>
    public IReadOnlyDictionary<string, Kernel.Population.Resident> People { get; private set; } = new Dictionary<string, Kernel.Population.Resident>();

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        PageNumber = Math.Max(1, PageNumber);
        var page = await pages.GetAsync(care, actor.GestoreId!, (PageNumber - 1) * PageSize, PageSize, ct);
        (Total, Entries) = (page.Total, page.Entries);
        People = await PeopleNames.ResidentsAsync(care.Db, Entries.Select(e => e.PatientId), ct);
        await access.RecordShownAsync(actor, Entries.Select(e => e.PatientId), "pagina Pazienti da contattare", ct);
    }
}
