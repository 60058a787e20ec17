using Territorio.Flows.Reference;
using Territorio.Flows.Rehab;
using Territorio.Flows.Sdo;
using Territorio.Kernel.Errors;
using Territorio.Rehab.Pipeline;

namespace Territorio.Rehab.Pipeline.Tests;

/// <summary>
/// Rehab rows in the file check: checked whole during the scan without being built, kept as bytes,
/// and built into records only when judged, block by block (decisions 0111, 0112). What a user
/// sees must not depend on it: the same rejections as the general SDO reader, the same records.
/// </summary>
public sealed class RehabCheckRowsTests : IDisposable
{
    private const string Header = RehabCheckFile.Header;

    private const string Acute = "A1,P1,1950-05-01,F,030100,32,1,2025-02-10,2025-02-25,8,8,224,71536,4019,,,,,,,";

    private readonly RehabCheckFile _file = new();

    public void Dispose() => _file.Dispose();

    private RehabCheckResult Check(string csv) => _file.CheckText(csv);

    private List<InputError> ReaderErrors(string csv)
    {
        var errors = new List<InputError>();
        _ = new SdoCsvReader(ReferenceData.Default().Icd9Cm).Read(new StringReader(csv), Path.GetFileName(_file.Path), errors.Add).ToList();
        return errors;
    }

    [Theory]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-02-20,2,8,249,71536,,,,,,,,")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-13-01,2025-03-20,2,8,249,71536,,,,,,,,")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,99999,,,,,,,,")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,,0000,,,,,,")]
    [InlineData("R1,,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,,,,,,,,")]
    [InlineData("R1,P1,1950-05-01,X,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,,,,,,,,")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,3,2025-03-01,2025-03-20,2,8,249,71536,,,,,,,,")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,,,,7,,,,")]
    [InlineData("R1,P1,2026-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,,,,,,,,")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,2,8,249,71536,4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019|4019,,,,,,,")]
    [InlineData("R1,P1,1950-05-01,F,030001,56,1,2025-03-01,bad,2,8,249,99999,,,,,,,,")]
    public void BadRehabRow_IsRejectedAsTheSdoReaderRejectsIt(string row)
    {
        string csv = Header + "\n" + Acute + "\n" + row + "\n";

        var result = Check(csv);

        result.Admissions.ShouldBeEmpty();
        var expected = ReaderErrors(csv).ShouldHaveSingleItem();
        result.Errors.ShouldHaveSingleItem().ShouldBe(expected);
        expected.Line.ShouldBe(3);
    }

    [Fact]
    public void QuotedRehabRow_IsBuiltAsTheSdoReaderBuildsIt()
    {
        string row = "\"R1\",P1,1950-05-01,F,\"030,001\",56,1,2025-03-01,2025-03-20,2,8,\"249\",71536,\"4019|25000\",9339,,3,45,,,12";
        string csv = Header + "\n" + Acute + "\n" + row + "\n";

        var judged = new JudgedAdmissions();

        var result = _file.CheckText(csv, judged);

        result.Errors.ShouldBeEmpty();
        var admission = result.Admissions.ShouldHaveSingleItem();
        var record = judged.All.ShouldHaveSingleItem().Record;
        var expected = new SdoCsvReader(ReferenceData.Default().Icd9Cm).Read(new StringReader(csv), "sdo.csv", _ => { }).Last();
        admission.Line.ShouldBe(3);
        admission.StructureId.ShouldBe("030,001");
        (record with { SecondaryDiagnoses = [], Procedures = [] }).ShouldBe(expected with { SecondaryDiagnoses = [], Procedures = [] });
        record.SecondaryDiagnoses.ShouldBe(expected.SecondaryDiagnoses);
        record.Procedures.ShouldBe(expected.Procedures);
        judged.All[0].Verdict.AcuteRecordId.ShouldBe("A1");
    }

    [Fact]
    public void RehabRowsOfOnePatient_ReachTheEngineInFileOrder()
    {
        // Art.4 c.4: the 56→56 transfer finds the stay it came from among the patient's records,
        // which are built after the scan, whatever segment they were read in.
        string csv = Header + "\n"
            + "R2,P1,1950-05-01,F,030001,56,1,2025-03-21,2025-04-10,2,8,249,71536,,,56,3,45,,,12\n"
            + Acute + "\n"
            + "R1,P1,1950-05-01,F,030001,56,1,2025-03-01,2025-03-20,6,8,249,71536,,,,3,45,,,12\n";

        var judged = new JudgedAdmissions();

        var result = _file.CheckText(csv, judged);

        result.Errors.ShouldBeEmpty();
        judged.All.Select(a => (a.Verdict.RecordId, a.Line)).ShouldBe([("R2", 2), ("R1", 4)]);
        result.Admissions.Select(a => a.Line).ShouldBe([2L, 4L]);
        result.Admissions[0].Article.ShouldBe("art.4 c.4");
    }

    [Fact]
    public void WorseningReadmission_FindsTheEarlierStayInContinuity_AmongThePatientsOtherStays()
    {
        // Art.3 c.4: R3 follows A1 (discharged 2025-02-25) after R2, which started 5 days after
        // A1; R0 ended before A1 and R9 starts after R3: neither can be the earlier stay.
        string csv = Header + "\n"
            + "R9,P1,1950-05-01,F,030001,56,1,2025-06-01,2025-06-20,2,8,249,71536,,,,3,45,,,12\n"
            + "R0,P1,1950-05-01,F,030001,56,1,2025-01-02,2025-01-20,2,8,249,71536,,,,3,45,,,12\n"
            + Acute + "\n"
            + "R2,P1,1950-05-01,F,030001,56,1,2025-03-02,2025-03-20,2,8,249,71536,,,,3,45,,,12\n"
            + "R3,P1,1950-05-01,F,030001,56,1,2025-04-01,2025-04-20,2,8,249,71536,,,,3,45,,,12\n";

        var judged = new JudgedAdmissions();

        var result = _file.CheckText(csv, judged);

        result.Errors.ShouldBeEmpty();
        var r3 = judged.All.Single(a => a.Verdict.RecordId == "R3").Verdict;
        r3.AcuteRecordId.ShouldBe("A1");
        r3.Checks.ShouldContain(c => c.Article == "art.3 c.4" && c.Inputs.Contains(new KeyValuePair<string, string>("earlier_rehab_record_id", "R2")));
        r3.Article.ShouldStartWith("art.4");
        judged.All.Single(a => a.Verdict.RecordId == "R2").Verdict.Checks.ShouldNotContain(c => c.Article == "art.3 c.4");
    }
}
