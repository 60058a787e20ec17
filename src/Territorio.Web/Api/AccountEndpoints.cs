using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Territorio.CareManagement.Application.Common;
using Territorio.Data.Security;
using Territorio.Web.Security;

namespace Territorio.Web.Api;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

public sealed record MeResponse(string UserName, IReadOnlyList<string> Roles, string Ats, string? GestoreId, string? MmgId, string? ErogatoreId, string? StructureId, string? PersonId)
{
    /// <summary>The ATS by name beside its code ("ATS della Città Metropolitana di Milano").</summary>
    public string? AtsName { get; init; }
}

public static class AccountEndpoints
{
    public static void MapAccountApi(this IEndpointRouteBuilder anonymous, RouteGroupBuilder api)
    {
        anonymous.MapPost("/api/token", IssueTokenAsync)
            .AllowAnonymous()
            .WithTags("Accesso")
            .WithSummary("Rilascia un token bearer per le credenziali di un account locale.")
            .DisableAntiforgery();

        api.MapGet("/me", (HttpContext http, CareCatalogues catalogues) =>
            {
                var actor = Actor.From(http.User);
                return TypedResults.Ok(new MeResponse(actor.UserName, [.. actor.Roles.Order(StringComparer.Ordinal)], actor.Ats, actor.GestoreId, actor.MmgId, actor.ErogatoreId, actor.StructureId, actor.PersonId)
                {
                    AtsName = catalogues.AtsName(actor.Ats),
                });
            })
            .WithTags("Accesso")
            .WithSummary("L'utente del token, i suoi ruoli e il suo ambito (territorio, Gestore, MMG…).");
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request,
        HttpContext http,
        SignInGuard guard,
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

        var outcome = await guard.CheckAsync(request.Username!, request.Password!, http.Connection.RemoteIpAddress, http.RequestAborted);
        if (outcome.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(Throttled(wait), statusCode: StatusCodes.Status429TooManyRequests, title: ApiProblems.TitleOf(StatusCodes.Status429TooManyRequests));
        }

        if (outcome.User is not { } user)
        {
            return Refused("Credenziali non valide.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var (token, expiresIn) = tokens.Issue(principal);
        return TypedResults.Ok(new TokenResponse(token, "Bearer", expiresIn));
    }

    /// <summary>The refusal of a throttled attempt, for the API and the login page.</summary>
    public static string Throttled(TimeSpan wait) =>
        $"Troppi tentativi non riusciti da questo indirizzo: riprovare tra {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minuti.";

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: ApiProblems.TitleOf(StatusCodes.Status401Unauthorized));
}
