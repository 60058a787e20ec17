using Microsoft.AspNetCore.Identity;

namespace Territorio.Data.Security;

/// <summary>
/// A local account (ASP.NET Core Identity). Besides its roles, an account belongs to a tenancy:
/// the ATS whose territory it serves and, by role, the Gestore, GP, erogatore, hospital structure
/// or person it acts for. Requests are authorised against these values, never against values
/// the caller sends (docs/decisions/0080-web-security-model.md).
/// </summary>
public sealed class TerritorioUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>ATS code of the territory (every account has one).</summary>
    public string AtsCode { get; set; } = "";

    public string? GestoreId { get; set; }

    public string? MmgId { get; set; }

    public string? ErogatoreId { get; set; }

    /// <summary>Hospital structure (rehab or acute ward) the account works in.</summary>
    public string? StructureId { get; set; }

    /// <summary>For a patient's account: the resident id of the patient.</summary>
    public string? PersonId { get; set; }

    /// <summary>Accounts created by <c>territorio demo run</c>, replaced on every demo run.</summary>
    public bool IsDemo { get; set; }

    /// <summary>
    /// Identity's way to disable an account, as Territorio uses it (decision 0253): lock-out enabled
    /// with an end in the future, which also refuses sign-in.
    /// </summary>
    public static bool IsDisabled(bool lockoutEnabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnabled && lockoutEnd is { } end && end > now;
}
