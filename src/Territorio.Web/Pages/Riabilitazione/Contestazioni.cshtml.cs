using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Territorio.CareManagement.Application;
using Territorio.Rehab.Contests;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Riabilitazione;

/// <summary>
/// The contests of rehab verdicts: the ATS sees those of its runs (the open ones first to decide,
/// from each verdict's page), a structure its own. Filters by structure (name or code) and state.
/// </summary>
public sealed class ContestazioniModel(VerdictContests contests, CareServices care) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Struttura { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stato { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public bool IsAts { get; private set; }

    public IReadOnlyList<StructureOption> Structures { get; private set; } = [];

    public RehabPage<VerdictContest>? Contests { get; private set; }

    public IReadOnlyDictionary<string, string> StructureNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        IsAts = actor.IsAts;
        var codes = await contests.StructuresAsync(actor, ct);
        StructureNames = await care.Organisations.StructureNamesAsync(codes, ct);
        Structures = StructureSearch.Options(codes, StructureNames);

        var errors = new Dictionary<string, string>();
        var state = VerdictContest.Parse(Stato);
        if (!string.IsNullOrWhiteSpace(Stato) && state is null)
        {
            errors["stato"] = $"stato \"{Stato.Trim()}\" sconosciuto (ammessi: {string.Join(", ", ContestLabels.Codes)})";
        }

        IReadOnlyList<string>? among = null;
        if (!string.IsNullOrWhiteSpace(Struttura))
        {
            among = StructureSearch.Match(Struttura, Structures);
            if (among.Count == 0)
            {
                errors["struttura"] = $"nessuna struttura con contestazioni corrisponde a \"{Struttura.Trim()}\": scrivere parte del nome o il codice e scegliere tra i suggerimenti";
            }
        }

        Errors = errors;
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Contests = await contests.ListAsync(actor, among, state, Pagina, ct);
        return Page();
    }

    public string StructureLabel(string code) => StructureNames.GetValueOrDefault(code, code);

    public string PageUrl(int page) => QueryHelpers.AddQueryString(Request.Path, new Dictionary<string, string?>
    {
        ["struttura"] = Struttura,
        ["stato"] = Stato,
        ["pagina"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
