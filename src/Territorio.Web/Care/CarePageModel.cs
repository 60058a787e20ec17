using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.CareManagement.Common;
using Territorio.Web.Security;
using Actor = Territorio.Web.Security.Actor;

namespace Territorio.Web.Care;

/// <summary>
/// A page that changes the care path: each form post runs one operation and redirects back
/// (post/redirect/get), carrying the outcome — or the refusal in the user's terms — to the page.
/// </summary>
public abstract class CarePageModel : PageModel
{
    [TempData]
    public string? Esito { get; set; }

    [TempData]
    public string? Errore { get; set; }

    private Actor? _me;

    /// <summary>The caller, read from the claims once per request (a list screen asks on every row).</summary>
    protected Actor Me => _me ??= Actor.From(User);

    protected async Task<IActionResult> RunAsync(Func<Task<string>> operation, object? routeValues = null)
    {
        try
        {
            Esito = await operation();
        }
        catch (CareRuleException ex)
        {
            Errore = "Operazione rifiutata: " + await Api.CareApi.NamedAsync(HttpContext, ex);
        }
        catch (RefusedException ex)
        {
            // The page's own refusals name their parties like the care rules' ("del Gestore ASST … (G321ASST)").
            Errore = "Operazione rifiutata: " + await Api.CareApi.NamedAsync(HttpContext, ex.Message);
        }

        return RedirectToPage(routeValues);
    }

    /// <summary>Runs an operation on a patient the caller may see (the attempt is logged), or answers 404.</summary>
    protected async Task<IActionResult> OnVisiblePatientAsync(PatientAccess access, string patientId, string resource, Func<Task<string>> operation, CancellationToken ct)
    {
        if (await access.OpenAsync(Me, patientId, resource, ct) is null)
        {
            return NotFound();
        }

        return await RunAsync(operation, new { patientId });
    }
}

/// <summary>A request outside the caller's tenancy, refused before any service is called.</summary>
public sealed class RefusedException(string message) : Exception(message);
