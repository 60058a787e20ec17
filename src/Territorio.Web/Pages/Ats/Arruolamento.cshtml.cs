using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Ats;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Ats;

/// <summary>Enrolment progress of the ATS's territory: eligible, invited, enrolled, pacts expiring.</summary>
public sealed class ArruolamentoModel(EnrolmentProgressQuery query) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Giorni { get; set; }

    public string? GiorniError { get; private set; }

    public EnrolmentProgress? Progress { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        int days = EnrolmentProgressQuery.DefaultDays;
        if (!string.IsNullOrWhiteSpace(Giorni)
            && (!int.TryParse(Giorni.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > EnrolmentProgressQuery.MaxDays))
        {
            // The counts are still shown, for the default window.
            GiorniError = $"indicare un numero di giorni da 1 a {EnrolmentProgressQuery.MaxDays}";
            days = EnrolmentProgressQuery.DefaultDays;
        }

        Progress = await query.BuildAsync(Actor.From(User), days, "pagina Avanzamento arruolamento", ct);
    }
}
