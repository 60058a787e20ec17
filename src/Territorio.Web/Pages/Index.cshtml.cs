using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Web.Security;

namespace Territorio.Web.Pages;

public sealed class IndexModel : PageModel
{
    public IReadOnlyList<NavigationItem>? Menu { get; private set; }

    public string DisplayName { get; private set; } = "";

    public void OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            Menu = Navigation.For(Actor.From(User));
            DisplayName = User.FindFirst(ClaimTypes.GivenName)?.Value ?? User.Identity.Name ?? "";
        }
    }
}
