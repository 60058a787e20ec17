using Territorio.Kernel.Population;
using Territorio.Web.Security;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// Two territories with the same shape, so that every check can be made from one and from the
/// other: ATS 321 ("A") and ATS 322 ("B"), each with two GPs' patients and one account per role.
/// </summary>
public sealed record Territory(string Key, string Ats, string Mmg, string OtherMmg, string Gestore, string Erogatore, string Structure, string Patient, string OtherMmgPatient)
{
    public static readonly Territory A = new("a", "321", "MMGA01", "MMGA02", "GA", "EA", "SA", "PA000001", "PA000002");
    public static readonly Territory B = new("b", "322", "MMGB01", "MMGB02", "GB", "EB", "SB", "PB000001", "PB000002");

    public const string Password = "Prova-Territorio-2026";

    public string UserOf(string role) => $"{role}.{Key}";

    /// <summary>Strings that only this territory's data contains: none may appear in another territory's answers.</summary>
    public IReadOnlyList<string> Markers => Key == "a"
        ? [Patient, OtherMmgPatient, Mmg, OtherMmg, CareSeed.NewPatient, .. RehabMarkers]
        : [Patient, OtherMmgPatient, Mmg, OtherMmg, .. RehabMarkers];

    private IEnumerable<string> RehabMarkers => [RehabSeed.FileName(this), RehabSeed.Record(this, 1), RehabSeed.Record(this, 2), RehabSeed.Record(this, 3)];

    public IEnumerable<Resident> Residents() =>
    [
        new Resident(Patient, new DateOnly(1948, 3, 14), Sex.Female, Ats, Mmg),
        new Resident(OtherMmgPatient, new DateOnly(1955, 11, 2), Sex.Male, Ats, OtherMmg),
    ];

    public IEnumerable<AccountSpec> Accounts() => TerritorioRoles.All.Select(role => new AccountSpec(
        UserOf(role),
        $"{TerritorioRoles.Label(role)} {Key.ToUpperInvariant()}",
        role,
        Ats,
        GestoreId: role is TerritorioRoles.GestoreCaseManager or TerritorioRoles.GestoreResponsabileClinico ? Gestore : null,
        MmgId: role == TerritorioRoles.Mmg ? Mmg : null,
        ErogatoreId: role == TerritorioRoles.Erogatore ? Erogatore : null,
        StructureId: role is TerritorioRoles.Reparto or TerritorioRoles.Struttura ? Structure : null,
        PersonId: role == TerritorioRoles.Paziente ? Patient : null));
}
