using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Territorio.CareManagement.Application;
using Territorio.Data.Rehab;
using Territorio.Web.Api;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Riabilitazione;

/// <summary>A run's summary and its verdicts with their explanations, filtered and paginated.</summary>
public sealed class EsecuzioneModel(RehabRunQuery query, RehabRunFiles files, VerdictContests contests, CareServices care) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Struttura { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Esito { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Disciplina { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Livello { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public RehabRunView? View { get; private set; }

    /// <summary>The structures of the view sorted by name: the filter's suggestions.</summary>
    public IReadOnlyList<StructureOption> Structures { get; private set; } = [];

    public RehabPage<RehabRunVerdict>? Verdicts { get; private set; }

    /// <summary>The structures the typed text matched, "Name (code)"; empty without a structure filter.</summary>
    public IReadOnlyList<string> MatchedStructures { get; private set; } = [];

    /// <summary>"Name (code)" of the run's structures known to the ATS's registry.</summary>
    public IReadOnlyDictionary<string, string> StructureNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The contests of the view's verdicts by line (few: one per contested verdict).</summary>
    public IReadOnlyDictionary<long, Territorio.Rehab.Contests.VerdictContest> Contests { get; private set; } = new Dictionary<long, Territorio.Rehab.Contests.VerdictContest>();

    public async Task<IActionResult> OnGetAsync(long runId, CancellationToken ct)
    {
        View = await query.OpenAsync(Actor.From(User), runId, ct);
        if (View is null)
        {
            return NotFound();
        }

        var codes = await query.StructuresAsync(View, ct);
        StructureNames = await care.Organisations.StructureNamesAsync(codes, ct);
        Structures = StructureSearch.Options(codes, StructureNames);
        var validation = new ApiProblems.Validation();
        // The text box searches by name or code: the code filter of the API is not used here.
        var filter = RehabVerdictFilter.Parse(null, Esito, Disciplina, Livello, validation) with { StructureAmong = StructuresTyped(validation) };
        Errors = validation.Errors;
        if (!validation.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Verdicts = await query.VerdictsAsync(View, filter, Pagina, ct);
        if (View.Contests.Total > 0)
        {
            Contests = await contests.OfRunAsync(View, ct);
        }

        return Page();
    }

    private IReadOnlyList<string>? StructuresTyped(ApiProblems.Validation validation)
    {
        if (string.IsNullOrWhiteSpace(Struttura))
        {
            return null;
        }

        var matched = StructureSearch.Match(Struttura, Structures);
        MatchedStructures = [.. matched.Select(StructureLabel)];
        if (matched.Count == 0)
        {
            validation.Add("struttura", $"nessuna struttura di questa esecuzione corrisponde a \"{Struttura.Trim()}\": scrivere parte del nome o il codice e scegliere tra i suggerimenti");
        }

        return matched;
    }

    public Task<IActionResult> OnGetCsvAsync(long runId, CancellationToken ct) => files.ForPageAsync(HttpContext, runId, files.VerdictsCsv, ct);

    public Task<IActionResult> OnGetJsonlAsync(long runId, CancellationToken ct) => files.ForPageAsync(HttpContext, runId, files.VerdictsJsonLines, ct);

    /// <summary>A structure as people name it: "Name (code)", the code alone when the registry does not know it.</summary>
    public string StructureLabel(string code) => StructureNames.GetValueOrDefault(code, code);

    /// <summary>The same page with the same filters, another page number.</summary>
    public string PageUrl(int page) => QueryHelpers.AddQueryString(Request.Path, new Dictionary<string, string?>
    {
        ["struttura"] = Struttura,
        ["esito"] = Esito,
        ["disciplina"] = Disciplina,
        ["livello"] = Livello,
        ["pagina"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
