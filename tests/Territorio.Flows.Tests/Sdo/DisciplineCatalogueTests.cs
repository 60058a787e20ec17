using Territorio.Flows.Reference;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests.Sdo;

/// <summary>The Ministry's discipline list, so that people read "32 Neurologia", not "32".</summary>
public class DisciplineCatalogueTests
{
    private static readonly DisciplineCatalogue Shipped = ReferenceData.Default().Disciplines;

    [Theory]
    [InlineData(32, "32 Neurologia")]
    [InlineData(8, "08 Cardiologia")]
    [InlineData(56, "56 Recupero e riabilitazione funzionale")]
    [InlineData(28, "28 Unità spinale")]
    [InlineData(75, "75 Neuro-riabilitazione")]
    public void ShippedList_LabelsADisciplineWithItsName(int code, string label) => Shipped.Label(code).ShouldBe(label);

    [Fact]
    public void UnknownCode_IsShownAsItIs_NeverHidden()
    {
        Shipped.NameOf(4).ShouldBeNull();
        Shipped.Label(4).ShouldBe("04");
        Shipped.Label("32").ShouldBe("32 Neurologia");
        Shipped.Label("chirurgia").ShouldBe("chirurgia");
    }

    [Theory]
    [InlineData("codice,nome\nxx,Neurologia\n", 2, "codice")]
    [InlineData("codice,nome\n32,\n", 2, "nome")]
    [InlineData("codice,nome\n32,Neurologia\n32,Neurologia\n", 3, "codice")]
    [InlineData("codice\n32\n", 1, "nome")]
    public void BadList_IsRefusedNamingLineAndField(string content, long line, string field)
    {
        string path = Path.Combine(Path.GetTempPath(), $"discipline-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        try
        {
            var error = Should.Throw<InputDataException>(() => DisciplineCatalogue.Load(path)).Error!;
            error.Line.ShouldBe(line);
            error.Field.ShouldBe(field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
