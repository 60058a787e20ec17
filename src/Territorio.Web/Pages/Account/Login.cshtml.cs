using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Territorio.Data.Security;

namespace Territorio.Web.Pages.Account;

public sealed class LoginModel(SignInManager<TerritorioUser> signIn) : PageModel
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

        var result = await signIn.PasswordSignInAsync(Username, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // Only local paths: no open redirect.
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = result.IsLockedOut
            ? "Account bloccato temporaneamente dopo troppi tentativi falliti: riprovare più tardi."
            : "Nome utente o password non corretti.";
        Password = null;
        return Page();
    }
}
