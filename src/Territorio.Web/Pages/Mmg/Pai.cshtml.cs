using Territorio.CareManagement.Application;
using Territorio.CareManagement.Plans;
using Territorio.Web.Care;

namespace Territorio.Web.Pages.Mmg;

/// <summary>
/// The GP writes the PAI item by item as the Gestore's collaborator (DGR X/6164/2017 allegato 1;
/// decision 0091): the first PAI as a draft, later ones as proposed changes; the Gestore decides.
/// </summary>
public sealed class PaiModel(CareServices care, PatientFileQuery files, CareDesk desk) : PaiWorkbenchPage(care, files)
{
    public override string SaveLabel => "Invia al Gestore";

    public override string FilePage => "/Mmg/Paziente";

    protected override string Resource => "pagina Editor PAI del MMG";

    protected override string? BookingGestoreId => null;

    protected override async Task<string> SaveAsync(string patientId, IReadOnlyList<PaiItem> items, string? reason, CancellationToken ct)
    {
        bool draft = Record?.ActivePai is null;
        var version = await desk.ProposePaiAsync(Me, patientId, items, reason ?? (draft ? "bozza del MMG scritta voce per voce" : null), ct);
        return draft
            ? $"Bozza del PAI (versione {version.Number}, {version.Items.Count} voci) inviata al Gestore per la validazione."
            : $"Proposta di modifica (versione {version.Number}) inviata al Gestore.";
    }
}
