using System.Security.Claims;

namespace Territorio.Web.Security;

/// <summary>Who is calling, read from the authenticated principal (cookie or bearer token).</summary>
public sealed record Actor(
    string UserName,
    IReadOnlySet<string> Roles,
    string Ats,
    string? GestoreId,
    string? MmgId,
    string? ErogatoreId,
    string? StructureId,
    string? PersonId)
{
    public static Actor From(ClaimsPrincipal principal)
    {
        string? Claim(string type) => principal.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
        var roles = principal.Claims.Where(c => c.Type == ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Actor(
            principal.Identity?.Name ?? "",
            roles,
            Claim(TenancyClaims.Ats) ?? "",
            Claim(TenancyClaims.Gestore),
            Claim(TenancyClaims.Mmg),
            Claim(TenancyClaims.Erogatore),
            Claim(TenancyClaims.Structure),
            Claim(TenancyClaims.Person))
        {
            DisplayName = Claim(ClaimTypes.GivenName),
        };
    }

    /// <summary>The person's name as the account shows it (null: the account has none).</summary>
    public string? DisplayName { get; init; }

    /// <summary>The operator by name and account, as a witness of a signature is recorded ("Maria Rossi (mrossi)").</summary>
    public string Witness => CareManagement.Application.Enrolment.GestoreOperators.WitnessLabel(DisplayName, UserName);

    public bool IsAts => Roles.Contains(TerritorioRoles.AtsOperatore) || Roles.Contains(TerritorioRoles.AtsControllore);

    public bool IsGestore => GestoreId is not null
        && (Roles.Contains(TerritorioRoles.GestoreCaseManager) || Roles.Contains(TerritorioRoles.GestoreResponsabileClinico));

    public bool IsMmg => MmgId is not null && Roles.Contains(TerritorioRoles.Mmg);

    public bool IsErogatore => ErogatoreId is not null && Roles.Contains(TerritorioRoles.Erogatore);

    public bool IsPatient => PersonId is not null && Roles.Contains(TerritorioRoles.Paziente);

    public bool IsReparto => StructureId is not null && Roles.Contains(TerritorioRoles.Reparto);

    public bool IsStruttura => StructureId is not null && Roles.Contains(TerritorioRoles.Struttura);

    public string RolesText => string.Join(",", Roles.Order(StringComparer.Ordinal));
}
