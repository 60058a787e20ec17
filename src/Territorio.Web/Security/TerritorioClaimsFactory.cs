using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Territorio.Data.Security;

namespace Territorio.Web.Security;

/// <summary>Adds the account's tenancy to its roles, for the cookie and for bearer tokens alike.</summary>
public sealed class TerritorioClaimsFactory(
    UserManager<TerritorioUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<TerritorioUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(TerritorioUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var claim in TenancyOf(user))
        {
            identity.AddClaim(claim);
        }

        if (user.DisplayName.Length > 0)
        {
            identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        }

        return identity;
    }

    public static IEnumerable<Claim> TenancyOf(TerritorioUser user)
    {
        (string Type, string? Value)[] values =
        [
            (TenancyClaims.Ats, user.AtsCode),
            (TenancyClaims.Gestore, user.GestoreId),
            (TenancyClaims.Mmg, user.MmgId),
            (TenancyClaims.Erogatore, user.ErogatoreId),
            (TenancyClaims.Structure, user.StructureId),
            (TenancyClaims.Person, user.PersonId),
        ];
        return values.Where(v => v.Value is { Length: > 0 }).Select(v => new Claim(v.Type, v.Value!));
    }
}
