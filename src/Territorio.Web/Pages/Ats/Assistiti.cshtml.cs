using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

/// <summary>The ATS finds a resident of its territory by surname, codice fiscale or id (a territory is too large to list whole).</summary>
public sealed class AssistitiModel(PatientAccess access, PatientSearch search) : PatientSearchPageModel
{
    public async Task OnGetAsync(CancellationToken ct)
    {
        if (PatientSearch.IsSearchable(Query))
        {
            var actor = Actor.From(User);
            Found = await search.FindAsync(actor, access.VisibleTo(actor), Query, PageNumber, Descending, "pagina Cerca assistito", ct);
        }
    }
}
