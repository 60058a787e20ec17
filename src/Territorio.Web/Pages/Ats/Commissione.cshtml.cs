using Microsoft.AspNetCore.Mvc;
using Territorio.Data;
using Territorio.Kernel.Population;
using Territorio.Web.Ats;
using Territorio.Web.Care;

namespace Territorio.Web.Pages.Ats;

/// <summary>
/// The ATS Commission's requests (DGR X/6164/2017 allegato 1): reclassifications proposed by the
/// Gestori and justified changes of Gestore, with the patient's evidence; each is approved, or
/// rejected with a reason. Only requests of the account's own territory are shown or decided.
/// </summary>
public sealed class CommissioneModel(CommissionDesk desk, TerritorioDbContext db) : CarePageModel
{
    public CommissionBoard Board { get; private set; } = null!;

    public IReadOnlyDictionary<string, Resident> Patients { get; private set; } = new Dictionary<string, Resident>();

    public IReadOnlyDictionary<string, string> Gestori { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Board = await desk.BoardAsync(Me, "pagina Commissione", ct);
        Patients = await PeopleNames.ResidentsAsync(db, Board.PendingReclassifications.Concat(Board.DecidedReclassifications).Select(r => r.PatientId)
            .Concat(Board.PendingChanges.Concat(Board.DecidedChanges).Select(c => c.PatientId)), ct);
        Gestori = await PeopleNames.GestoriAsync(db, Board.DecidedChanges.SelectMany(c => new[] { c.FromGestoreId, c.ToGestoreId }), ct);
    }

    /// <summary>The patient by name and codice fiscale.</summary>
    public string Patient(string id) => PeopleNames.Patient(Patients, id);

    public string Gestore(string id) => Gestori.GetValueOrDefault(id, id);

    public Task<IActionResult> OnPostRiclassificazioneAsync(long id, bool? approve, string? reason, CancellationToken ct) =>
        DecideAsync(approve, reason, () => desk.DecideReclassificationAsync(Me, id, approve!.Value, reason, ct));

    public Task<IActionResult> OnPostCambioAsync(long id, bool? approve, string? reason, CancellationToken ct) =>
        DecideAsync(approve, reason, () => desk.DecideChangeAsync(Me, id, approve!.Value, reason, ct));

    private async Task<IActionResult> DecideAsync(bool? approve, string? reason, Func<Task<CommissionDecision>> decide)
    {
        var validation = CommissionDesk.Validate(approve, reason);
        if (!validation.IsValid)
        {
            Errore = "Operazione rifiutata: " + string.Join("; ", validation.Errors.SelectMany(e => e.Value)) + ".";
            return RedirectToPage();
        }

        return await RunAsync(async () => (await decide()).Message);
    }
}
