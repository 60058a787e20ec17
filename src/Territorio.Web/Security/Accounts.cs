using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Application.Registry;
using Territorio.Data.Security;

namespace Territorio.Web.Security;

/// <summary>What an account is: one role and the tenancy it works in.</summary>
public sealed record AccountSpec(
    string UserName,
    string DisplayName,
    string Role,
    string Ats,
    string? GestoreId = null,
    string? MmgId = null,
    string? ErogatoreId = null,
    string? StructureId = null,
    string? PersonId = null)
{
    /// <summary>The tenancy with each code by the name <paramref name="names"/> gives it ("Name (code)"), the bare code otherwise.</summary>
    public string TenancyBy(IReadOnlyDictionary<string, string> names) => string.Join(", ", new[]
    {
        names.GetValueOrDefault(Ats) ?? "ATS " + Ats,
        GestoreId is null ? null : "Gestore " + names.GetValueOrDefault(GestoreId, GestoreId),
        MmgId is null ? null : "MMG " + names.GetValueOrDefault(MmgId, MmgId),
        ErogatoreId is null ? null : "erogatore " + names.GetValueOrDefault(ErogatoreId, ErogatoreId),
        StructureId is null ? null : "struttura " + names.GetValueOrDefault(StructureId, StructureId),
        PersonId is null ? null : "assistito " + names.GetValueOrDefault(PersonId, PersonId),
    }.Where(s => s is not null));
}

/// <summary>An account as listed: what it is, and whether it is disabled.</summary>
public sealed record AccountRow(AccountSpec Spec, bool Disabled);

/// <summary>Creates local accounts through Identity (hashed password, lock-out enabled).</summary>
public static class Accounts
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>A random 16-character password with upper and lower case letters and digits.</summary>
    public static string GeneratePassword()
    {
        const string all = Upper + Lower + Digits;
        var chars = new char[16];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    public static async Task CreateAsync(IServiceProvider scoped, AccountSpec spec, string password, bool demo = false)
    {
        if (!TerritorioRoles.All.Contains(spec.Role))
        {
            throw new ArgumentException($"ruolo sconosciuto: {spec.Role} (ammessi: {string.Join(", ", TerritorioRoles.All)})", nameof(spec));
        }

        var roles = scoped.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(spec.Role))
        {
            Check(await roles.CreateAsync(new IdentityRole(spec.Role)), spec.UserName);
        }

        var users = scoped.GetRequiredService<UserManager<TerritorioUser>>();
        var user = new TerritorioUser
        {
            UserName = spec.UserName,
            DisplayName = spec.DisplayName,
            AtsCode = spec.Ats,
            GestoreId = spec.GestoreId,
            MmgId = spec.MmgId,
            ErogatoreId = spec.ErogatoreId,
            StructureId = spec.StructureId,
            PersonId = spec.PersonId,
            IsDemo = demo,
        };
        Check(await users.CreateAsync(user, password), spec.UserName);
        Check(await users.AddToRoleAsync(user, spec.Role), spec.UserName);
    }

    /// <summary>
    /// Disables (Identity lock-out without end, decision 0253: sign-in and witnessing refused) or
    /// enables again the account <paramref name="userName"/>; false when there is no such account.
    /// Disabling also renews the security stamp, so that its open sessions end.
    /// </summary>
    public static async Task<bool> SetDisabledAsync(IServiceProvider scoped, string userName, bool disabled)
    {
        var users = scoped.GetRequiredService<UserManager<TerritorioUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return false;
        }

        if (disabled)
        {
            Check(await users.SetLockoutEnabledAsync(user, true), userName);
            Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue), userName);
            Check(await users.UpdateSecurityStampAsync(user), userName);
        }
        else if (user.LockoutEnabled)
        {
            // Back to how accounts are made (WebApp: no lock-out for new users, SignInGuard throttles instead).
            Check(await users.SetLockoutEndDateAsync(user, null), userName);
            Check(await users.SetLockoutEnabledAsync(user, false), userName);
        }

        return true;
    }

    /// <summary>Every account with its role, in order of ATS, role and login; <paramref name="ats"/> narrows to one ATS.</summary>
    public static async Task<IReadOnlyList<AccountRow>> ListAsync(IServiceProvider scoped, string? ats, DateTimeOffset now, CancellationToken ct)
    {
        var users = scoped.GetRequiredService<UserManager<TerritorioUser>>();
        var accounts = await users.Users.AsNoTracking().Where(u => ats == null || u.AtsCode == ats).OrderBy(u => u.AtsCode).ThenBy(u => u.UserName).ToListAsync(ct);
        var rows = new List<AccountRow>();
        foreach (var user in accounts)
        {
            string role = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).FirstOrDefault() ?? "";
            var spec = new AccountSpec(user.UserName!, user.DisplayName, role, user.AtsCode, user.GestoreId, user.MmgId, user.ErogatoreId, user.StructureId, user.PersonId);
            rows.Add(new AccountRow(spec, TerritorioUser.IsDisabled(user.LockoutEnabled, user.LockoutEnd, now)));
        }

        return rows;
    }

    /// <summary>Every code of the accounts' tenancies by name: ATS, Gestore, GP, erogatore, structure, patient.</summary>
    public static async Task<Dictionary<string, string>> TenancyNamesAsync(CareServices care, IReadOnlyList<AccountSpec> specs, CancellationToken ct)
    {
        var names = specs.Select(s => s.Ats).Distinct().ToDictionary(ats => ats, care.Catalogues.AtsLabel, StringComparer.Ordinal);
        foreach (var found in new[]
        {
            await PeopleNames.GestoriAsync(care.Db, specs.Select(s => s.GestoreId).OfType<string>(), ct),
            await PeopleNames.DoctorsAsync(care.Db, specs.Select(s => s.MmgId), ct),
            await PeopleNames.ErogatoriAsync(care.Db, specs.Select(s => s.ErogatoreId).OfType<string>(), ct),
            await care.Organisations.StructureNamesAsync(specs.Select(s => s.StructureId).OfType<string>(), ct),
        })
        {
            foreach (var (code, name) in found)
            {
                names[code] = name;
            }
        }

        var residents = await PeopleNames.ResidentsAsync(care.Db, specs.Select(s => s.PersonId).OfType<string>(), ct);
        foreach (string person in residents.Keys)
        {
            names[person] = PeopleNames.Patient(residents, person);
        }

        return names;
    }

    /// <summary>Deletes the accounts of the previous demo run (their passwords were printed once).</summary>
    public static async Task DeleteDemoAccountsAsync(IServiceProvider scoped, CancellationToken cancellationToken)
    {
        var users = scoped.GetRequiredService<UserManager<TerritorioUser>>();
        foreach (var user in await users.Users.Where(u => u.IsDemo).ToListAsync(cancellationToken))
        {
            Check(await users.DeleteAsync(user), user.UserName ?? user.Id);
        }
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"account {userName}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
