using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.CareManagement.Application;
using Territorio.Data.Rehab;
using Territorio.Flows.Reference;
using Territorio.Web.Rehab;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Riabilitazione;

/// <summary>The art.5 indicators of a run (computed by the pipeline's report when the run was made) with a chart.</summary>
public sealed class IndicatoriModel(RehabRunQuery query, CareServices care, ReferenceData reference) : PageModel
{
    public const int MaxBars = 40;

    public static readonly IReadOnlyList<string> Dimensions = ["struttura", "disciplina", "mdc", "livello"];

    [BindProperty(SupportsGet = true)]
    public string Dimensione { get; set; } = "struttura";

    public RehabRunView? View { get; private set; }

    public IReadOnlyList<RehabRunIndicator> Indicators { get; private set; } = [];

    public IndicatorChart? Chart { get; private set; }

    public bool Truncated { get; private set; }

    /// <summary>"Name (code)" of the run's structures known to the ATS's registry.</summary>
    public IReadOnlyDictionary<string, string> StructureNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(long runId, CancellationToken ct)
    {
        View = await query.OpenAsync(Actor.From(User), runId, ct);
        if (View is null)
        {
            return NotFound();
        }

        if (!Dimensions.Contains(Dimensione))
        {
            Dimensione = Dimensions[0];
        }

        Indicators = await query.IndicatorsAsync(View, ct);
        StructureNames = await care.Organisations.StructureNamesAsync(Indicators.Where(i => i.Dimension == "struttura").Select(i => i.Value), ct);
        var rows = Indicators.Where(i => i.Dimension == Dimensione).ToList();
        Truncated = rows.Count > MaxBars;
        Chart = IndicatorChart.Of(rows.Take(MaxBars).ToList());
        return Page();
    }

    /// <summary>A group as people name it: a structure by "Name (code)", a discipline by "56 Recupero …", other dimensions by their value.</summary>
    public string GroupLabel(RehabRunIndicator indicator) => indicator.Dimension switch
    {
        "struttura" => StructureNames.GetValueOrDefault(indicator.Value, indicator.Value),
        "disciplina" => reference.Disciplines.Label(indicator.Value),
        _ => indicator.Value,
    };
}
