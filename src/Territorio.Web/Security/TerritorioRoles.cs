namespace Territorio.Web.Security;

/// <summary>The roles of the people who use Territorio (DGR X/6164/2017 actors, DM 5/8/2021 wards).</summary>
public static class TerritorioRoles
{
    public const string AtsOperatore = "ats-operatore";
    public const string AtsControllore = "ats-controllore";
    public const string GestoreCaseManager = CareManagement.Application.Enrolment.GestoreOperators.CaseManagerRole;
    public const string GestoreResponsabileClinico = CareManagement.Application.Enrolment.GestoreOperators.ClinicalManagerRole;
    public const string Mmg = "mmg";
    public const string Erogatore = "erogatore";
    public const string Reparto = "reparto";
    public const string Paziente = "paziente";

    /// <summary>A hospital structure's management (direzione sanitaria): its own admissions' rehab verdicts.</summary>
    public const string Struttura = "struttura";

    public static readonly IReadOnlyList<string> All =
        [AtsOperatore, AtsControllore, GestoreCaseManager, GestoreResponsabileClinico, Mmg, Erogatore, Reparto, Paziente, Struttura];

    public static string Label(string role) => role switch
    {
        AtsOperatore => "Operatore ATS",
        AtsControllore => "Controllore ATS",
        GestoreCaseManager => "Case manager del Gestore",
        GestoreResponsabileClinico => "Responsabile clinico del Gestore",
        Mmg => "Medico di medicina generale",
        Erogatore => "Erogatore",
        Reparto => "Reparto di riabilitazione o per acuti",
        Paziente => "Paziente",
        Struttura => "Struttura di ricovero (direzione sanitaria)",
        _ => role,
    };
}

/// <summary>Claim types of an account's tenancy, copied from <c>TerritorioUser</c> at sign-in.</summary>
public static class TenancyClaims
{
    public const string Ats = "ats";
    public const string Gestore = "gestore";
    public const string Mmg = "mmg";
    public const string Erogatore = "erogatore";
    public const string Structure = "struttura";
    public const string Person = "persona";
}
