using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Territorio.Data;
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
public sealed class CaseManagers(TerritorioDbContext db, ILookupNormalizer normalizer)
{
    /// <summary>
    /// The Gestore's accounts with the case-manager role, in one statement read on every worklist
    /// view (Identity's users-in-role read the role, then every case manager of every Gestore).
    /// </summary>
    public async Task<IReadOnlyList<CaseManagerAccount>> OfAsync(string gestoreId)
    {
        string role = normalizer.NormalizeName(TerritorioRoles.GestoreCaseManager);
        var accounts = await db.Set<TerritorioUser>().AsNoTracking()
            .Where(u => u.GestoreId == gestoreId && u.UserName != null
                && db.Set<IdentityUserRole<string>>().Any(ur => ur.UserId == u.Id
                    && db.Set<IdentityRole>().Any(r => r.Id == ur.RoleId && r.NormalizedName == role)))
            .Select(u => new { u.UserName, u.DisplayName })
            .ToListAsync();
        return [.. accounts
            .Select(u => new CaseManagerAccount(u.UserName!, u.DisplayName))
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ThenBy(u => u.UserName, StringComparer.Ordinal)];
    }

    /// <summary>"Name (account)" of an account of the list, or the bare account when it is no longer one of them.</summary>
    public static string LabelOf(IReadOnlyList<CaseManagerAccount> managers, string? userName) =>
        userName is null ? "non assegnato" : managers.FirstOrDefault(m => m.UserName == userName)?.Label ?? userName;
}
