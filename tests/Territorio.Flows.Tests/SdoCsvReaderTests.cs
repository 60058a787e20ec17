using Territorio.Flows.Reference;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests;

public class SdoCsvReaderTests
{
    private const string Header =
        "record_id,patient_id,birth_date,sex,structure_id,discipline,regime,admission_date,discharge_date,discharge_mode,mdc,drg,principal_dx,secondary_dx,procedures,transfer_from_discipline,rankin,barthel,barthel_dyspnoea,six_minute_walk_m,rcs";

    private static (List<Kernel.Hospital.SdoRecord> Records, List<InputError> Errors) Read(string csv)
    {
        var errors = new List<InputError>();
        var records = new SdoCsvReader(ReferenceData.Default().Icd9Cm).Read(new StringReader(csv), "sdo.csv", errors.Add).ToList();
        return (records, errors);
    }

    [Fact]
    public void ValidRow_IsReadWithCodesCanonicalised()
    {
        var (records, errors) = Read(Header + "\nR1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,4019|25000,9339,36,3,45,,,12\n");

        errors.ShouldBeEmpty();
        var r = records.ShouldHaveSingleItem();
        r.PrincipalDiagnosis.Value.ShouldBe("715.36");
        r.SecondaryDiagnoses.Select(c => c.Value).ShouldBe(["401.9", "250.00"]);
        r.Procedures.Single().Value.ShouldBe("93.39");
        r.TransferFromDiscipline.ShouldBe(36);
        r.Scales.Barthel.ShouldBe(45);
        r.Scales.BarthelDyspnoea.ShouldBeNull();
        r.LengthOfStay.ShouldBe(19);
    }

    [Fact]
    public void ColumnOrder_IsFree()
    {
        string[] columns = Header.Split(',');
        string reversedHeader = string.Join(',', columns.Reverse());
        string row = "R1,P1,1950-05-01,1,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,,,,,,,,";
        string reversedRow = string.Join(',', row.Split(',').Reverse());

        var (records, errors) = Read(reversedHeader + "\n" + reversedRow + "\n");

        errors.ShouldBeEmpty();
        records.Single().RecordId.ShouldBe("R1");
    }

    [Theory]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-02-20,2,8,249,71536,,,,,,,,", "discharge_date", "precedente")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-13-01,2025-03-20,2,8,249,71536,,,,,,,,", "admission_date", "data non valida")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,99999,,,,,,,,", "principal_dx", "sconosciuto")]
    [InlineData("R1,,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,,,,,,,,", "patient_id", "obbligatorio")]
    [InlineData("R1,P1,1950-05-01,X,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,,,,,,,,", "sex", "sesso")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019,,,,,,,", "secondary_dx", "più di 24")]
    public void BadRow_IsReportedWithLineFieldAndReason_AndSkipped(string row, string field, string reason)
    {
        var (records, errors) = Read(Header + "\n" + row + "\n");

        records.ShouldBeEmpty();
        var error = errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(2);
        error.Field.ShouldBe(field);
        error.Reason.ShouldContain(reason);
    }

    [Fact]
    public void MissingColumn_IsRefusedBeforeReading()
    {
        var ex = Should.Throw<InputDataException>(() => Read("record_id,patient_id\nR1,P1\n"));
        ex.Error!.Field.ShouldBe("birth_date");
    }
}
