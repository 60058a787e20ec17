using Territorio.Flows.Stratification;
using Territorio.Kernel.Errors;
using static Territorio.Stratification.Tests.TestCriteria;

namespace Territorio.Stratification.Tests;

public class CriteriaLoaderTests
{
    private const string Head = "version: t\nstatus: PROVVISORIO\n";

    [Fact]
    public void ShippedCriteria_CoverTheElevenFirstPhasePathologiesAndTheirVariants_Provisional()
    {
        var criteria = CriteriaFiles.Load(Reference);

        criteria.IsProvisional.ShouldBeTrue();
        var codes = criteria.Pathologies.Select(p => p.Pathology.Code).ToHashSet();
        int[] firstPhase = [9, 20, 44, 8, 50, 16, 29, 39, 56, 14, 23, 30, 17, 2];
        firstPhase.Except(codes).ShouldBeEmpty();
        codes.Count.ShouldBeGreaterThanOrEqualTo(25);
        criteria.Pathologies.SelectMany(p => p.Criteria).ShouldAllBe(c => c.Rationale.Length > 10);
        criteria.Pathologies.Single(p => p.Pathology.Code == 16).Replaces.ShouldBe([50]);
        criteria.Pathologies.Single(p => p.Pathology.Code == 2).Replaces.ShouldBe([17]);
    }

    [Fact]
    public void UnknownIcd9CmCode_IsAnErrorNamingFileLineAndCode()
    {
        var error = Should.Throw<InputDataException>(() => Parse(Head + "pathology: 50 | weight: 1 | why: x\n  sdo-dx: 250.00 999.99 | why: y\n")).Error!;

        error.File.ShouldBe("criteri-test.txt");
        error.Line.ShouldBe(4);
        error.Value.ShouldBe("999.99");
        error.Reason.ShouldContain("ICD-9-CM");
    }

    [Fact]
    public void UnknownProcedureCode_IsAnError() =>
        Should.Throw<InputDataException>(() => Parse(Head + "pathology: 2 | weight: 1 | why: x\n  sdo-proc: 00.00 | why: y\n")).Error!.Value.ShouldBe("00.00");

    [Theory]
    [InlineData("X10B")]
    [InlineData("A1")]
    [InlineData("a10b")]
    public void BadAtcPrefix_IsAnError(string atc) =>
        Should.Throw<InputDataException>(() => Parse(Head + $"pathology: 50 | weight: 1 | why: x\n  drugs: {atc} | why: y\n")).Error!.Value.ShouldBe(atc);

    [Fact]
    public void PathologyNotInTheRegionalCatalogue_IsAnError() =>
        Should.Throw<InputDataException>(() => Parse(Head + "pathology: 99 | weight: 1 | why: x\n")).Error!.Field.ShouldBe("pathology");

    [Fact]
    public void CriterionWithoutRationale_IsAnError() =>
        Should.Throw<InputDataException>(() => Parse(Head + "pathology: 60 | weight: 1 | why: x\n  exemption: 027\n")).Error!.Field.ShouldBe("why");

    [Fact]
    public void ReplacedPathologyWithoutCriteria_IsAnError() =>
        Should.Throw<InputDataException>(() => Parse(Head + "pathology: 16 | weight: 1 | replaces: 50 | why: x\n  sdo-dx: 250.40 | why: y\n")).Error!.Field.ShouldBe("replaces");

    [Fact]
    public void PackThresholdOnAnExemption_IsAnError() =>
        Should.Throw<InputDataException>(() => Parse(Head + "pathology: 60 | weight: 1 | why: x\n  exemption: 027 | min-packs: 3 | why: y\n")).Error!.Line.ShouldBe(4);

    [Fact]
    public void MissingVersion_IsAnError() =>
        Should.Throw<InputDataException>(() => Parse("status: PROVVISORIO\n")).Error!.Field.ShouldBe("version");

    [Fact]
    public void Windows_DefaultToFiveYearsForSdoAndOneYearElsewhere()
    {
        var criteria = Parse(Head + "pathology: 50 | weight: 1 | why: x\n  sdo-dx: 250.00 | why: y\n  drugs: A10B | lookback: 18m | why: z\n  drugs: A10A | why: w\n");

        criteria.Pathologies[0].Criteria.Select(c => c.WindowMonths).ShouldBe([60, 18, 12]);
    }
}
