using System.Globalization;
using System.Text;
using Territorio.Flows.Reference;
using Territorio.Synthetic;

namespace Territorio.Rehab.Batch.Tests;

/// <summary><c>check --layout</c>: a region's own SDO file gives the verdicts of the same stays in Territorio's columns (issue 19 part 4).</summary>
public sealed class LayoutCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-rehab-layout-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task Check_RegionalFileWithItsLayout_GivesTheVerdictsOfTheCanonicalFile_ByteForByte()
    {
        using (var writer = new StreamWriter(PathOf("sdo.csv")))
        {
            SdoGenerator.Write(writer, acute: 3_000, rehab: 300, seed: 11);
        }

        File.WriteAllText(PathOf("sdo-regione.csv"), Regional(File.ReadAllLines(PathOf("sdo.csv"))), new UTF8Encoding(false));
        string layout = ReferenceData.Default().PathOf("sdo", "layouts", "esempio-regionale.json");

        int canonical = await BatchApp.RunAsync(["check", "--sdo", PathOf("sdo.csv"), "--out", PathOf("c.csv"), "--json", PathOf("c.jsonl")], ReferenceData.Default(), TextWriter.Null, TextWriter.Null);
        var error = new StringWriter();
        int regional = await BatchApp.RunAsync(["check", "--sdo", PathOf("sdo-regione.csv"), "--layout", layout, "--out", PathOf("r.csv"), "--json", PathOf("r.jsonl")], ReferenceData.Default(), TextWriter.Null, error);

        regional.ShouldBe(canonical, error.ToString());
        File.ReadAllBytes(PathOf("r.csv")).ShouldBe(File.ReadAllBytes(PathOf("c.csv")));
        File.ReadAllBytes(PathOf("r.jsonl")).ShouldBe(File.ReadAllBytes(PathOf("c.jsonl")), "same source lines too");
        Directory.GetFiles(_dir).Length.ShouldBe(6, "the rewritten file is removed");
    }

    [Fact]
    public async Task Check_RegionalFileWithABadDate_ErrorsFileNamesTheSourceLineAndColumn_ExitCode1()
    {
        string[] lines =
        [
            BatchAppTests.Header,
            "A1,P1,1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,",
            "R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15",
        ];
        string regional = Regional(lines).Replace("20250615", "2025-06-15", StringComparison.Ordinal);
        File.WriteAllText(PathOf("sdo-regione.csv"), regional);
        string layout = ReferenceData.Default().PathOf("sdo", "layouts", "esempio-regionale.json");

        int exit = await BatchApp.RunAsync(["check", "--sdo", PathOf("sdo-regione.csv"), "--layout", layout, "--out", PathOf("v.csv"), "--errors", PathOf("e.csv")], ReferenceData.Default(), TextWriter.Null, TextWriter.Null);

        exit.ShouldBe(1);
        File.ReadAllLines(PathOf("e.csv"))[1].ShouldStartWith("sdo-regione.csv,3,admission_date (DATA_RICOVERO),2025-06-15,\"data non valida");
    }

    [Fact]
    public async Task Check_AcuteRowWithABadBirthDate_StillLinks_TheRehabStayIsPostAcute_AndTheErrorsFileSaysSo()
    {
        string[] lines =
        [
            BatchAppTests.Header,
            "A1,P1,1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,1,014,434.91,401.9,,,,,,,",
            "R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15",
            "R2,P2,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15",
        ];
        // A1 (acute) and R2 (rehab) are born on a day that does not exist; the birth date is no linkage field.
        var rows = Regional(lines).Split('\n');
        rows[1] = rows[1].Replace(";19500101;", ";19500231;", StringComparison.Ordinal);
        rows[3] = rows[3].Replace(";19500101;", ";19500231;", StringComparison.Ordinal);
        File.WriteAllText(PathOf("sdo-regione.csv"), string.Join('\n', rows));
        string layout = ReferenceData.Default().PathOf("sdo", "layouts", "esempio-regionale.json");

        int exit = await BatchApp.RunAsync(["check", "--sdo", PathOf("sdo-regione.csv"), "--layout", layout, "--out", PathOf("v.csv"), "--errors", PathOf("e.csv")], ReferenceData.Default(), TextWriter.Null, TextWriter.Null);

        exit.ShouldBe(1);
        var verdicts = File.ReadAllLines(PathOf("v.csv"));
        verdicts.Length.ShouldBe(2, "the rehab row with the bad birth date is refused");
        verdicts[1].ShouldStartWith("R1,appropriate,true,A1,10,art.3 c.1 lett.b,56a,");
        var errors = File.ReadAllLines(PathOf("e.csv"));
        errors.Length.ShouldBe(3);
        errors[1].ShouldStartWith("sdo-regione.csv,2,birth_date (DATA_NASCITA),19500231,");
        errors[1].ShouldContain("usata comunque per il collegamento");
        errors[2].ShouldStartWith("sdo-regione.csv,4,birth_date (DATA_NASCITA),19500231,");
        errors[2].ShouldNotContain("collegamento");
    }

    [Fact]
    public async Task Check_LinkedAcuteRowWithABadMdc_IsReportedAlikeWithAndWithoutTheLayout_AndStillLinks()
    {
        string[] lines =
        [
            BatchAppTests.Header,
            "A1,P1,1950-01-01,F,030100,32,1,2025-05-20,2025-06-05,8,XX,014,434.91,401.9,,,,,,,",
            "R1,P1,1950-01-01,F,030400,56,1,2025-06-15,2025-07-05,2,1,012,43811,4280|4019,9671,,2,30,,,15",
        ];
        File.WriteAllLines(PathOf("sdo.csv"), lines);
        File.WriteAllText(PathOf("sdo-regione.csv"), Regional(lines));
        string layout = ReferenceData.Default().PathOf("sdo", "layouts", "esempio-regionale.json");

        var summary = new StringWriter();
        int canonical = await BatchApp.RunAsync(["check", "--sdo", PathOf("sdo.csv"), "--out", PathOf("c.csv"), "--errors", PathOf("ce.csv")], ReferenceData.Default(), TextWriter.Null, summary);
        int regional = await BatchApp.RunAsync(["check", "--sdo", PathOf("sdo-regione.csv"), "--layout", layout, "--out", PathOf("r.csv"), "--errors", PathOf("re.csv")], ReferenceData.Default(), TextWriter.Null, TextWriter.Null);

        (canonical, regional).ShouldBe((1, 1));
        File.ReadAllLines(PathOf("c.csv"))[1].ShouldStartWith("R1,appropriate,true,A1,10,art.3 c.1 lett.b,56a,");
        File.ReadAllBytes(PathOf("r.csv")).ShouldBe(File.ReadAllBytes(PathOf("c.csv")));
        string canonicalError = File.ReadAllLines(PathOf("ce.csv")).Skip(1).ShouldHaveSingleItem();
        string regionalError = File.ReadAllLines(PathOf("re.csv")).Skip(1).ShouldHaveSingleItem();
        canonicalError.ShouldStartWith("sdo.csv,2,mdc,XX,\"numero non valido");
        canonicalError.ShouldContain("usata comunque per il collegamento");
        summary.ToString().ShouldContain("righe con errori: 1 (scartate 0; di ricoveri per acuti usate comunque per il collegamento 1)");
        regionalError.ShouldBe(canonicalError.Replace("sdo.csv,2,mdc,", "sdo-regione.csv,2,mdc (MDC),", StringComparison.Ordinal));
    }

    /// <summary>Territorio's rows as a region exports them: ';', yyyyMMdd, four-character wards, one column per code.</summary>
    private static string Regional(IEnumerable<string> canonical)
    {
        var text = new StringBuilder();
        text.Append("ID_SDO;ID_ASSISTITO;DATA_NASCITA;SESSO;COD_STRUTTURA;REPARTO_AMMISSIONE;REGIME_RICOVERO;DATA_RICOVERO;DATA_DIMISSIONE;MODALITA_DIMISSIONE;MDC;DRG;DIAG_PRINC;")
            .Append(string.Join(';', Enumerable.Range(1, 24).Select(i => $"DIAG_SEC_{i}"))).Append(";INT_PRINC;")
            .Append(string.Join(';', Enumerable.Range(1, 5).Select(i => $"INT_SEC_{i}"))).Append(";REPARTO_PROVENIENZA;RANKIN;BARTHEL;BARTHEL_DISPNEA;TEST_6MW;RCS\n");
        foreach (string line in canonical.Skip(1))
        {
            string[] f = line.Split(',');
            string[] secondary = [.. Pad(f[13], 24)];
            string[] procedures = [.. Pad(f[14], 6)];
            string[] row =
            [
                f[0], f[1], Compact(f[2]), f[3], f[4], f[5] + "01", f[6], Compact(f[7]), Compact(f[8]), f[9], f[10], f[11], f[12],
                .. secondary, .. procedures, f[15].Length > 0 ? f[15] + "02" : "", f[16], f[17], f[18], f[19], f[20],
            ];
            text.Append(string.Join(';', row)).Append('\n');
        }

        return text.ToString();

        static string Compact(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        static IEnumerable<string> Pad(string codes, int columns)
        {
            string[] parts = codes.Length == 0 ? [] : codes.Split('|');
            return parts.Concat(Enumerable.Repeat("", columns - parts.Length));
        }
    }
}
