using System.Collections.Concurrent;
using Territorio.CareManagement.Application;
using Territorio.Kernel.Population;
using Territorio.Testing;
using CareActor = Territorio.CareManagement.Common.Actor;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>
/// What the ATS screens need in each territory, on top of <see cref="CareSeed"/>: a pyramid with
/// every level (two more GPs), a second approved Gestore, patients enrolled with requests waiting for
/// the Commission (the territory's first patient has one of each kind: the matrix's resources,
/// never decided in the web-app collection), a pact about to expire, enrolment letters.
/// </summary>
public static class AtsSeed
{
    /// <summary>Reclassification and change-of-Gestore request ids by patient, known once seeded.</summary>
    public static readonly ConcurrentDictionary<string, long> ReclassificationOf = new(StringComparer.Ordinal);

    public static readonly ConcurrentDictionary<string, long> ChangeOf = new(StringComparer.Ordinal);

    public const int ExpiringInDays = 14;

    public static string SecondGestore(Territory t) => t.Gestore + "3";

    /// <summary>Level-2 patient whose proposal keeps the level and changes the main pathology (56 → 29).</summary>
    public static string PathologyChange(Territory t) => Id(t, 10);

    /// <summary>Level-2 patient whose proposal lowers the level to 3.</summary>
    public static string LevelDown(Territory t) => Id(t, 11);

    public static string ChangeToApprove(Territory t) => Id(t, 12);

    public static string ChangeToReject(Territory t) => Id(t, 13);

    public static string Expiring(Territory t) => Id(t, 14);

    /// <summary>Level 4 in the stratification before the latest, level 3 now: a new eligible person (issue 20).</summary>
    public static string BecameEligible(Territory t) => Id(t, 2);

    /// <summary>Level 3 before, level 4 now: left the eligible levels.</summary>
    public static string LeftEligibility(Territory t) => Id(t, 3);

    /// <summary>
    /// A row of the stratification imported before the latest one: as now, except the person who
    /// became eligible, the one who left, and <see cref="LevelDown"/> (enrolled with the Gestore), level 3 before.
    /// </summary>
    public static string PreviousRow(string row)
    {
        string id = row[..row.IndexOf(',', StringComparison.Ordinal)];
        foreach (var t in new[] { Territory.A, Territory.B })
        {
            if (id == BecameEligible(t))
            {
                return $"{id},4,,,";
            }

            if (id == LeftEligibility(t) || id == LevelDown(t))
            {
                return $"{id},3,56,56,56=drugs:C09AA02:2025-01-15";
            }
        }

        return row;
    }

    /// <summary>GPs of these persons: others than CareSeed's, whose lists other tests count.</summary>
    public static string ThirdGp(Territory t) => $"MMG{t.Key.ToUpperInvariant()}03";

    public static string FourthGp(Territory t) => $"MMG{t.Key.ToUpperInvariant()}04";

    /// <summary>Persons of the pyramid beyond CareSeed's level-2 patients: (id, GP, level).</summary>
    public static IEnumerable<(string Id, string Mmg, int Level)> Stratified(Territory t) =>
    [
        (Id(t, 1), ThirdGp(t), 1), (Id(t, 2), ThirdGp(t), 3), (Id(t, 3), ThirdGp(t), 4), (Id(t, 4), ThirdGp(t), 4),
        (Id(t, 5), ThirdGp(t), 5), (Id(t, 6), ThirdGp(t), 5), (Id(t, 7), ThirdGp(t), 5),
        (Id(t, 8), FourthGp(t), 3), (Id(t, 9), FourthGp(t), 5),
        .. Enumerable.Range(10, 5).Select(n => (Id(t, n), ThirdGp(t), 2)),
    ];

    public static IEnumerable<Resident> Residents(Territory t) => Stratified(t).Select((p, n) =>
    {
        var birth = new DateOnly(1940 + n, 1 + (n % 12), 10);
        var sex = n % 2 == 0 ? Sex.Female : Sex.Male;
        return new Resident(p.Id, birth, sex, t.Ats, p.Mmg, null, IdentityOf(t, n, birth, sex));
    });

    /// <summary>"Lucia Colombo": a seeded resident as screens name them.</summary>
    public static string NameOf(Territory t, string id) => Residents(t).Single(r => r.Id == id).DisplayName;

    public static readonly string[] Surnames = ["Colombo", "Ferrari", "Brambilla", "Villa", "Galli", "Fumagalli", "Sala", "Riva", "Crippa", "Mauri", "Pozzi", "Longhi", "Sironi", "Cozzi"];

    /// <summary>Named residents, each with their own phone, so that screens can be checked for names and numbers.</summary>
    private static ResidentIdentity IdentityOf(Territory t, int n, DateOnly birth, Sex sex)
    {
        // Territory B's people have other surnames: one codice fiscale per person across the region.
        string surname = Surnames[(n + (t == Territory.A ? 0 : 7)) % Surnames.Length];
        string givenName = sex == Sex.Female ? "Lucia" : "Carlo";
        var milano = new Municipality("F205", "Milano");
        return new ResidentIdentity(Kernel.Codes.CodiceFiscale.Compute(surname, givenName, birth, sex, "F205"), surname, givenName, milano,
            new PostalAddress($"Via Manzoni {n + 1}", "20121", milano), $"+39 000 111 {n:D4}", null);
    }

    /// <summary>Rows of levels.csv, pathologies from the regional catalogue (56 hypertension, 29 ischaemic heart disease).</summary>
    public static IEnumerable<string> LevelRows(Territory t) => Stratified(t).Select(p => p.Level switch
    {
        1 or 2 => $"{p.Id},{p.Level},56,56|29,56=exemptions:0031:2025-06-01|29=sdo:410.9:2026-01-10;drugs:C01DA02:2026-02-03",
        3 => $"{p.Id},3,56,56,56=drugs:C09AA02:2026-02-01",
        _ => $"{p.Id},{p.Level},,,",
    });

    public static async Task SeedAsync(CareServices care, Territory t, DateOnly today, CancellationToken ct)
    {
        var by = new CareActor.Factory("seed");
        var clinician = by.ClinicalManager(t.Gestore);
        string second = SecondGestore(t);
        await care.Gestori.RegisterAsync(second, "Cooperativa MMG " + t.Key.ToUpperInvariant(), CareManagement.Gestori.GestoreKind.CooperativaMmg, t.Ats, by.Ats(t.Ats), ct);
        for (int level = 1; level <= 3; level++)
        {
            await care.Gestori.ApplyAsync(second, t.Ats, level, by.ClinicalManager(second), ct);
            await care.Gestori.DecideAsync(second, t.Ats, level, approve: true, by.Ats(t.Ats), "idoneo", ct);
        }

        foreach (string patient in new[] { PathologyChange(t), LevelDown(t), ChangeToApprove(t), ChangeToReject(t) })
        {
            await care.SignedSinceAsync(patient, t.Gestore, today.AddDays(-20), "Paziente " + patient, "Gestore " + t.Key, clinician, ct);
        }

        // Signed almost a year ago: ends in two weeks.
        await care.SignedSinceAsync(Expiring(t), t.Gestore, today.AddDays(ExpiringInDays - 364), "Paziente in scadenza", "Gestore " + t.Key, clinician, ct);

        await ProposeAsync(care, t.Patient, 1, "20", ["56", "29"], clinician, "scompenso cardiaco emerso alla visita di controllo", ct);
        await ProposeAsync(care, PathologyChange(t), 2, "29", ["56"], clinician, "la cardiopatia ischemica guida ora il percorso", ct);
        await ProposeAsync(care, LevelDown(t), 3, "56", [], clinician, "cardiopatia ischemica esclusa dalla coronarografia", ct);
        foreach (string patient in new[] { t.Patient, ChangeToApprove(t), ChangeToReject(t) })
        {
            var request = await care.Enrolment.RequestChangeAsync(patient, second, today.AddDays(10), new CareActor(CareManagement.Common.ActorRole.Patient, patient),
                "il paziente si è trasferito vicino a una sede della cooperativa", ct);
            ChangeOf[patient] = request.Id;
        }

        await care.Enrolment.IssueLettersAsync(t.Ats, 100, by.Ats(t.Ats), ct);
    }

    private static async Task ProposeAsync(CareServices care, string patient, int level, string main, string[] others, CareActor by, string reason, CancellationToken ct) =>
        ReclassificationOf[patient] = (await care.Reclassification.ProposeAsync(patient, level, main, others, by, reason, ct)).Id;

    private static string Id(Territory t, int n) => $"P{t.Key.ToUpperInvariant()}{100000 + n}";
}
