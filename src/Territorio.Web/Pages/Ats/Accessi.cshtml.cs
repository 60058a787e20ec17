using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

public sealed class AccessiModel(AccessLogQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Paziente { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Utente { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Dal { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Al { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public string Ats { get; private set; } = "";

    public AccessLogPage? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = Actor.From(User);
        Ats = actor.Ats;
        Result = await query.FindAsync(actor, new AccessLogFilter(Paziente?.Trim(), Utente?.Trim(), Dal, Al, Pagina), cancellationToken);
    }
}
