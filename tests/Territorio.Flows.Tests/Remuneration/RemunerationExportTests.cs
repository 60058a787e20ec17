using PdfSharp.Pdf.IO;
using Territorio.Flows.Printing;
using Territorio.Flows.Reference;
using Territorio.Flows.Remuneration;
using Territorio.Kernel.Errors;
using Territorio.Remuneration.Yearly;

namespace Territorio.Flows.Tests.Remuneration;

public sealed class RemunerationExportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("territorio-export-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name, string text)
    {
        string path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task PactsCsv_EveryBadRowIsReportedWithLineAndField()
    {
        string path = File("pacts.csv", """
            pact_id,patient_id,gestore_id,ats_id,mmg_id,mmg_role,start,end,pathology,level,death_date,pai_mmg
            P1,A,G1,321,M1,membro_gestore,2023-01-01,,56,3,,
            P2,B,G1,321,M1,capo,2023-13-01,,56,x,,
            P3,C,G1,321,,collaboratore,2023-01-01,,56,2,,1
            """);

        var ex = await Should.ThrowAsync<InputDataException>(() => new PactPeriodCsv(path).ReadAllAsync(TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("riga 3: campo start: '2023-13-01'");
        ex.Message.ShouldContain("riga 3: campo level: 'x'");
        ex.Message.ShouldContain("riga 3: campo mmg_role: 'capo'");
        ex.Message.ShouldContain("riga 4: campo mmg_id");
    }

    [Fact]
    public async Task PactsCsv_ReadsTheYearAndAts()
    {
        string path = File("pacts.csv", """
            pact_id,patient_id,gestore_id,ats_id,mmg_id,mmg_role,start,end,pathology,level,death_date,pai_mmg
            P1,A,G1,321,M1,membro_gestore,2023-01-01,,56,3,,
            P2,B,G1,322,M2,collaboratore,2023-01-01,,56,2,2023-05-01,2
            P3,C,G1,321,,,2021-01-01,2022-12-31,56,2,,
            """);

        var periods = await new PactPeriodCsv(path).ReadYearAsync(2023, "321", TestContext.Current.CancellationToken);

        var period = periods.ShouldHaveSingleItem();
        period.ShouldBe(new PactPeriod("P1", "A", "G1", "321", "M1", MmgRole.GestoreMember, new DateOnly(2023, 1, 1), null, 56, 3));
    }

    [Fact]
    public void GestoreStatementPdf_IsAReadablePdfWithOnePagePerFiftyOddLines()
    {
        var catalogue = TariffCatalogueJson.Read(ReferenceData.Default().PathOf("remuneration", "tariffe.json"), ChronicPathologies.Load(ReferenceData.Default()).Codes);
        var periods = Enumerable.Range(0, 150).Select(i =>
            new PactPeriod($"P{i}", $"PAZ{i:D5}", "COOP", "321", "M1", MmgRole.GestoreMember, new DateOnly(2023, 1 + (i % 12), 1), null, i % 2 == 0 ? 56 : 20, 1 + (i % 3)));
        var result = RemunerationEngine.Run(periods, catalogue, 2023);
        PdfLicense.TryApply(PdfLicense.Agpl).ShouldBeTrue();
        string path = Path.Combine(_directory, "estratto.pdf");

        GestoreStatementPdf.Write(result.Gestori.Single(), result, path);

        using var document = PdfReader.Open(path, PdfDocumentOpenMode.Import);
        document.PageCount.ShouldBeInRange(3, 5);
        document.Info.Title.ShouldContain("COOP");
    }

    [Fact]
    public void CsvExport_QuotesFieldsWithCommas()
    {
        RemunerationExport.Quoted("a,b").ShouldBe("\"a,b\"");
        RemunerationExport.Quoted("a\"b").ShouldBe("\"a\"\"b\"");
        RemunerationExport.Quoted("ab").ShouldBe("ab");
    }
}
