using Territorio.Flows.Stratification;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;
using Territorio.Stratification.Criteria;
using Territorio.Stratification.Engine;
using static Territorio.Stratification.Tests.TestCriteria;

namespace Territorio.Stratification.Tests;

/// <summary>Exemption codes as issued: DM 329/1999 and DPCM 12/1/2017 allegato 8, with sub-codes.</summary>
public class ExemptionCodeTests
{
    private static readonly StratificationCriteria Shipped = CriteriaFiles.Load(Reference);

    [Theory]
    [InlineData("031")]
    [InlineData("0031")]
    [InlineData("0A31")]
    [InlineData("013.250")]
    [InlineData("048.191.1")]
    [InlineData("002A.V45.0")]
    public void CodesOfBothGenerations_AndSubCodes_HaveAValidShape(string code) => ExemptionCode.IsValid(code).ShouldBeTrue();

    [Theory]
    [InlineData("01")]
    [InlineData("013.")]
    [InlineData(".250")]
    [InlineData("0a31")]
    [InlineData("013-250")]
    public void MalformedCodes_AreRefused(string code) => ExemptionCode.IsValid(code).ShouldBeFalse();

    [Theory]
    [InlineData("031A", "0A31")]
    [InlineData("031A.401", "0A31.401")]
    [InlineData("002B.433", "0B02.433")]
    [InlineData("013.250", "013.250")]
    [InlineData("E01", "E01")]
    public void HL7Spellings_AreNormalisedToTheDpcm2017Code_SubCodeKept(string issued, string normalised) =>
        Exemptions.Normalise(issued).ShouldBe(normalised);

    [Theory]
    [InlineData("0A31")]
    [InlineData("0031")]
    [InlineData("031")]
    [InlineData("031.401")]
    [InlineData("031A.401")]
    public void HypertensionExemption_AndOnePack_GiveLevel3Hypertension(string code)
    {
        var outcome = ClassifyWithShippedCriteria(code);

        outcome.Level.ShouldBe(3);
        outcome.Pathologies.ShouldBe([56]);
        outcome.Evidence.ShouldContain(e => e.Source == CriterionKind.Exemption && e.Code == code);
    }

    [Fact]
    public void DiabetesWithItsIcd9CmSubCode_SelectsType2DiabetesFromThirty() =>
        ClassifyWithShippedCriteria("013.250").Pathologies.ShouldBe([50]);

    [Fact]
    public void ExemptionsFlow_AcceptsDottedSubCodes()
    {
        var engine = OnePerson();
        var errors = new List<InputError>();
        long accepted = EventCsvReaders.ReadExemptions(new StringReader("person_id,code,start_date,end_date\nP1,023.585,2024-01-01,\nP1,023..5,2024-01-01,\n"), "ex.csv", engine, errors.Add);

        accepted.ShouldBe(1);
        errors.Single().Value.ShouldBe("023..5");
        Classify(engine).Pathologies.ShouldBe([17]);
    }

    [Fact]
    public void CriterionNamingAnExemptionAbsentFromTheLists_IsAnError()
    {
        var error = Should.Throw<InputDataException>(() => Parse("version: t\nstatus: PROVVISORIO\npathology: 56 | weight: 1 | why: x\n  exemption: 0Z31 | why: y\n")).Error!;

        error.Value.ShouldBe("0Z31");
        error.Reason.ShouldContain("DPCM 12/1/2017");
    }

    [Fact]
    public void CriterionNamingAnHL7Spelling_IsNormalisedToTheDpcm2017Code() =>
        Parse("version: t\nstatus: PROVVISORIO\npathology: 56 | weight: 1 | why: x\n  exemption: 031A | why: y\n")
            .Pathologies.Single().Criteria.Single().Codes.ShouldBe(["0A31"]);

    /// <summary>
    /// For each of the regional catalogue's 65 pathologies, the exemption codes that select it
    /// with the shipped criteria. A pathology with an exemption in one generation only shows here.
    /// </summary>
    [Fact]
    public void ShippedCriteria_ExemptionCodesPerPathology_NameBothGenerations()
    {
        var expected = new Dictionary<int, string>
        {
            [1] = "052",
            [6] = "020",
            [8] = "",
            [9] = "024",
            [10] = "048",
            [13] = "046",
            [14] = "002.440 002.441 002.442 002.444 002.447 0C02",
            [16] = "",
            [17] = "023",
            [19] = "008",
            [20] = "021",
            [23] = "002.433 002.434 002.437 0B02",
            [25] = "",
            [28] = "011",
            [29] = "002.414 0A02",
            [30] = "",
            [33] = "038",
            [34] = "017",
            [39] = "057",
            [40] = "006",
            [41] = "045",
            [43] = "016",
            [44] = "013",
            [46] = "009",
            [47] = "029",
            [48] = "025",
            [50] = "013",
            [56] = "0031 031 0A31",
            [60] = "027",
            [62] = "035",
            [63] = "007",
            [2] = "",
        };
        var actual = Catalogue.Entries.ToDictionary(
            entry => entry.Code,
            entry => string.Join(' ', Shipped.Pathologies.Where(p => p.Pathology.Code == entry.Code)
                .SelectMany(p => p.Criteria).Where(c => c.Kind == CriterionKind.Exemption).SelectMany(c => c.Codes).Order(StringComparer.Ordinal)));

        actual.Count.ShouldBe(65);
        foreach (var entry in Catalogue.Entries)
        {
            actual[entry.Code].ShouldBe(expected.GetValueOrDefault(entry.Code, ""), $"pathology {entry.Code} {entry.Display}");
        }
    }

    [Fact]
    public void ShippedExemptionList_HasBothGenerationsOfTheSplitDiseases_EachWithItsRationale()
    {
        Exemptions.Diseases.Select(d => d.Code).ShouldContain("031");
        Exemptions.Diseases.Select(d => d.Code).ShouldContain("0031");
        Exemptions.Diseases.Select(d => d.Code).ShouldContain("0A31");
        Exemptions.Find("031A")!.SameAs.ShouldBe("0A31");
        Exemptions.Find("002A")!.SameAs.ShouldBe("0A02");
        Exemptions.Diseases.ShouldAllBe(d => d.Why.Length > 10);
    }

    private static Outcome ClassifyWithShippedCriteria(string exemption)
    {
        var engine = new Stratifier(Shipped, AsOf);
        engine.TryAddPerson("P1", new DateOnly(1960, 5, 1), null, "321", "MMG1").ShouldBeTrue();
        engine.TryFindPerson("P1", out int person).ShouldBeTrue();
        engine.AddExemption(person, exemption, new DateOnly(2024, 1, 1), null);
        engine.AddDispensing(person, new DateOnly(2025, 10, 1), "C09AA02", 1, 28);
        var outcome = new Outcome();
        engine.Classify(person, outcome);
        return outcome;
    }
}
