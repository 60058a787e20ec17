using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Territorio.CareManagement.Common;
using Territorio.CareManagement.Pacts;
using Territorio.Data;
using Territorio.Data.Security;

namespace Territorio.CareManagement.Application.Enrolment;

/// <summary>
/// The Gestore's operators who may witness a patient's signature: accounts (Identity) with the
/// case-manager or clinical-manager role of that Gestore, active. The web and the API take the
/// signed-in account; the CLI names an account, checked here, so that a witness is always a person
/// the Gestore answers for, never a typed text (decision 0253).
/// </summary>
public static class GestoreOperators
{
    public const string CaseManagerRole = "gestore-case-manager";
    public const string ClinicalManagerRole = "gestore-responsabile-clinico";

    /// <summary>The witness as recorded: "Maria Rossi (mrossi)", or the bare account when it has no name.</summary>
    public static string WitnessLabel(string? displayName, string userName) =>
        displayName is { Length: > 0 } name && name != userName ? $"{name} ({userName})" : userName;

    /// <summary>
    /// The signature of <paramref name="method"/> witnessed by the account <paramref name="login"/>;
    /// refuses, naming the CLI's <paramref name="option"/> (null: the signed-in account, field
    /// <c>witness</c>), an account that does not exist, is disabled, belongs to another Gestore or has
    /// no operator role.
    /// </summary>
    public static async Task<PatientSignature> WitnessedByAsync(TerritorioDbContext db, string? login, string gestoreId, string? option, SignatureMethod method, string? scan,
        DateTimeOffset now, CancellationToken ct)
    {
        string field = option ?? "witness";
        option ??= "testimone della firma";
        if (string.IsNullOrWhiteSpace(login))
        {
            throw new CareRuleException($"{option}: indicare l'account dell'operatore del Gestore {gestoreId} che ha raccolto la firma", field);
        }

        string normalized = login.Trim().ToUpperInvariant();
        string[] operatorRoles = [CaseManagerRole.ToUpperInvariant(), ClinicalManagerRole.ToUpperInvariant()];
        var account = await db.Set<TerritorioUser>().AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new
            {
                u.UserName,
                u.DisplayName,
                u.GestoreId,
                u.LockoutEnabled,
                u.LockoutEnd,
                IsOperator = db.Set<IdentityUserRole<string>>().Any(ur => ur.UserId == u.Id
                    && db.Set<IdentityRole>().Any(r => r.Id == ur.RoleId && operatorRoles.Contains(r.NormalizedName!))),
            })
            .SingleOrDefaultAsync(ct)
            ?? throw new CareRuleException($"{option}: l'account \"{login.Trim()}\" non esiste", field);

        string who = WitnessLabel(account.DisplayName, account.UserName!);
        if (account.GestoreId != gestoreId)
        {
            throw new CareRuleException($"{option}: {who} non opera per il Gestore {gestoreId}", field);
        }

        if (TerritorioUser.IsDisabled(account.LockoutEnabled, account.LockoutEnd, now))
        {
            throw new CareRuleException($"{option}: l'account di {who} è disattivato", field);
        }

        if (!account.IsOperator)
        {
            throw new CareRuleException($"{option}: {who} non è un case manager né un responsabile clinico del Gestore {gestoreId}", field);
        }

        return new PatientSignature(method, who, scan, account.UserName);
    }
}
