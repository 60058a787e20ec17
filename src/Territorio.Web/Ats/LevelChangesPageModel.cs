using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.CareManagement.Application.Common;
using Territorio.Web.Security;

namespace Territorio.Web.Ats;

/// <summary>
/// A page of changes of level since the previous stratification, with filters (kind, level now,
/// main pathology, GP) and paging; the ATS's page and the Gestore's share it, each seeing only the
/// persons <see cref="PatientAccess"/> lets it see.
/// </summary>
public abstract class LevelChangesPageModel(LevelChanges changes, CareCatalogues catalogues) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "tipo")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "livello")]
    public int? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "patologia")]
    public string? Pathology { get; set; }

    [BindProperty(SupportsGet = true, Name = "mmg")]
    public string? Mmg { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public LevelChangesPage Changes { get; private set; } = new(null, null, 0, []);

    public IReadOnlyDictionary<string, string> Pathologies => catalogues.Pathologies;

    public int Pages => Math.Max(1, (Changes.Total + PageSize - 1) / PageSize);

    /// <summary>The page's path, for its links.</summary>
    public abstract string PagePath { get; }

    /// <summary>Where the role opens a patient's record.</summary>
    public abstract string PatientPath(string patientId);

    /// <summary>What the access log records as the resource read.</summary>
    protected abstract string Resource { get; }

    public static IReadOnlyList<(string Value, string Label)> Kinds { get; } =
    [
        ("", "tutte le variazioni"),
        ("nuovi", "nuovi eleggibili (entrati nei livelli 1–3)"),
        ("usciti", "usciti dai livelli 1–3"),
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filter = new LevelChangeFilter(
            Kind switch { "nuovi" => LevelChangeKind.BecameEligible, "usciti" => LevelChangeKind.LeftEligibility, _ => LevelChangeKind.All },
            Level is >= 1 and <= 5 ? Level : null,
            string.IsNullOrWhiteSpace(Pathology) ? null : Pathology.Trim(),
            string.IsNullOrWhiteSpace(Mmg) ? null : Mmg.Trim());
        var actor = Actor.From(User);
        int page = Math.Max(1, PageNumber);
        Changes = await changes.PageAsync(actor, filter, (page - 1) * PageSize, PageSize, Resource, ct);
        if (page > Pages)
        {
            page = Pages;
            Changes = await changes.PageAsync(actor, filter, (page - 1) * PageSize, PageSize, Resource, ct);
        }

        PageNumber = page;
    }

    public string Link(int page) => PagePath + QueryString.Create(new Dictionary<string, string?>
    {
        ["tipo"] = Kind,
        ["livello"] = Level?.ToString(CultureInfo.InvariantCulture),
        ["patologia"] = Pathology,
        ["mmg"] = Mmg,
        ["pagina"] = page.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public string PathologyLabel(string? code) => code is null ? "—" : Pathologies.TryGetValue(code, out var name) ? $"{name} ({code})" : code;

    /// <summary>"livello 3"; a person absent from the older run was "non stratificato", one absent from the newer is "non più stratificato".</summary>
    public static string LevelLabel(int? level, bool before) => level is { } l ? $"livello {l}" : before ? "non stratificato" : "non più stratificato";

    /// <summary>The records behind the level now, one per line: "Ipertensione arteriosa: esenzione 0A31 del 01/01/2024".</summary>
    public IReadOnlyList<string> EvidenceLines(string evidence) =>
        [.. EvidenceText.Parse(evidence, Pathologies).Select(e =>
            (e.PathologyName.Length > 0 ? e.PathologyName + ": " : "") + $"{e.Source} {e.Code}".Trim() + (e.Date is { } d ? $" del {ItalianFormat.Date(d)}" : ""))];
}
