using Territorio.CareManagement.Common;
using Territorio.CareManagement.Eligibility;
using Territorio.CareManagement.Gestori;
using Territorio.CareManagement.Network;
using Territorio.CareManagement.Pacts;
using Territorio.CareManagement.Plans;

namespace Territorio.CareManagement.Tests;

/// <summary>Builders for the domain tests: a small region on fixed dates.</summary>
internal static class Given
{
    public const string Ats = "321";
    public const string Mmg = "MMG00001";

    public static readonly DateOnly Today = new(2026, 3, 2);

    /// <summary>A few branche and a map with general and specific entries, as data/care/branche_prestazioni.csv has them.</summary>
    public static readonly BrancheCatalogue Branche = new(
        [new("02", "Cardiologia"), new("05", "Chirurgia vascolare - Angiologia"), new("08", "Radiologia diagnostica"), new("11", "Laboratorio analisi"), new("15", "Neurologia")],
        new Dictionary<string, IReadOnlyList<string>>
        {
            ["88"] = ["08"],
            ["88.72"] = ["02"],
            ["88.77"] = ["05", "08"],
            ["89.52"] = ["02"],
            ["89.7"] = ["02", "15"],
            ["90"] = ["11"],
        },
        new Dictionary<string, string>
        {
            ["88.72.2"] = "ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo. Non associabile a 88.72.3",
            ["88.74.1"] = "ECOGRAFIA DELL'ADDOME SUPERIORE. Incluso: fegato",
            ["90.28.1"] = "Hb - EMOGLOBINA GLICATA",
        },
        "prova",
        provisional: true);

    public static readonly Actor AtsOperator = new(ActorRole.Ats, "op.ats", Ats);
    public static readonly Actor Commission = new(ActorRole.AtsCommission, "commissione", Ats);
    public static readonly Actor Doctor = new(ActorRole.Mmg, Mmg);

    public static DateTime Noon(DateOnly day) => day.ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc);

    public static Change By(Actor actor, string? reason = null, DateOnly? on = null) => new(actor, Noon(on ?? Today), reason);

    public static Actor ClinicalManager(string gestore = "G1") => new(ActorRole.ClinicalManager, "dr.rossi", gestore);

    public static Actor CaseManager(string gestore = "G1") => new(ActorRole.CaseManager, "cm.bianchi", gestore);

    public static Gestore EligibleGestore(string id = "G1", GestoreKind kind = GestoreKind.Asst, params int[] levels)
    {
        var gestore = Gestore.Register(id, $"Gestore {id}", kind, Ats, By(AtsOperator));
        foreach (int level in levels.Length == 0 ? [1, 2, 3] : levels)
        {
            gestore.Apply(Ats, level, By(ClinicalManager(id)));
            gestore.Approve(Ats, level, By(AtsOperator, "requisiti verificati"));
        }

        return gestore;
    }

    public static Classification Level(int level, string main = "56") => new("P1", level, main, main, Today.AddDays(-30), "stratificazione n.1");

    public static PactSigning Signing(int level = 2, DateOnly? start = null, string patient = "P1") =>
        new(patient, Ats, Mmg, true, Level(level) with { PersonId = patient }, start ?? Today, Invitation(patient, (start ?? Today).AddDays(-20)), OnPaper, "dr.rossi");

    /// <summary>The ATS's letter n.7 to the patient, sent on the given day (20 days ago unless told).</summary>
    public static ConsentBasis Invitation(string patient = "P1", DateOnly? sentOn = null) => new(ConsentGround.Invitation, 7, patient, null, sentOn ?? Today.AddDays(-20));

    /// <summary>Signed on paper before Maria Bianchi, with the scan stored.</summary>
    public static readonly PatientSignature OnPaper = new(SignatureMethod.Paper, "Maria Bianchi (mbianchi)", "patto-0123456789abcdef0123456789abcdef.pdf");

    public static PattoDiCura Pact(Gestore? gestore = null, int level = 2, DateOnly? start = null)
    {
        gestore ??= EligibleGestore();
        // Signed on its first day: a pact starts no earlier than its signature (ConsentRules.RequireStart).
        return PactRules.Sign(Signing(level, start), gestore, [], By(CaseManager(gestore.Id), on: start is { } first && first < Today ? first : Today)).Pact;
    }

    public static PaiVocabulary Vocabulary() => new(
        new Dictionary<string, string> { ["89.7"] = "Visita generale", ["90.28.1"] = "Emoglobina glicata", ["89.52"] = "Elettrocardiogramma", ["95.02"] = "Esame dell'occhio" },
        new Dictionary<string, string> { ["05"] = "Aderenza alla terapia" },
        new Dictionary<string, string> { ["01"] = "Fumo" },
        new Dictionary<string, string> { ["EDU03"] = "Educazione terapeutica" });

    public static IReadOnlyList<PaiItem> Items() =>
    [
        PaiItem.Service("89.7", "Visita generale", 2),
        PaiItem.Service("90.28.1", "Emoglobina glicata", 4),
        PaiItem.Drug("C09AA05", "Ramipril", "5 mg una volta al giorno"),
        PaiItem.Coded(PaiItemKind.Goal, "05", "Aderenza alla terapia"),
        PaiItem.Coded(PaiItemKind.Education, "EDU03", "Educazione terapeutica"),
    ];

    public static Pai WrittenPai(PattoDiCura? pact = null)
    {
        pact ??= Pact();
        var pai = Pai.For(pact);
        pai.Write(Items(), Vocabulary(), By(ClinicalManager(pact.GestoreId), "primo PAI"));
        return pai;
    }

    public static Erogatore Erogatore(string gestore = "G1", string id = "E1")
    {
        var erogatore = Network.Erogatore.Register(id, "Poliambulatorio", Ats, By(AtsOperator));
        erogatore.Accredit(["02", "11"], Branche, By(AtsOperator));
        erogatore.SignAgreement(gestore, Today.AddYears(-1), null, By(ClinicalManager(gestore)));
        erogatore.Offer("89.7", Branche, By(ClinicalManager(gestore)));
        erogatore.Offer("90.28.1", Branche, By(ClinicalManager(gestore)));
        return erogatore;
    }
}
