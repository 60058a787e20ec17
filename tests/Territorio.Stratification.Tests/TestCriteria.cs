using Territorio.Flows.Reference;
using Territorio.Flows.Stratification;
using Territorio.Stratification.Criteria;
using Territorio.Stratification.Engine;

namespace Territorio.Stratification.Tests;

/// <summary>A small criteria file with one rule of each kind, and helpers to classify one person.</summary>
internal static class TestCriteria
{
    public static readonly ReferenceData Reference = ReferenceData.Default();

    public static readonly Synthetic.IdentityLists Identities = Synthetic.IdentityLists.Load(Reference.PathOf("population"));

    public static readonly DateOnly AsOf = new(2025, 12, 31);

    public const string Text = """
        version: test
        status: PROVVISORIO (test)
        use-window: 12m
        pathology: 2 | weight: 30000 | replaces: 17 | why: dialisi
          outpatient: 39.95 | lookback: 12m | min-count: 3 | why: sedute
        pathology: 17 | weight: 2500 | why: irc
          exemption: 023 | why: esenzione
        pathology: 16 | weight: 1600 | replaces: 50 | why: dm2 complicato
          sdo-dx: 250.4 | lookback: 5y | why: complicanze renali
        pathology: 50 | weight: 900 | why: dm2
          sdo-dx: 250.00 | lookback: 5y | why: sdo
          drugs: A10B | min-dates: 2 | why: due date
        pathology: 56 | weight: 527 | why: ipertensione
          drugs: C09 | min-packs: 3 | min-age: 18 | why: tre confezioni
        pathology: 48 | weight: 400 | why: colesterolo
          drugs: C10 | min-ddd: 100 | fallback-packs: 4 | why: cento DDD
        pathology: 60 | weight: 350 | why: ipotiroidismo
          exemption: 027 | why: esenzione
        pathology: 63 | weight: 350 | why: asma
          exemption: 007 | why: esenzione
        """;

    public static PathologyCatalogue Catalogue { get; } = CriteriaFiles.Catalogue(Reference);

    public static ExemptionCodes Exemptions { get; } = CriteriaFiles.ExemptionCodes(Reference);

    public static StratificationCriteria Parse(string text) =>
        new CriteriaParser(Reference.Icd9Cm, Catalogue, Exemptions).Parse(new StringReader(text), "criteri-test.txt");

    public static StratificationCriteria Small { get; } = Parse(Text);

    /// <summary>A stratifier with one person (P1, born 1960) ready for records.</summary>
    public static Stratifier OnePerson(DateOnly? birth = null, DateOnly? death = null)
    {
        var engine = new Stratifier(Small, AsOf);
        engine.TryAddPerson("P1", birth ?? new DateOnly(1960, 5, 1), death, "321", "MMG1").ShouldBeTrue();
        return engine;
    }

    public static Outcome Classify(Stratifier engine)
    {
        var outcome = new Outcome();
        engine.Classify(0, outcome);
        return outcome;
    }
}
