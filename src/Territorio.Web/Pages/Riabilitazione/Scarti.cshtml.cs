using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Data.Rehab;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Riabilitazione;

/// <summary>The rejected rows of a run (line, column, value, reason): the ATS's, which owns the file.</summary>
public sealed class ScartiModel(RehabRunQuery query, RehabRunFiles files) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public RehabRunView? View { get; private set; }

    public RehabPage<RehabRunError>? Rows { get; private set; }

    public async Task<IActionResult> OnGetAsync(long runId, CancellationToken ct)
    {
        View = await query.OpenAsync(Actor.From(User), runId, ct);
        if (View is null)
        {
            return NotFound();
        }

        Rows = await query.ErrorsAsync(View, Pagina, ct);
        return Page();
    }

    public Task<IActionResult> OnGetCsvAsync(long runId, CancellationToken ct) => files.ForPageAsync(HttpContext, runId, files.ErrorsCsv, ct);
}
