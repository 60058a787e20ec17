using Territorio.CareManagement.Application.Common;

namespace Territorio.Cli.Tests;

/// <summary><c>territorio pai templates-import</c> and <c>nomenclator-import</c>: all or nothing, every rejected row named.</summary>
public sealed class CatalogueImportCommandsTests : IDisposable
{
    private const string Header = "pathology,kind,code,per_year_l1,per_year_l2,per_year_l3,from_month,to_month,rationale";
    private readonly string _folder = Directory.CreateTempSubdirectory("territorio-cli-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Dictionary<string, string?> Settings => new() { ["Database:DataDirectory"] = _folder };

    [Fact]
    public async Task TemplatesImport_BadRows_ExitsWithBadData_NamesEachRow_InstallsNothing()
    {
        string file = Write("modelli.csv", Header, "60,Service,90.42.1,3,2,1,1,12,TSH", "60,Service,99.99.99,1,1,1,1,12,inesistente", "61,Drug,L01,1,1,1,1,12,ATC troppo corto");

        var result = await CliRunner.RunAsync(Settings, "pai", "templates-import", "--file", file, "--versione", "DGR-2027");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("riga 3, campo code '99.99.99': il codice 99.99.99 non è nel vocabolario nomenclatore delle prestazioni");
        result.Error.ShouldContain("riga 4, campo code 'L01'");
        result.Error.ShouldContain("importazione annullata: 2 righe scartate, nessun file cambiato");
        File.Exists(CareCatalogues.ImportedPath(_folder, CareCatalogues.TemplatesFile)).ShouldBeFalse();
    }

    [Fact]
    public async Task TemplatesImport_ValidFile_IsInstalled_AndSaysWhatIsNotCovered()
    {
        string file = Write("modelli.csv", Header, "60,Service,90.42.1,3,2,1,1,12,TSH (DGR)");

        var result = await CliRunner.RunAsync(Settings, "pai", "templates-import", "--file", file, "--versione", "DGR-2027");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("1 righe di modelli importate");
        result.Output.ShouldContain("patologie e livelli senza modello (192)");
        File.ReadAllText(CareCatalogues.ImportedPath(_folder, CareCatalogues.TemplatesFile)).ShouldContain("# version: DGR-2027");
    }

    [Fact]
    public async Task NomenclatorImport_CatalogueWithoutTheTemplatesCodes_IsRefused()
    {
        string file = Write("catalogo.csv", "code,description", "90.42.1,TIREOTROPINA (TSH)");

        var result = await CliRunner.RunAsync(Settings, "pai", "nomenclator-import", "--file", file);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("'89.01.3': usato dai modelli di PAI in vigore ma assente dal catalogo");
    }

    private string Write(string name, params string[] lines)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
