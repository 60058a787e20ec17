using Microsoft.AspNetCore.Mvc;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Plans;

namespace Territorio.Web.Care;

/// <summary>
/// The PAI editor page of a role (the MMG drafts or proposes, the Gestore's clinical manager
/// writes): it starts from the PAI in force, from the merged templates of the patient's
/// pathologies or from nothing, applies each post with <see cref="PaiWorkbench"/>, shows what
/// would change against the version in force, and sends the list as one version.
/// </summary>
public abstract class PaiWorkbenchPage(CareServices care, PatientFileQuery files) : CarePageModel
{
    public PatientFile? Record { get; private set; }

    [BindProperty]
    public PaiWorkbenchForm Form { get; set; } = new();

    public PaiWorkbenchState State { get; private set; } = new([], [], [], []);

    /// <summary>Where the list started from, for the heading (the templates' description when from them).</summary>
    public string Basis { get; private set; } = "";

    public CareCatalogues Catalogues => care.Catalogues;

    /// <summary>What sending the list would change in the PAI in force (everything, for a first PAI).</summary>
    public IReadOnlyList<PaiItemChange> Changes => State.Items is { } items ? PaiDiff.Between(Record?.ActivePai?.Items ?? [], items) : [];

    public abstract string SaveLabel { get; }

    /// <summary>The page of the patient's file to go back to.</summary>
    public abstract string FilePage { get; }

    protected abstract string Resource { get; }

    protected abstract string? BookingGestoreId { get; }

    /// <summary>Sends the items as the role's version; returns the outcome to show.</summary>
    protected abstract Task<string> SaveAsync(string patientId, IReadOnlyList<PaiItem> items, string? reason, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(string patientId, string? da, CancellationToken ct)
    {
        Record = await files.OpenAsync(Me, patientId, Resource, BookingGestoreId, ct);
        if (Record is null)
        {
            return NotFound();
        }

        IReadOnlyList<PaiItem> items = [];
        var errors = new List<string>();
        if (da == "vuoto")
        {
            Basis = "PAI vuoto, da scrivere voce per voce";
        }
        else if (da != "modello" && Record.ActivePai is { } active)
        {
            (items, Basis) = (active.Items, $"versione {active.Number} in vigore");
        }
        else
        {
            try
            {
                var plan = await care.Pai.TemplateForAsync(patientId, ct);
                (items, Basis) = (plan.Items, plan.Describe());
            }
            catch (CareRuleException ex)
            {
                (Basis, errors) = ("PAI vuoto, da scrivere voce per voce", [await Api.CareApi.NamedAsync(HttpContext, ex)]);
            }
        }

        Form = new PaiWorkbenchForm { Items = items.Select(PaiItemRow.Of).ToList() };
        State = new PaiWorkbenchState(Form.Items, items, errors, []);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string patientId, string? basis, CancellationToken ct)
    {
        Record = await files.OpenAsync(Me, patientId, Resource, BookingGestoreId, ct);
        if (Record is null)
        {
            return NotFound();
        }

        Basis = basis ?? "";
        State = PaiWorkbench.Apply(Form, Catalogues);
        if (Form.Azione == "invia" && State.Errors.Count == 0)
        {
            try
            {
                var items = State.Items is { Count: > 0 } valid ? valid : throw new CareRuleException("un PAI deve contenere almeno una voce");
                Esito = await SaveAsync(patientId, items, string.IsNullOrWhiteSpace(Form.Motivo) ? null : Form.Motivo.Trim(), ct);
                return RedirectToPage(FilePage, new { patientId });
            }
            catch (CareRuleException ex)
            {
                State = State with { Errors = [await Api.CareApi.NamedAsync(HttpContext, ex)] };
            }
        }

        // The rows are rendered from the state, not from what was posted (rows may have been added or removed).
        ModelState.Clear();
        Form.Items = [.. State.Rows];
        if (State.Errors.Count == 0)
        {
            // An item added: its fields are ready for the next one.
            Form.Prestazione = Form.FarmacoAtc = Form.FarmacoNome = Form.FarmacoDose = Form.AltraVoce = null;
        }
        return Page();
    }
}
