using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.CareManagement.Common;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats.Lettere;

/// <summary>
/// The ATS's letter campaigns (DGR X/6164/2017 allegato 1: the ATS informs the eligible patients):
/// choose level, pathology and GP, see who would be written to and a preview of the letter, issue
/// the campaign; the campaigns issued so far with who declined and who enrolled.
/// </summary>
public sealed class IndexModel(CareServices care, PatientAccess access, Microsoft.Extensions.Configuration.IConfiguration configuration) : CarePageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "livello")]
    public int? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "patologia")]
    public string? Pathology { get; set; }

    [BindProperty(SupportsGet = true, Name = "mmg")]
    public string? Mmg { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public InvitablePage Invitable { get; private set; } = new(0, []);

    public IReadOnlyDictionary<string, Territorio.Kernel.Population.Resident> People { get; private set; } = new Dictionary<string, Territorio.Kernel.Population.Resident>();

    public IReadOnlyDictionary<string, string> Doctors { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<CampaignProgress> Campaigns { get; private set; } = [];

    public List<string> Problems { get; } = [];

    public IReadOnlyDictionary<string, string> Pathologies => care.Catalogues.Pathologies;

    public int Pages => Math.Max(1, (Invitable.Total + PageSize - 1) / PageSize);

    /// <summary>A GP as letters name them, "—" without one.</summary>
    public string Doctor(string? mmgId) => mmgId is null ? "—" : Doctors.GetValueOrDefault(mmgId, mmgId);

    public string Query(int? page = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["livello"] = Level?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["patologia"] = Pathology,
        ["mmg"] = Mmg,
        ["pagina"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var target = Target();
        Campaigns = await care.Letters.CampaignsAsync(Me.Ats, ct);
        Doctors = await PeopleNames.DoctorsAsync(care.Db, Campaigns.Select(c => c.Campaign.MmgId).Append(Mmg), ct);
        if (target is null)
        {
            return;
        }

        try
        {
            int page = Math.Max(1, PageNumber);
            Invitable = await care.Letters.InvitableAsync(Me.Ats, target, (page - 1) * PageSize, PageSize, ct);
            if (page > Pages)
            {
                page = Pages;
                Invitable = await care.Letters.InvitableAsync(Me.Ats, target, (page - 1) * PageSize, PageSize, ct);
            }

            PageNumber = page;
        }
        catch (CareRuleException ex)
        {
            Problems.Add(await Api.CareApi.NamedAsync(HttpContext, ex));
        }

        People = await PeopleNames.ResidentsAsync(care.Db, Invitable.Patients.Select(p => p.PatientId), ct);
        Doctors = await PeopleNames.DoctorsAsync(care.Db, Invitable.Patients.Select(p => p.MmgId).Concat(Campaigns.Select(c => c.Campaign.MmgId)).Append(Mmg), ct);
        await access.RecordShownAsync(Me, Invitable.Patients.Select(p => p.PatientId), "pagina Lettere di invito", ct);
    }

    /// <summary>The letter the first patient of the selection would receive, not issued.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(CancellationToken ct)
    {
        if (Target() is not { } target)
        {
            return BadRequest(string.Join(" ", Problems));
        }

        var letter = await care.Letters.PreviewAsync(Me.Ats, target, CareActors.AtsOperator(Me), ct);
        if (letter is null)
        {
            return NotFound("Nessun paziente da invitare con questi criteri.");
        }

        await access.RecordShownAsync(Me, [letter.Letter.PatientId], "anteprima della lettera di invito", ct);
        return LetterDownload.File(configuration, care.Catalogues.AtsLabel(Me.Ats), [letter], $"anteprima-lettera-{letter.Letter.PatientId}.pdf");
    }

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        var target = Target();
        if (target is null)
        {
            Errore = "Operazione rifiutata: " + string.Join(" ", Problems);
            return RedirectToPage();
        }

        long? campaignId = null;
        var result = await RunAsync(async () =>
        {
            var campaign = await care.Letters.IssueAsync(Me.Ats, target, CareActors.AtsOperator(Me), ct);
            campaignId = campaign.Id;
            return $"Campagna n.{campaign.Id}: {ItalianFormat.Number(campaign.Letters)} lettere emesse.";
        });
        return campaignId is { } id ? RedirectToPage("Campagna", new { id }) : result;
    }

    public string PathologyLabel(string? code) => code is null ? "tutte" : Pathologies.TryGetValue(code, out var name) ? $"{name} ({code})" : code;

    private LetterTarget? Target()
    {
        if (Level is { } level && !CareLevels.IsEligible(level))
        {
            Problems.Add($"Livello {level} non valido: solo 1, 2 o 3 sono candidabili.");
        }

        if (!string.IsNullOrEmpty(Pathology) && !Pathologies.ContainsKey(Pathology))
        {
            Problems.Add($"La patologia «{Pathology}» non è nel catalogo regionale delle patologie croniche.");
        }

        string? mmg = string.IsNullOrWhiteSpace(Mmg) ? null : Mmg.Trim();
        if (mmg is { Length: > 32 })
        {
            Problems.Add("Codice MMG troppo lungo (al massimo 32 caratteri).");
        }

        return Problems.Count > 0 ? null : new LetterTarget(Level, string.IsNullOrEmpty(Pathology) ? null : Pathology, mmg);
    }
}
