using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Gestori;
using Territorio.CareManagement.Gestori;
using Territorio.Web.Care;

namespace Territorio.Web.Pages.Ats;

/// <summary>DGR X/6164/2017: the ATS approves or rejects the Gestori's candidatures per level.</summary>
public sealed class CandidatureModel(CareServices care) : CarePageModel
{
    public string Ats { get; private set; } = "";

    public IReadOnlyList<Candidature> Pending { get; private set; } = [];

    public IReadOnlyDictionary<string, CareManagement.Gestori.Gestore> Gestori { get; private set; } = new Dictionary<string, CareManagement.Gestori.Gestore>();

    public IReadOnlyList<EligibleGestore> Eligible { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Ats = Me.Ats;
        Pending = await care.Gestori.PendingCandidaturesAsync(Ats, ct);
        var ids = Pending.Select(c => c.GestoreId).Distinct().ToList();
        Gestori = await care.Db.Set<CareManagement.Gestori.Gestore>().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        Eligible = await care.Gestori.EligibleAsync(Ats, null, ct);
    }

    // The ATS of the decision is the account's: a candidature to another ATS cannot be reached.
    public Task<IActionResult> OnPostDecideAsync(string gestoreId, int level, bool approve, string? reason, CancellationToken ct) =>
        RunAsync(async () =>
        {
            await care.Gestori.DecideAsync(gestoreId, Me.Ats, level, approve, CareActors.AtsOperator(Me), reason, ct);
            return $"Candidatura di {gestoreId} al livello {level} {(approve ? "approvata" : "respinta")}.";
        });
}
