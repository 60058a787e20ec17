using Territorio.Web.Security;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Care;

/// <summary>
/// The care path records who changed what (<see cref="CareActor"/>): the signed-in account, in
/// the role and organisation of its tenancy — never values taken from the request.
/// </summary>
public static class CareActors
{
    public static CareActor AtsOperator(Actor actor) => new CareActor.Factory(actor.UserName).Ats(actor.Ats);

    public static CareActor Commission(Actor actor) => new CareActor.Factory(actor.UserName).Commission(actor.Ats);

    public static CareActor OfGestore(Actor actor) => actor.Roles.Contains(TerritorioRoles.GestoreResponsabileClinico)
        ? new CareActor.Factory(actor.UserName).ClinicalManager(Require(actor.GestoreId))
        : new CareActor.Factory(actor.UserName).CaseManager(Require(actor.GestoreId));

    public static CareActor OfErogatore(Actor actor) => new CareActor.Factory(actor.UserName).Erogatore(Require(actor.ErogatoreId));

    public static CareActor OfPatient(Actor actor) => new(CareManagement.Common.ActorRole.Patient, Require(actor.PersonId));

    public static CareActor OfMmg(Actor actor) => CareActor.Factory.Mmg(Require(actor.MmgId));

    private static string Require(string? id) => id ?? throw new InvalidOperationException("account senza l'ambito richiesto dal ruolo");
}
