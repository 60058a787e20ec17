using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.CareManagement.Application.Common;
using Territorio.Flows.Remuneration;
using Territorio.Kernel.Errors;
using Territorio.Remuneration.Tariffs;
using Territorio.Stratification.Engine;
using Territorio.Web.Remuneration;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

/// <summary>
/// The ATS's what-if: a candidate tariff catalogue (uploaded, or the one in force edited row by
/// row) and candidate level thresholds, over its own territory's population and pacts, side by
/// side with today. Reads only: the real levels and payments are not touched.
/// </summary>
public sealed class SimulazioneModel(TariffWhatIfQuery query, RemunerationSettings settings, TimeProvider clock, CareCatalogues catalogues) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Anno { get; set; }

    [BindProperty]
    public int? Soglia1 { get; set; }

    [BindProperty]
    public int? Soglia2 { get; set; }

    /// <summary>The candidate catalogue of the previous step, sent back by the page.</summary>
    [BindProperty]
    public string? Candidato { get; set; }

    [BindProperty]
    public IFormFile? Caricato { get; set; }

    public int Year => Anno ?? ItalianTime.Today(clock).Year;

    public LevelThresholds Thresholds => new(Soglia1 ?? LevelThresholds.Dgr6164.PathologiesForLevel1, Soglia2 ?? LevelThresholds.Dgr6164.PathologiesForLevel2);

    public string Ats { get; private set; } = "";

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public TariffCatalogue Candidate { get; private set; } = null!;

    public TariffWhatIf? Result { get; private set; }

    /// <summary>The rows offered for editing: every level of the pathologies paid in the year.</summary>
    public IReadOnlyList<TariffRow> EditableRows { get; private set; } = [];

    public TariffCatalogue Current => settings.Catalogue;

    public string PathologyName(int code) => settings.Pathologies.NameOf(code);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Candidate = settings.Catalogue;
        await RunAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await SimulateAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCsvAsync(CancellationToken ct)
    {
        if (!await SimulateAsync(ct) || Result is not { } result)
        {
            return Page();
        }

        var text = new StringWriter();
        RemunerationExport.WriteCsv(TariffWhatIfExport.Table(result, catalogues.AtsNames.GetValueOrDefault(result.Ats, "")), text);
        return File(new UTF8Encoding(false).GetBytes(text.ToString()), "text/csv", $"simulazione-{Ats}-{Year}.csv");
    }

    /// <summary>The catalogue in force as JSON: the layout an analyst edits offline and uploads back.</summary>
    public IActionResult OnGetCatalogo()
    {
        return File(Encoding.UTF8.GetBytes(CandidateTariffs.ToJson(settings.Catalogue)), "application/json", $"tariffe-{settings.Catalogue.Info.Id}-v{settings.Catalogue.Info.Version}.json");
    }

    public static string Money(decimal amount) => ItalianFormat.Euro(amount);

    public static string Amount(decimal amount) => amount.ToString("0.00", ItalianFormat.Culture);

    public static string Signed(decimal amount) => (amount > 0 ? "+" : "") + ItalianFormat.Euro(amount);

    public static string Signed(long count) => (count > 0 ? "+" : "") + ItalianFormat.Number(count);

    public static string DiffClass(decimal difference) => difference > 0 ? "diff-up" : difference < 0 ? "diff-down" : "";

    private async Task<bool> SimulateAsync(CancellationToken ct)
    {
        var errors = new List<string>();
        if (!ModelState.IsValid)
        {
            errors.AddRange(ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => $"{Field(e.Key)}: valore non valido"));
        }

        Candidate = settings.Catalogue;
        try
        {
            if (Caricato is { Length: > 0 } upload)
            {
                // A file replaces the whole candidate; the page's edits were of the previous one.
                Candidate = CandidateTariffs.FromUpload(upload, settings.Pathologies.Codes);
            }
            else
            {
                var baseline = string.IsNullOrWhiteSpace(Candidato) ? settings.Catalogue : CandidateTariffs.FromJson(Candidato, settings.Pathologies.Codes);
                Candidate = CandidateTariffs.WithEdits(baseline, EditsOf(baseline), settings.Pathologies.Codes);
            }
        }
        catch (InputDataException ex)
        {
            errors.AddRange(ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        if (Thresholds.Invalid() is { } invalid)
        {
            errors.Add("Soglie dei livelli: " + invalid);
        }

        // The page always shows a valid simulation: today's when the inputs are refused.
        Errors = errors;
        if (errors.Count > 0)
        {
            Candidate = settings.Catalogue;
            Soglia1 = Soglia2 = null;
        }

        await RunAsync(ct);
        return errors.Count == 0;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        Ats = Actor.From(User).Ats;
        if (!RemunerationQuery.IsValidYear(Year))
        {
            Errors = [.. Errors, $"Anno non valido: indicare un anno tra {RemunerationQuery.FirstYear} e {RemunerationQuery.LastYear}."];
            Anno = null;
        }

        Result = await query.RunAsync(Year, Ats, Candidate, Thresholds, ct);
        if (Result is null)
        {
            Errors = [.. Errors, $"I cataloghi {settings.Catalogue.Info.Label} e {Candidate.Info.Label} devono coprire tutto l'anno {Year}: nessun pagamento calcolabile."];
        }

        var paid = Result is null ? [] : Result.ByPathology.Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        EditableRows = [.. Candidate.Rows.Where(r => paid.Contains(r.Pathology))];
        Candidato = CandidateTariffs.ToJson(Candidate);
        ModelState.Clear();
    }

    /// <summary>Input names of a row's components: three fields per row keep a full catalogue under the form's field limit.</summary>
    public static string InputName(string component, TariffRow row) => $"{component}-{row.Pathology}-{row.Level}";

    private List<TariffEdit> EditsOf(TariffCatalogue baseline)
    {
        var form = Request.HasFormContentType ? Request.Form : null;
        return form is null ? [] : [.. baseline.Rows
            .Where(row => form.ContainsKey(InputName("amb", row)))
            .Select(row => new TariffEdit
            {
                Patologia = row.Pathology,
                Livello = row.Level,
                Amb = form[InputName("amb", row)],
                Far = form[InputName("far", row)],
                Ricov = form[InputName("ricov", row)],
            })];
    }

    private static string Field(string key) => key switch
    {
        nameof(Soglia1) => "Patologie per il livello 1",
        nameof(Soglia2) => "Patologie per il livello 2",
        nameof(Anno) => "Anno",
        _ => key,
    };
}
