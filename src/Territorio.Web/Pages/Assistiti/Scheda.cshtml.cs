using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Api;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Assistiti;

public sealed class SchedaModel(PatientAccess access, TimeProvider clock) : PageModel
{
    public PatientSummary? Patient { get; private set; }

    public async Task<IActionResult> OnGetAsync(string patientId, CancellationToken cancellationToken)
    {
        var patient = await access.OpenAsync(Actor.From(User), patientId, "pagina Scheda assistito", cancellationToken);
        if (patient is null)
        {
            return NotFound();
        }

        Patient = PatientSummary.Of(patient, ItalianTime.Today(clock));
        return Page();
    }
}
