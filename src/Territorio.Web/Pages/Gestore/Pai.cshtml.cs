using Territorio.CareManagement.Application;
using Territorio.CareManagement.Plans;
using Territorio.Web.Care;

namespace Territorio.Web.Pages.Gestore;

/// <summary>The Gestore's clinical manager writes a new version of the PAI item by item (the care domain refuses anyone else).</summary>
public sealed class PaiModel(CareServices care, PatientFileQuery files, CareDesk desk) : PaiWorkbenchPage(care, files)
{
    public override string SaveLabel => "Scrivi la nuova versione";

    public override string FilePage => "/Gestore/Paziente";

    protected override string Resource => "pagina Editor PAI del Gestore";

    protected override string? BookingGestoreId => Me.GestoreId;

    protected override async Task<string> SaveAsync(string patientId, IReadOnlyList<PaiItem> items, string? reason, CancellationToken ct)
    {
        var version = await desk.WritePaiAsync(Me, patientId, items, reason, ct);
        return $"PAI versione {version.Number} in vigore ({version.Items.Count} voci).";
    }
}
