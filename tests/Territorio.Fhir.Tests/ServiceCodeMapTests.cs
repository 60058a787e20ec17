using Territorio.Fhir.Conformance;
using Territorio.Flows.Reference;
using Territorio.Kernel.Errors;

namespace Territorio.Fhir.Tests;

public class ServiceCodeMapTests
{
    // Codes whose derived SISS code collides with another's: left unmapped (decision 0135).
    private static readonly string[] AmbiguousCodes = ["06.01.1", "08.43", "09.43", "60.11", "84.3", "94.3"];

    [Fact]
    public void ShippedMap_GivesEveryServiceOfThePaiNomenclatorAProvisionalSissCode()
    {
        var nomenclator = File.ReadLines(ReferenceData.Default().PathOf("care", "nomenclatore_prestazioni.csv")).Skip(1).Select(l => l.Split(',')[0]).ToList();
        var templateServices = File.ReadLines(ReferenceData.Default().PathOf("care", "pai_templates.csv"))
            .Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split(',')).Where(f => f[1] == "Service").Select(f => f[2]).Distinct().ToList();

        nomenclator.Except(AmbiguousCodes).ShouldAllBe(code => Regional.ServiceCodes.Find(code) != null && Regional.ServiceCodes.Find(code)!.Provisional);
        templateServices.ShouldNotBeEmpty();
        templateServices.ShouldAllBe(code => Regional.ServiceCodes.Find(code) != null, "every service a PAI template names reaches FHIR with a SISS code");
        Regional.ServiceCodes.Find("89.52").ShouldBe(new SissService("0008952", "ELETTROCARDIOGRAMMA", Provisional: true));
        Regional.ServiceCodes.Count.ShouldBeGreaterThan(2100);
    }

    [Fact]
    public void ShippedMap_LeavesOutCodesWhoseDerivationIsAmbiguous()
    {
        // 06.01.1 and 60.11 both give 0006011: neither gets a SISS code.
        Regional.ServiceCodes.Find("06.01.1").ShouldBeNull();
        Regional.ServiceCodes.Find("60.11").ShouldBeNull();
    }

    [Fact]
    public void ImportOfficial_WritesTheRegionsCodesAsOfficial()
    {
        using var folder = new TemporaryFolder();
        string catalogue = folder.Write("catalogo.csv", "codice_siss,descrizione,codice_nazionale\nA001,\"ECG, a riposo\",89.52\nR900,Prestazione solo regionale,\n");
        string map = folder.Write(ServiceCodeMap.FileName, "provvisoria\n");

        int count = ServiceCodeMap.ImportOfficial(catalogue, map);

        count.ShouldBe(1);
        var imported = ServiceCodeMap.Load(map);
        imported.Find("89.52").ShouldBe(new SissService("A001", "ECG, a riposo", Provisional: false));
        imported.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("codice_siss,descrizione,codice_nazionale\nA001,ECG,89.52\nA002,ECG bis,89.52\n", 3, "codice_nazionale", "già mappato alla riga 2")]
    [InlineData("codice_siss,descrizione,codice_nazionale\nA-01,ECG,89.52\n", 2, "codice_siss", "alfanumerico")]
    [InlineData("codice,descrizione,codice_nazionale\nA001,ECG,89.52\n", 1, "codice_siss", "colonna mancante")]
    public void ImportOfficial_BadRow_NamesFileLineFieldAndReason_AndLeavesTheMapAsItWas(string content, long line, string field, string reason)
    {
        using var folder = new TemporaryFolder();
        string catalogue = folder.Write("catalogo.csv", content);
        string map = folder.Write(ServiceCodeMap.FileName, "provvisoria\n");

        var error = Should.Throw<InputDataException>(() => ServiceCodeMap.ImportOfficial(catalogue, map)).Error.ShouldNotBeNull();

        (error.File, error.Line, error.Field).ShouldBe((catalogue, line, field));
        error.Reason.ShouldContain(reason);
        File.ReadAllText(map).ShouldBe("provvisoria\n");
    }

    private sealed class TemporaryFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("territorio-siss-").FullName;

        public string Write(string name, string content)
        {
            string file = Path.Combine(_path, name);
            File.WriteAllText(file, content);
            return file;
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
