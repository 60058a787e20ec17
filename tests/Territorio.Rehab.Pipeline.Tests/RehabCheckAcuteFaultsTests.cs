using Territorio.Flows.Reference;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;
using Territorio.Rehab.Pipeline;

namespace Territorio.Rehab.Pipeline.Tests;

/// <summary>
/// An acute row faulty in a field the linkage does not read (decision 0221): the scan reads only the
/// linkage fields of an acute row; a row linked to a rehab admission is checked whole when it is read
/// again, its first fault reported as the SDO reader reports it, and it still links.
/// </summary>
public sealed class RehabCheckAcuteFaultsTests : IDisposable
{
    private const string Acute = "A1,P1,1950-05-01,F,030100,32,1,2025-02-10,2025-02-25,8,8,224,71536,4019,,,,,,,";
    private const string Rehab = "R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,,,,,,,,";

    private readonly RehabCheckFile _file = new();

    public void Dispose() => _file.Dispose();

    private static string AcuteWith(int column, string value)
    {
        string[] fields = Acute.Split(',');
        fields[column] = value;
        return string.Join(',', fields);
    }

    /// <summary>The general SDO reader's error for the row at <paramref name="line"/>: what a user is told for the same fault elsewhere.</summary>
    private InputError ReaderError(string[] rows, long line)
    {
        var errors = new List<InputError>();
        string csv = RehabCheckFile.Header + "\n" + string.Join("\n", rows) + "\n";
        _ = new SdoCsvReader(ReferenceData.Default().Icd9Cm).Read(new StringReader(csv), Path.GetFileName(_file.Path), errors.Add).ToList();
        return errors.Single(e => e.Line == line);
    }

    [Theory]
    [InlineData(2, "1950-02-31", "birth_date")]
    [InlineData(2, "2025-02-11", "birth_date")]
    [InlineData(3, "X", "sex")]
    [InlineData(4, "", "structure_id")]
    [InlineData(6, "3", "regime")]
    [InlineData(9, "", "discharge_mode")]
    [InlineData(10, "XX", "mdc")]
    [InlineData(10, "31", "mdc")]
    [InlineData(14, "0000", "procedures")]
    [InlineData(16, "7", "rankin")]
    public void LinkedAcuteRow_FaultyOutsideTheLinkage_IsReportedAsTheReaderReportsIt_AndStillLinks(int column, string value, string field)
    {
        string[] rows = [AcuteWith(column, value), Rehab];
        var judged = new JudgedAdmissions();

        var result = _file.Check(judged, rows);

        var expected = ReaderError(rows, line: 2);
        expected.Field.ShouldBe(field);
        result.Errors.ShouldHaveSingleItem().ShouldBe(expected with { Reason = $"{expected.Reason}; {AcuteRowLinkage.KeptNote}" });
        var verdict = judged.All.ShouldHaveSingleItem().Verdict;
        verdict.AcuteRecordId.ShouldBe("A1");
        verdict.PostAcute.ShouldBeTrue();
        result.AcuteRows.ShouldBe(1);
    }

    [Fact]
    public void AcuteRowFaultyInALinkageField_IsStillRefused_AndLinksNothing()
    {
        string[] rows = [AcuteWith(8, "2025-02-30"), Rehab];
        var judged = new JudgedAdmissions();

        var result = _file.Check(judged, rows);

        var error = result.Errors.ShouldHaveSingleItem();
        error.ShouldBe(ReaderError(rows, line: 2));
        error.Reason.ShouldNotContain("collegamento");
        judged.All.ShouldHaveSingleItem().Verdict.AcuteRecordId.ShouldBeNull();
    }

    [Fact]
    public void FaultyAcuteRow_LinkedByTwoAdmissions_IsReportedOnce()
    {
        string second = "R2,P1,1950-05-01,F,030001,56,1,2025-03-25,2025-04-10,2,8,249,71536,,,,,,,,";

        var result = _file.Check(AcuteWith(3, "X"), Rehab, second);

        result.Errors.ShouldHaveSingleItem().Line.ShouldBe(2);
        result.Admissions.Count.ShouldBe(2);
    }

    [Fact]
    public void FaultyAcuteRow_LinkedToNoAdmission_IsNotReadOutsideTheLinkageFields()
    {
        // P2 has no rehab admission: its acute row is read for the linkage only (decision 0221).
        string other = "A2,P2,1950-05-01,X,030100,32,1,2025-02-10,2025-02-25,8,XX,224,71536,4019,,,,,,,";

        var result = _file.Check(Acute, other, Rehab);

        result.Errors.ShouldBeEmpty();
        result.AcuteRows.ShouldBe(2);
    }

    [Fact]
    public void FaultyLinkedAcuteRow_AfterARowSpanningLines_IsNamedByItsPhysicalLine()
    {
        // Line 2 holds a field with a line break: the faulty row starts on physical line 4.
        string spanning = "A0,P9,1950-05-01,F,\"0301\n00\",32,1,2025-02-10,2025-02-25,8,8,224,71536,4019,,,,,,,";

        var result = _file.Check(spanning, AcuteWith(9, ""), Rehab);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(4);
        error.Field.ShouldBe("discharge_mode");
    }
}
