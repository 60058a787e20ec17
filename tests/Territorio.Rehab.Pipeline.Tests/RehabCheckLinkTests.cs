using Territorio.Flows.Rehab;
using Territorio.Flows.Sdo;
using Territorio.Rehab.Pipeline;

namespace Territorio.Rehab.Pipeline.Tests;

/// <summary>The linkage of the file check (art.2 c.2) where its compact keys could mislead it.</summary>
public sealed class RehabCheckLinkTests : IDisposable
{
    // Two patient ids whose key hashes share the top 8 and the low 32 bits: the partition and the
    // bits an acute stay keeps (found by search; the test checks it still holds).
    private const string Patient = "P001513863";
    private const string LookAlike = "P001889732";

    private readonly RehabCheckFile _file = new();

    public void Dispose() => _file.Dispose();

    private RehabCheckResult Check(params string[] rows) => _file.Check(rows);

    [Fact]
    public void Art2c2_LaterAcuteOfAnotherPatientWithTheSameKeyBits_IsRuledOut()
    {
        ulong patient = Utf8Csv.Hash(System.Text.Encoding.UTF8.GetBytes(Patient));
        ulong lookAlike = Utf8Csv.Hash(System.Text.Encoding.UTF8.GetBytes(LookAlike));
        (patient >> 56).ShouldBe(lookAlike >> 56);
        ((uint)patient).ShouldBe((uint)lookAlike);

        var judged = new JudgedAdmissions();
        var result = _file.Check(
            judged,
            $"A1,{Patient},1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,",
            $"A2,{LookAlike},1950-01-01,F,030100,32,1,2025-06-01,2025-06-10,8,1,014,434.91,401.9,,,,,,,",
            $"R1,{Patient},1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15");

        result.Errors.ShouldBeEmpty();
        var verdict = judged.All.ShouldHaveSingleItem().Verdict;
        verdict.AcuteRecordId.ShouldBe("A1");
        verdict.IntervalDays.ShouldBe(10);
    }

    [Fact]
    public void Art2c2_RepeatedRecordId_FirstOccurrenceLinks_LaterOneIsRejected()
    {
        var result = Check(
            $"A1,{Patient},1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,",
            $"A1,{Patient},1950-01-01,F,030100,32,1,2025-06-01,2025-06-10,8,1,014,434.91,401.9,,,,,,,",
            $"R1,{Patient},1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15");

        var error = result.Errors.ShouldHaveSingleItem();
        (error.Line, error.Field).ShouldBe((3, "record_id"));
        result.Admissions.ShouldHaveSingleItem().IntervalDays.ShouldBe(10);
    }

    [Fact]
    public void Art2c2_SameDischargeDay_TheLaterRowInTheFileLinks()
    {
        var judged = new JudgedAdmissions();
        _file.Check(
            judged,
            $"A1,{Patient},1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,",
            $"A2,{Patient},1950-01-01,F,030100,32,1,2025-06-01,2025-06-05,8,1,014,434.91,401.9,,,,,,,",
            $"R1,{Patient},1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15");

        judged.All.ShouldHaveSingleItem().Verdict.AcuteRecordId.ShouldBe("A2");
    }
}
