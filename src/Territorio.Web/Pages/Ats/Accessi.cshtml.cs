using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Api;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

public sealed class AccessiModel(AccessLogQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Paziente { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Utente { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dal { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Al { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public string Ats { get; private set; } = "";

    public AccessLogPage? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = Actor.From(User);
        Ats = actor.Ats;
        var validation = new ApiProblems.Validation();
        var from = AuditEndpoints.ParseDay(Dal, "dal", validation);
        var to = AuditEndpoints.ParseDay(Al, "al", validation);
        Errors = validation.Errors;
        if (validation.IsValid)
        {
            Result = await query.FindAsync(actor, new AccessLogFilter(Paziente?.Trim(), Utente?.Trim(), from, to, Pagina), cancellationToken);
        }
    }
}
