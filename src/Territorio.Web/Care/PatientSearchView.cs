using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Territorio.Web.Care;

/// <summary>
/// A page listing residents with the search box (<see cref="PatientSearch"/>): <c>?q=</c> the
/// surname, codice fiscale or id, <c>?pagina=</c>, <c>?ordine=desc</c> for Z–A.
/// </summary>
public abstract class PatientSearchPageModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "ordine")]
    public string? Order { get; set; }

    public bool Descending => Order == "desc";

    public PatientSearchPage? Found { get; protected set; }

    /// <summary>The link to another page or order of the same search.</summary>
    public string Link(int page, bool descending) =>
        $"?q={Uri.EscapeDataString(Query ?? "")}&pagina={page}{(descending ? "&ordine=desc" : "")}";
}
