using Microsoft.AspNetCore.Identity;
using Territorio.Data.Security;
using Territorio.Web.Security;

namespace Territorio.Web.Care;

/// <summary>A case manager of a Gestore, as users know them: name and account.</summary>
public sealed record CaseManagerAccount(string UserName, string DisplayName)
{
    public string Label => $"{DisplayName} ({UserName})";
}

/// <summary>
/// The case managers of a Gestore are accounts (Identity), not care data: the care domain records
/// the account a patient is entrusted to, and this adapter says which accounts may be chosen.
/// </summary>
public sealed class CaseManagers(UserManager<TerritorioUser> users)
{
    public async Task<IReadOnlyList<CaseManagerAccount>> OfAsync(string gestoreId) =>
        (await users.GetUsersInRoleAsync(TerritorioRoles.GestoreCaseManager))
            .Where(u => u.GestoreId == gestoreId && u.UserName is not null)
            .Select(u => new CaseManagerAccount(u.UserName!, u.DisplayName))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ThenBy(u => u.UserName, StringComparer.Ordinal)
            .ToList();

    /// <summary>"Name (account)" of an account of the list, or the bare account when it is no longer one of them.</summary>
    public static string LabelOf(IReadOnlyList<CaseManagerAccount> managers, string? userName) =>
        userName is null ? "non assegnato" : managers.FirstOrDefault(m => m.UserName == userName)?.Label ?? userName;
}
