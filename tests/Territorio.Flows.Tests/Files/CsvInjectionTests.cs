using Territorio.Flows.Files;
using Territorio.Flows.Remuneration;

namespace Territorio.Flows.Tests.Files;

public sealed class CsvInjectionTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+39 02", "'+39 02")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("SDO-1", "SDO-1")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    public void TextCell_StartingLikeAFormula_GetsAnApostrophe(string value, string expected) =>
        CsvCells.Text(value).ShouldBe(expected);

    [Fact]
    public void RemunerationCsv_NeutralisesText_ButKeepsTheSignOfNumbers()
    {
        var table = new ExportTable("t", ["gestore", "importo"], [["=cmd|' /C calc'!A0", -12.5m]]);
        using var text = new StringWriter();

        RemunerationExport.WriteCsv(table, text);

        text.ToString().ShouldBe("gestore,importo\n'=cmd|' /C calc'!A0,-12.50\n");
    }

    [Fact]
    public void RemunerationXlsx_NeutralisesTextCells()
    {
        var table = new ExportTable("t", ["gestore"], [["@evil"]]);
        using var xlsx = new MemoryStream();

        RemunerationExport.WriteXlsx([table], xlsx);

        xlsx.Position = 0;
        var rows = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows[0]["gestore"].ShouldBe("'@evil");
    }
}
