using System.Text;
using Territorio.Flows.Reference;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Codes;

namespace Territorio.Flows.Tests.Sdo;

/// <summary>The principal diagnosis is decoded without an array: the same code as the list decoder's only one.</summary>
public class SdoRowDecoderCodeOfTests
{
    private static readonly SdoRowDecoder Decoder =
        new SdoCsvReader(ReferenceData.Default().Icd9Cm).DecoderFor(
            Encoding.UTF8.GetBytes("record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs"),
            "sdo.csv");

    [Theory]
    [InlineData("4019", "401.9")]
    [InlineData(" 401.9 ", "401.9")]
    [InlineData("43811", "438.11")]
    [InlineData("4019|", "401.9")]
    [InlineData("|V5413", "V54.13")]
    public void CodeOf_IsTheOnlyCodeCodesOfFinds(string field, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(field);

        var code = Decoder.CodeOf(bytes, Icd9CmKind.Diagnosis);

        code.Value.ShouldBe(expected);
        Decoder.CodesOf(bytes, Icd9CmKind.Diagnosis).ShouldBe([code]);
    }

    [Fact]
    public void CodeOf_AnEmptyField_IsNoCode()
    {
        Decoder.CodeOf([], Icd9CmKind.Diagnosis).ShouldBe(default);
    }
}
