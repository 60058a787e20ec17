using Microsoft.AspNetCore.Mvc;
using Territorio.Web.Api;
using Territorio.Web.Care;

namespace Territorio.Web.Pages.Gestore;

/// <summary>DGR X/6164/2017: the patient's choice of Gestore becomes a signed Patto di Cura.</summary>
public sealed class ArruolamentoModel(CareDesk desk) : CarePageModel
{
    public string GestoreId => Me.GestoreId ?? "";

    public IReadOnlyDictionary<string, string[]> Errors { get; } = new Dictionary<string, string[]>();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? patientId, string? patientSignatory, string? start, CancellationToken ct)
    {
        var validation = new ApiProblems.Validation()
            .Required("patientId", patientId, "Codice assistito")
            .Required("patientSignatory", patientSignatory, "Firma del paziente");
        var startDate = AuditEndpoints.ParseDay(start, "start", validation);
        if (!validation.IsValid)
        {
            Errore = string.Join("; ", validation.Errors.SelectMany(e => e.Value));
            return RedirectToPage();
        }

        string id = patientId!.Trim();
        IActionResult result = await RunAsync(async () =>
        {
            var signed = await desk.SignPactAsync(Me, id, patientSignatory!.Trim(), startDate, ct);
            return $"Patto di Cura firmato per {id}: dal {ItalianFormat.Date(signed.Pact.StartDate)} al {ItalianFormat.Date(signed.Pact.EndDate)}, livello {signed.Pact.Level}.";
        });
        return Errore is null ? RedirectToPage("/Gestore/Paziente", new { patientId = id }) : result;
    }
}
