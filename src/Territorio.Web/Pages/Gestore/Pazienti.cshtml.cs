using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

/// <summary>The Gestore's patients in charge, by name, a page at a time, with the search box.</summary>
public sealed class PazientiModel(PatientAccess access, PatientSearch search) : PatientSearchPageModel
{
    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Found = await search.FindAsync(actor, access.VisibleTo(actor), Query, PageNumber, Descending, "pagina Pazienti in carico", ct);
    }
}
