using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Application;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.Data.Security;
using Territorio.Kernel.Organisations;

namespace Territorio.Web.Security;

/// <summary>
/// What a new account must be before <see cref="Accounts.CreateAsync"/> makes it: a free login, a
/// known role, an ATS of the reference data, and exactly the tenancy the role works in, found in
/// that ATS's registry (a case manager's Gestore, a GP, an erogatore, a hospital structure, a
/// resident). Territorio's own rule: the tenancy is what every request of the account is authorised
/// against (decision 0080), so a code the registry does not know would make an account that sees
/// nothing, and a code of another ATS one that sees what it should not.
/// Refusals are <see cref="CareRuleException"/>s whose field is the spec's part ("login", "ruolo",
/// "ats", "gestore", "mmg", "erogatore", "struttura", "paziente", "password").
/// </summary>
public static class AccountChecks
{
    public static async Task RequireValidAsync(CareServices care, UserManager<TerritorioUser> users, AccountSpec spec, string password, CancellationToken ct)
    {
        await RequireFreeLoginAsync(users, spec.UserName);
        if (string.IsNullOrWhiteSpace(spec.DisplayName))
        {
            throw new CareRuleException("indicare il nome e cognome della persona", "nome");
        }

        if (!TerritorioRoles.All.Contains(spec.Role))
        {
            throw new CareRuleException($"ruolo \"{spec.Role}\" sconosciuto (ammessi: {string.Join(", ", TerritorioRoles.All)})", "ruolo");
        }

        if (!care.Catalogues.AtsNames.ContainsKey(spec.Ats))
        {
            throw new CareRuleException($"l'ATS {spec.Ats} non è tra quelle della Lombardia (ammesse: {string.Join(", ", care.Catalogues.AtsNames.Keys.Order(StringComparer.Ordinal))})", "ats");
        }

        await RequireTenancyAsync(care, spec, ct);
        await RequirePasswordAsync(users, password);
    }

    private static async Task RequireFreeLoginAsync(UserManager<TerritorioUser> users, string login)
    {
        if (string.IsNullOrWhiteSpace(login) || login.Any(c => !users.Options.User.AllowedUserNameCharacters.Contains(c)))
        {
            throw new CareRuleException($"\"{login}\" non valido: usare lettere senza accenti, cifre e i segni - . _ @ +", "login");
        }

        if (await users.FindByNameAsync(login) is not null)
        {
            throw new CareRuleException($"l'account \"{login}\" esiste già", "login");
        }
    }

    private static async Task RequireTenancyAsync(CareServices care, AccountSpec spec, CancellationToken ct)
    {
        string role = TerritorioRoles.Label(spec.Role);
        string ats = care.Catalogues.AtsLabel(spec.Ats);
        var needed = Needs(spec.Role);
        foreach (var (field, value) in new[] { ("gestore", spec.GestoreId), ("mmg", spec.MmgId), ("erogatore", spec.ErogatoreId), ("struttura", spec.StructureId), ("paziente", spec.PersonId) })
        {
            if (field == needed && string.IsNullOrWhiteSpace(value))
            {
                throw new CareRuleException($"obbligatorio per il ruolo {role}", field);
            }

            if (field != needed && value is not null)
            {
                throw new CareRuleException($"non previsto per il ruolo {role}", field);
            }
        }

        var db = care.Db;
        string? found = needed switch
        {
            "gestore" => await db.Set<Gestore>().Where(g => g.Id == spec.GestoreId).Select(g => g.Ats).SingleOrDefaultAsync(ct),
            "mmg" => await db.GeneralPractitioners.Where(g => g.Id == spec.MmgId).Select(g => g.Ats).SingleOrDefaultAsync(ct),
            "erogatore" => await db.Set<Erogatore>().Where(e => e.Id == spec.ErogatoreId).Select(e => e.Ats).SingleOrDefaultAsync(ct),
            "struttura" => await db.Organisations.Where(o => o.Kind == OrganisationKind.Struttura && o.Code == spec.StructureId).Select(o => o.Ats).SingleOrDefaultAsync(ct),
            "paziente" => await db.Residents.Where(r => r.Id == spec.PersonId).Select(r => r.Ats).SingleOrDefaultAsync(ct),
            _ => spec.Ats,
        };
        string code = spec.GestoreId ?? spec.MmgId ?? spec.ErogatoreId ?? spec.StructureId ?? spec.PersonId ?? "";
        if (found is null)
        {
            throw new CareRuleException(needed switch
            {
                "gestore" => $"il Gestore {code} non è registrato",
                "mmg" => $"il medico {code} non è nell'anagrafe dei MMG",
                "erogatore" => $"l'erogatore {code} non è registrato",
                "struttura" => $"la struttura {code} non è nell'anagrafe delle organizzazioni",
                _ => $"{code} non è un assistito dell'anagrafe",
            }, needed!);
        }

        if (found != spec.Ats)
        {
            throw new CareRuleException($"{code} è di {care.Catalogues.AtsLabel(found)}, non di {ats}", needed!);
        }
    }

    /// <summary>The tenancy a role works in besides its ATS (null: the ATS alone).</summary>
    private static string? Needs(string role) => role switch
    {
        TerritorioRoles.GestoreCaseManager or TerritorioRoles.GestoreResponsabileClinico => "gestore",
        TerritorioRoles.Mmg => "mmg",
        TerritorioRoles.Erogatore => "erogatore",
        TerritorioRoles.Struttura or TerritorioRoles.Reparto => "struttura",
        TerritorioRoles.Paziente => "paziente",
        _ => null,
    };

    /// <summary>Identity's password rules (WebApp: at least 12 characters, upper and lower case, a digit), in Italian.</summary>
    private static async Task RequirePasswordAsync(UserManager<TerritorioUser> users, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new TerritorioUser(), password);
            if (!result.Succeeded)
            {
                throw new CareRuleException("la password deve avere " + string.Join(", ", result.Errors.Select(e => e.Code switch
                {
                    nameof(IdentityErrorDescriber.PasswordTooShort) => $"almeno {users.Options.Password.RequiredLength} caratteri",
                    nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "una cifra",
                    nameof(IdentityErrorDescriber.PasswordRequiresLower) => "una lettera minuscola",
                    nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "una lettera maiuscola",
                    nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "un simbolo",
                    _ => $"almeno {users.Options.Password.RequiredUniqueChars} caratteri diversi",
                })), "password");
            }
        }
    }
}
