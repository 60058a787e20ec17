using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Network;
using Territorio.Web.Care;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

/// <summary>
/// The ATS's erogatori by name and code with the branche specialistiche they are accredited for (decision 0260);
/// the operator opens each one to change them, the controller reads.
/// </summary>
public sealed class ErogatoriModel(CareServices care) : CarePageModel
{
    public IReadOnlyList<ErogatoreServices> Erogatori { get; private set; } = [];

    public bool CanChange => Me.Roles.Contains(TerritorioRoles.AtsOperatore);

    public async Task OnGetAsync(CancellationToken ct) => Erogatori = await care.Network.ErogatoriOfAtsAsync(Me.Ats, ct);
}
