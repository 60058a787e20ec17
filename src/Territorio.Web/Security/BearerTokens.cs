using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Territorio.Web.Security;

/// <summary>Issues the API's bearer tokens (HMAC-SHA256 JWT, short-lived, the account's roles and tenancy).</summary>
public sealed class BearerTokens(SymmetricSecurityKey key, SecurityOptions options, TimeProvider clock)
{
    public SymmetricSecurityKey Key => key;

    public (string Token, int ExpiresInSeconds) Issue(ClaimsPrincipal principal)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>();
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
        claims["role"] = roles;
        foreach (string type in new[] { TenancyClaims.Ats, TenancyClaims.Gestore, TenancyClaims.Mmg, TenancyClaims.Erogatore, TenancyClaims.Structure, TenancyClaims.Person })
        {
            if (principal.FindFirst(type)?.Value is { Length: > 0 } value)
            {
                claims[type] = value;
            }
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = SecurityOptions.Issuer,
            Audience = SecurityOptions.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(options.TokenLifetimeMinutes),
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? ""),
                new Claim(JwtRegisteredClaimNames.UniqueName, principal.Identity?.Name ?? ""),
            ]),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return (new JsonWebTokenHandler().CreateToken(descriptor), options.TokenLifetimeMinutes * 60);
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = SecurityOptions.Issuer,
        ValidAudience = SecurityOptions.Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = ClaimTypes.Name,
        RoleClaimType = ClaimTypes.Role,
    };
}
