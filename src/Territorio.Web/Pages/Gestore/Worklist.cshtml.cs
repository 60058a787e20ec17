using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.CaseManagement;
using Territorio.CareManagement.Application.Registry;
using Territorio.CareManagement.CaseManagement;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Gestore;

/// <summary>
/// The Gestore's worklist, filtered and sorted by the database (issue 17): a case manager opens
/// their own caseload first; page numbers past the end show the last page (decision 0155).
/// </summary>
public sealed class WorklistModel(CareServices care, WorklistPages pages, PatientAccess access, CaseManagers caseManagers) : CarePageModel
{
    /// <summary>A screenful: a Gestore has thousands of patients in charge (docs/decisions/0094-worklist-read-model.md).</summary>
    public const int PageSize = 25;

    /// <summary>The case-manager filter's values besides an account: the caller's own, nobody's, everyone's.</summary>
    public const string Mine = WorklistFilters.Mine;
    public const string Nobody = WorklistFilters.Nobody;
    public const string Everyone = WorklistFilters.Everyone;

    public static IReadOnlyList<(string Code, string Label, WorklistPactState State)> PactStates => WorklistFilters.PactStates;

    public static IReadOnlyList<(string Code, string Label, WorklistSort Sort)> Sorts => WorklistFilters.Sorts;

    public IReadOnlyList<WorklistEntry> Entries { get; private set; } = [];

    public IReadOnlyDictionary<string, WorklistCaseFacts> Cases { get; private set; } = new Dictionary<string, WorklistCaseFacts>();

    public IReadOnlyList<CaseManagerAccount> Managers { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Pathologies => care.Catalogues.Pathologies;

    public List<string> Problems { get; } = [];

    public int Total { get; private set; }

    /// <summary>Who each patient of the page is, to call them: name, codice fiscale, phone.</summary>
    public IReadOnlyDictionary<string, Kernel.Population.Resident> People { get; private set; } = new Dictionary<string, Kernel.Population.Resident>();

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "livello")]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "patologia")]
    public string? Pathology { get; set; }

    [BindProperty(SupportsGet = true, Name = "patto")]
    public string? PactState { get; set; }

    [BindProperty(SupportsGet = true, Name = "aderenza-sotto")]
    public string? AdherenceBelow { get; set; }

    [BindProperty(SupportsGet = true, Name = "case-manager")]
    public string? CaseManager { get; set; }

    [BindProperty(SupportsGet = true, Name = "ordine")]
    public string? Sort { get; set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public bool IsCaseManager => Me.Roles.Contains(TerritorioRoles.GestoreCaseManager);

    public bool CanAssign => Me.Roles.Contains(TerritorioRoles.GestoreResponsabileClinico);

    /// <summary>The query string of the current filters with another page number.</summary>
    public string PageLink(int page) => QueryString.Create(CurrentQuery(page)).ToUriComponent();

    /// <summary>The filters in force (and a page number), as query parameters: links and forms keep them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> CurrentQuery(int page) => new Dictionary<string, string?>
    {
        ["livello"] = Level,
        ["patologia"] = Pathology,
        ["patto"] = PactState,
        ["aderenza-sotto"] = AdherenceBelow,
        ["case-manager"] = CaseManager,
        ["ordine"] = Sort,
        ["pagina"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value));

    public string CaseManagerOf(string patientId) =>
        Care.CaseManagers.LabelOf(Managers, Cases.GetValueOrDefault(patientId)?.CaseManager);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = Me;
        string gestore = actor.GestoreId!;
        Managers = await caseManagers.OfAsync(gestore);
        bool ownFirst = string.IsNullOrEmpty(CaseManager) && IsCaseManager;
        if (ownFirst)
        {
            CaseManager = Mine;
        }

        var filter = ReadFilter(actor);

        if (filter.AdherenceBelow is not null || filter.Sort == WorklistSort.Adherence)
        {
            await care.Caseloads.RefreshAdherenceAsync(gestore, ct);
        }

        int page = Paging.Clamp(PageNumber);
        var version = await care.Cases.WorklistVersionAsync(gestore, ct);
        var shown = await pages.GetAsync(care, version, filter, (page - 1) * PageSize, PageSize, ct);
        if (ownFirst && shown.Total == 0)
        {
            // Nobody entrusted to this case manager yet: the whole Gestore's list.
            CaseManager = Everyone;
            filter = filter with { CaseManager = null };
            shown = await pages.GetAsync(care, version, filter, (page - 1) * PageSize, PageSize, ct);
        }

        Total = shown.Total;
        if (page > Pages)
        {
            // Past the end: the last page, never an empty page numbered beyond the list.
            page = Pages;
            shown = await pages.GetAsync(care, version, filter, (page - 1) * PageSize, PageSize, ct);
        }

        PageNumber = page;
        (Entries, Cases) = (shown.Entries, shown.Cases ?? new Dictionary<string, WorklistCaseFacts>());
        People = await access.ReadShownAsync(actor, Entries.Select(e => e.PatientId), "pagina Pazienti da contattare", ct);
    }

    /// <summary>The clinical manager entrusts a patient on the list to a case manager of the Gestore (or to nobody).</summary>
    public async Task<IActionResult> OnPostAssignAsync(string patientId, string? assignTo, CancellationToken ct)
    {
        // A case manager who posts anyway is refused by the care rules (only the clinical manager assigns).
        if (string.IsNullOrEmpty(patientId))
        {
            return NotFound();
        }

        var managers = await caseManagers.OfAsync(Me.GestoreId!);
        var back = new Microsoft.AspNetCore.Routing.RouteValueDictionary(CurrentQuery(PageNumber));
        if (await access.OpenAsync(Me, patientId, "Gestore: assegnazione del case manager", ct) is not { } person)
        {
            return NotFound();
        }

        string patient = PeopleNames.Patient(person);

        return await RunAsync(async () =>
        {
            string? to = string.IsNullOrEmpty(assignTo) || assignTo == Nobody ? null : assignTo;
            if (to is not null && managers.All(m => m.UserName != to))
            {
                throw new RefusedException($"«{to}» non è un case manager del Gestore {Me.GestoreId}");
            }

            await care.Caseloads.AssignAsync(patientId, to, CareActors.OfGestore(Me), ct);
            return to is null
                ? $"{patient}: non più assegnato a un case manager."
                : $"{patient} affidato a {Care.CaseManagers.LabelOf(managers, to)}.";
        }, back);
    }

    private WorklistFilter ReadFilter(Actor actor)
    {
        var errors = new List<WorklistFilterError>();
        var filter = WorklistFilters.Parse(Level, Pathology, PactState, AdherenceBelow, CaseManager, Sort, actor.UserName, Pathologies, Managers, errors);
        foreach (var error in errors)
        {
            // The screen goes on without the value it cannot use, and says so.
            switch (error.Parameter)
            {
                case "livello": Level = null; break;
                case "patologia": Pathology = null; break;
                case "patto": PactState = null; break;
                case "aderenza-sotto": AdherenceBelow = null; break;
                case "case-manager": CaseManager = Everyone; break;
                default: Sort = null; break;
            }

            Problems.Add(error.Message + (error.Parameter == "ordine" ? " Elenco per urgenza." : " Filtro ignorato."));
        }

        return filter;
    }
}
