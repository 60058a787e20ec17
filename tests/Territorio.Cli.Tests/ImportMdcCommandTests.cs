using Territorio.Flows.Reference;
using Territorio.Kernel.Codes;

namespace Territorio.Cli.Tests;

/// <summary><c>territorio rehab import-mdc</c>: the grouper's official diagnosis table in place of the provisional one.</summary>
public sealed class ImportMdcCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("territorio-import-mdc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static Icd9CmCode Dx(string code) => Icd9CmCode.ParseDiagnosis(code);

    [Fact]
    public async Task OfficialTable_ByCode_BecomesCategoryRanges_ThatTheCheckReads()
    {
        File.WriteAllText(PathOf("grouper.csv"), """
            DIAGNOSI;DESCRIZIONE;MDC
            820.00;Frattura del collo del femore;08
            82001;Frattura del collo del femore;8
            821.0;Frattura del femore, altre parti;8
            434.91;Occlusione arteria cerebrale;1
            996.40;Complicazione meccanica di protesi articolare;8
            996.01;Complicazione meccanica di pacemaker;5
            996.02;Complicazione meccanica di valvola;5
            V54.13;Follow-up frattura anca;8
            """);

        var result = await CliRunner.RunAsync("rehab", "import-mdc", "--file", PathOf("grouper.csv"), "--version", "CMS-DRG v24 (prova)", "--date", "2026-03-01", "--out", PathOf("diagnosis_mdc.csv"));

        result.ExitCode.ShouldBe(0, result.Error);
        result.Output.ShouldContain("tabella diagnosi → MDC: 5 categorie");
        var table = DiagnosisMdcTable.Load(PathOf("diagnosis_mdc.csv"));
        table.IsProvisional.ShouldBeFalse();
        table.Description.ShouldBe("diagnosis_mdc.csv, ufficiale, CMS-DRG v24 (prova) del 01/03/2026");
        table.MdcOf(Dx("82000")).ShouldBe(8);
        table.MdcOf(Dx("8210")).ShouldBe(8);
        table.MdcOf(Dx("43491")).ShouldBe(1);
        table.MdcOf(Dx("V5413")).ShouldBe(8);
        table.MdcOf(Dx("99640")).ShouldBe(5, "a split category takes the MDC of most of its codes");
        table.MdcOf(Dx("4019")).ShouldBeNull("a category the official table leaves out stays without MDC");

        var lines = File.ReadAllLines(PathOf("diagnosis_mdc.csv"));
        lines.ShouldContain("820,821,8,official,\"tabella ufficiale del grouper CMS-DRG v24 (prova) del 01/03/2026 (grouper.csv): 3 codici, tutti in MDC 8\",\"CMS-DRG v24 (prova)\",2026-03-01");
        lines.ShouldContain(l => l.StartsWith("996,996,5,official,", StringComparison.Ordinal) && l.Contains("categoria divisa dal grouper: 2 codici su 3 in MDC 5 (1 in MDC 8)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadRows_AreNamedWithLineAndColumn_AndSkipped_ExitCode1()
    {
        File.WriteAllText(PathOf("grouper.csv"), """
            codice,mdc
            820.00,8
            ABC,8
            43491,26
            82000,8
            """);

        var result = await CliRunner.RunAsync("rehab", "import-mdc", "--file", PathOf("grouper.csv"), "--version", "v24", "--date", "2026-03-01", "--out", PathOf("t.csv"));

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("grouper.csv: riga 3: colonna codice: 'ABC': codice di diagnosi ICD-9-CM non valido");
        result.Error.ShouldContain("grouper.csv: riga 4: colonna mdc: '26': MDC non valida (attesa tra 1 e 25)");
        result.Error.ShouldContain("grouper.csv: riga 5: colonna codice: '82000': codice ripetuto");
        result.Output.ShouldContain("1 categorie");
        DiagnosisMdcTable.Load(PathOf("t.csv")).MdcOf(Dx("82000")).ShouldBe(8);
    }

    [Fact]
    public async Task MissingMdcColumn_IsRefused_NothingWritten()
    {
        File.WriteAllText(PathOf("grouper.csv"), "diagnosi;drg\n82000;210\n");

        var result = await CliRunner.RunAsync("rehab", "import-mdc", "--file", PathOf("grouper.csv"), "--version", "v24", "--date", "2026-03-01", "--out", PathOf("t.csv"));

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("colonna mancante nell'intestazione (attesa una di: mdc, cod_mdc, codice_mdc)");
        File.Exists(PathOf("t.csv")).ShouldBeFalse();
    }
}
