using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Data.Security;
using Territorio.Web.Security;

namespace Territorio.Web.Pages.Account;

public sealed class LoginModel(SignInManager<TerritorioUser> signIn, SignInGuard guard) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Username) || string.IsNullOrEmpty(Password))
        {
            Error = "Inserire nome utente e password.";
            return Page();
        }

        var outcome = await guard.CheckAsync(Username, Password, HttpContext.Connection.RemoteIpAddress, HttpContext.RequestAborted);
        if (outcome.User is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            // Only local paths: no open redirect.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        if (outcome.Throttled)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }

        Error = outcome.RetryAfter is { } retry ? Api.AccountEndpoints.Throttled(retry) : "Nome utente o password non corretti.";
        Password = null;
        return Page();
    }
}
