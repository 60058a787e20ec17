using Microsoft.AspNetCore.Authorization;

namespace Territorio.Web.Security;

/// <summary>
/// Authorisation policies: each one requires a role AND the tenancy claim that role works in, so
/// an account without a territory or tenancy is refused even with the right role. Which records
/// inside the tenancy are visible is decided per resource (<see cref="PatientAccess"/>).
/// </summary>
public static class Policies
{
    public const string Ats = "ats";
    public const string AtsOperatore = "ats-operatore";
    public const string Gestore = "gestore";
    public const string GestoreClinico = "gestore-clinico";
    public const string Mmg = "mmg";
    public const string Erogatore = "erogatore";
    public const string Reparto = "reparto";
    public const string Paziente = "paziente";

    /// <summary>Rehab appropriateness runs (DM 5/8/2021): an ATS its runs, a structure its own admissions in them.</summary>
    public const string Riabilitazione = "riabilitazione";

    /// <summary>A hospital structure's management: contests the rehab verdicts on its own admissions.</summary>
    public const string Struttura = "struttura";

    /// <summary>Anyone who may read some patient's data; the record itself is checked per request.</summary>
    public const string PatientData = "dati-paziente";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Ats, Require(TenancyClaims.Ats, TerritorioRoles.AtsOperatore, TerritorioRoles.AtsControllore));
        options.AddPolicy(AtsOperatore, Require(TenancyClaims.Ats, TerritorioRoles.AtsOperatore));
        options.AddPolicy(Gestore, Require(TenancyClaims.Gestore, TerritorioRoles.GestoreCaseManager, TerritorioRoles.GestoreResponsabileClinico));
        options.AddPolicy(GestoreClinico, Require(TenancyClaims.Gestore, TerritorioRoles.GestoreResponsabileClinico));
        options.AddPolicy(Mmg, Require(TenancyClaims.Mmg, TerritorioRoles.Mmg));
        options.AddPolicy(Erogatore, Require(TenancyClaims.Erogatore, TerritorioRoles.Erogatore));
        options.AddPolicy(Reparto, Require(TenancyClaims.Structure, TerritorioRoles.Reparto));
        options.AddPolicy(Paziente, Require(TenancyClaims.Person, TerritorioRoles.Paziente));
        options.AddPolicy(Struttura, Require(TenancyClaims.Structure, TerritorioRoles.Struttura));
        options.AddPolicy(PatientData, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(TenancyClaims.Ats)
            .RequireAssertion(context => Actor.From(context.User) is var actor
                && (actor.IsAts || actor.IsGestore || actor.IsMmg || actor.IsErogatore || actor.IsPatient)));
        options.AddPolicy(Riabilitazione, policy => policy
            .RequireAuthenticatedUser()
            .RequireClaim(TenancyClaims.Ats)
            .RequireAssertion(context => Actor.From(context.User) is var actor && (actor.IsAts || actor.IsStruttura)));

        // Fail closed: an endpoint that declares nothing still needs a signed-in user.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    private static Action<AuthorizationPolicyBuilder> Require(string tenancyClaim, params string[] roles) => policy => policy
        .RequireAuthenticatedUser()
        .RequireRole(roles)
        .RequireClaim(TenancyClaims.Ats)
        .RequireClaim(tenancyClaim);
}
