using Territorio.Flows.Reference;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Codes;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests.Sdo;

/// <summary>The provisional diagnosis → MDC table and the SDO reader's use of it (issue 19).</summary>
public class DiagnosisMdcTableTests
{
    private const string Header =
        "record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs";

    private static readonly DiagnosisMdcTable Table = ReferenceData.Default().DiagnosisMdc;

    [Theory]
    [InlineData("820.21", 8)]
    [InlineData("434.91", 1)]
    [InlineData("155.0", 7)]
    [InlineData("151.9", 6)]
    [InlineData("410.71", 5)]
    [InlineData("V57.1", 23)]
    public void ShippedTable_GivesTheChaptersMdc_NarrowerRowsOverriding(string code, int mdc)
    {
        Table.IsProvisional.ShouldBeTrue();
        Table.MdcOf(Icd9CmCode.ParseDiagnosis(code)).ShouldBe(mdc);
    }

    [Fact]
    public void EmptyMdc_IsDerivedFromThePrincipalDiagnosis_GivenMdcKeptWithThePrincipalsOwn()
    {
        var errors = new List<InputError>();
        var records = new SdoCsvReader(ReferenceData.Default().Icd9Cm, Table).Read(new StringReader(Header + "\n"
            + "R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,,249,82021,,,,,,,,\n"
            + "R2,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,1,249,82021,,,,,,,,\n"), "sdo.csv", errors.Add).ToList();

        errors.ShouldBeEmpty();
        records[0].Mdc.ShouldBe(8);
        records[1].Mdc.ShouldBe(1);
        records[1].PrincipalDiagnosisMdc.ShouldBe(8);
    }

    [Fact]
    public void EmptyMdc_WithoutATable_IsStillRefused()
    {
        var errors = new List<InputError>();
        _ = new SdoCsvReader(ReferenceData.Default().Icd9Cm).Read(new StringReader(Header + "\nR1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,,249,82021,,,,,,,,\n"), "sdo.csv", errors.Add).ToList();

        errors.ShouldHaveSingleItem().Field.ShouldBe("mdc");
    }
}
