using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Enrolment;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats.Lettere;

/// <summary>
/// One campaign of the ATS: its letters by patient with what came of each (declined, enrolled),
/// one PDF per patient and the merged PDF to print, and the patient's refusal recorded.
/// </summary>
public sealed class CampagnaModel(CareServices care, PatientAccess access, Microsoft.Extensions.Configuration.IConfiguration configuration) : CarePageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "id")]
    public long Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int PageNumber { get; set; } = 1;

    public CampaignProgress? Progress { get; private set; }

    public IReadOnlyList<CampaignLetter> Letters { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyDictionary<string, Territorio.Kernel.Population.Resident> People { get; private set; } = new Dictionary<string, Territorio.Kernel.Population.Resident>();

    public IReadOnlyDictionary<string, string> Doctors { get; private set; } = new Dictionary<string, string>();

    /// <summary>A GP as letters name them, "—" without one.</summary>
    public string Doctor(string? mmgId) => mmgId is null ? "—" : Doctors.GetValueOrDefault(mmgId, mmgId);

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyDictionary<string, string> Pathologies => care.Catalogues.Pathologies;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Progress = await care.Letters.CampaignAsync(Me.Ats, Id, ct);
        if (Progress is null)
        {
            return NotFound();
        }

        int page = Math.Max(1, PageNumber);
        (Total, Letters) = await care.Letters.LettersAsync(Id, (page - 1) * PageSize, PageSize, ct);
        if (page > Pages)
        {
            page = Pages;
            (Total, Letters) = await care.Letters.LettersAsync(Id, (page - 1) * PageSize, PageSize, ct);
        }

        PageNumber = page;
        People = await PeopleNames.ResidentsAsync(care.Db, Letters.Select(l => l.Letter.PatientId), ct);
        Doctors = await PeopleNames.DoctorsAsync(care.Db, Letters.Select(l => l.MmgId).Append(Progress.Campaign.MmgId), ct);
        await access.RecordShownAsync(Me, Letters.Select(l => l.Letter.PatientId), "pagina Campagna di lettere di invito", ct);
        return Page();
    }

    /// <summary>The campaign's letters in one PDF, or one patient's letter (<paramref name="paziente"/>).</summary>
    public async Task<IActionResult> OnGetPdfAsync(string? paziente, CancellationToken ct)
    {
        if (await care.Letters.CampaignAsync(Me.Ats, Id, ct) is null)
        {
            return NotFound();
        }

        var letters = await care.Letters.ContentsAsync(Id, string.IsNullOrWhiteSpace(paziente) ? null : paziente, ct);
        if (letters.Count == 0)
        {
            return NotFound();
        }

        await access.RecordShownAsync(Me, letters.Select(l => l.Letter.PatientId), "PDF delle lettere di invito", ct);
        string name = letters.Count == 1 && !string.IsNullOrWhiteSpace(paziente) ? $"lettera-{letters[0].Letter.PatientId}.pdf" : $"lettere-campagna-{Id}.pdf";
        return LetterDownload.File(configuration, care.Catalogues.AtsLabel(Me.Ats), letters, name);
    }

    /// <summary>The patient answered declining the presa in carico: recorded with their reason.</summary>
    public async Task<IActionResult> OnPostDeclineAsync(string? paziente, string? motivo, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(paziente) || await care.Letters.CampaignAsync(Me.Ats, Id, ct) is null
            || await access.OpenAsync(Me, paziente, "ATS: rinuncia alla presa in carico", ct) is not { } person)
        {
            return NotFound();
        }

        return await RunAsync(async () =>
        {
            var letter = await care.Letters.DeclineAsync(Id, paziente, CareActors.AtsOperator(Me), string.IsNullOrWhiteSpace(motivo) ? null : motivo.Trim(), ct);
            string who = person.Surname is null ? letter.PatientId : $"{person.DisplayName} ({letter.PatientId})";
            return $"Rinuncia di {who} registrata il {ItalianFormat.Date(letter.DeclinedOn)}.";
        }, new { id = Id, pagina = PageNumber });
    }

    public string PathologyLabel(string? code) => code is null ? "tutte" : Pathologies.TryGetValue(code, out var name) ? $"{name} ({code})" : code;
}
