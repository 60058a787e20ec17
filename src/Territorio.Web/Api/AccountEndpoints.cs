using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Territorio.Data.Security;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

public sealed record MeResponse(string UserName, IReadOnlyList<string> Roles, string Ats, string? GestoreId, string? MmgId, string? ErogatoreId, string? StructureId, string? PersonId);

public static class AccountEndpoints
{
    public static void MapAccountApi(this IEndpointRouteBuilder anonymous, RouteGroupBuilder api)
    {
        anonymous.MapPost("/api/token", IssueTokenAsync)
            .AllowAnonymous()
            .WithTags("Accesso")
            .WithSummary("Rilascia un token bearer per le credenziali di un account locale.")
            .DisableAntiforgery();

        api.MapGet("/me", (HttpContext http) =>
            {
                var actor = Actor.From(http.User);
                return TypedResults.Ok(new MeResponse(actor.UserName, [.. actor.Roles.Order(StringComparer.Ordinal)], actor.Ats, actor.GestoreId, actor.MmgId, actor.ErogatoreId, actor.StructureId, actor.PersonId));
            })
            .WithTags("Accesso")
            .WithSummary("L'utente del token, i suoi ruoli e il suo ambito (territorio, Gestore, MMG…).");
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request,
        UserManager<TerritorioUser> users,
        SignInManager<TerritorioUser> signIn,
        BearerTokens tokens)
    {
        var validation = new ApiProblems.Validation()
            .Required("username", request.Username, "Nome utente")
            .Required("password", request.Password, "Password");
        if (!validation.IsValid)
        {
            return (ValidationProblem)validation.Problem();
        }

        var user = await users.FindByNameAsync(request.Username!);
        if (user is null)
        {
            return Refused("Credenziali non valide.");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Refused("Account bloccato temporaneamente dopo troppi tentativi falliti: riprovare più tardi.");
        }

        if (!result.Succeeded)
        {
            return Refused("Credenziali non valide.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var (token, expiresIn) = tokens.Issue(principal);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: ApiProblems.TitleOf(StatusCodes.Status401Unauthorized));
}
