using Territorio.Kernel.Codes;

namespace Territorio.Kernel.Tests;

public class Icd9CmCodeTests
{
    [Theory]
    [InlineData("4280", "428.0")]
    [InlineData("428.0", "428.0")]
    [InlineData("42800", "428.00")]
    [InlineData("v451", "V45.1")]
    [InlineData("E8809", "E880.9")]
    [InlineData("401", "401")]
    public void Diagnosis_WithOrWithoutDot_IsCanonicalised(string input, string expected) =>
        Icd9CmCode.ParseDiagnosis(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("9311", "93.11")]
    [InlineData("93.11", "93.11")]
    [InlineData("00", "00")]
    public void Procedure_WithOrWithoutDot_IsCanonicalised(string input, string expected) =>
        Icd9CmCode.ParseProcedure(input).Value.ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("428000")]
    [InlineData("X12")]
    [InlineData("4a8")]
    public void Diagnosis_WithBadShape_IsRefused(string input) =>
        Icd9CmCode.TryParse(input, Icd9CmKind.Diagnosis, out _).ShouldBeFalse();

    [Fact]
    public void Catalogue_ReadsShippedLayout_AndFindsCodesGivenWithoutDot()
    {
        const string csv = "code,descrizione_it,is_leaf\n428,INSUFFICIENZA CARDIACA,0\n428.0,\"INSUFFICIENZA CARDIACA CONGESTIZIA, NAS\",1\n";
        var entries = Icd9CmCatalogue.ReadList(new StringReader(csv), Icd9CmKind.Diagnosis, "diagnosi.csv").ToList();
        var catalogue = new Icd9CmCatalogue(entries, []);

        catalogue.Find(Icd9CmCode.ParseDiagnosis("4280"))!.Description.ShouldBe("INSUFFICIENZA CARDIACA CONGESTIZIA, NAS");
        catalogue.Contains(Icd9CmCode.ParseDiagnosis("4281")).ShouldBeFalse();
    }

    [Fact]
    public void Catalogue_BadCodeInList_NamesFileAndLine()
    {
        const string csv = "code,descrizione_it,is_leaf\n428,X,0\nZZZ,Y,1\n";
        var ex = Should.Throw<InvalidDataException>(() =>
            Icd9CmCatalogue.ReadList(new StringReader(csv), Icd9CmKind.Diagnosis, "diagnosi.csv").ToList());
        ex.Message.ShouldContain("diagnosi.csv: riga 3");
    }
}
