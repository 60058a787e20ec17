using Territorio.CareManagement.Application.Common;
using Territorio.CareManagement.Plans;
using Territorio.Flows.Reference;
using Territorio.Kernel.Errors;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>The shipped catalogues (national nomenclator, provisional templates) and the importers of the region's versions.</summary>
public sealed class CareCataloguesTests : IDisposable
{
    private static readonly Lazy<CareCatalogues> Shipped = new(() => CareCatalogues.Load(ReferenceData.Default()));
    private const string Header = "pathology,kind,code,per_year_l1,per_year_l2,per_year_l3,from_month,to_month,rationale";
    private readonly string _folder = Directory.CreateTempSubdirectory("territorio-catalogues-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AtsLabel_ShippedCode_GivesNameAndCode_UnknownCode_GivesTheCodeAlone()
    {
        var catalogues = Shipped.Value;

        catalogues.AtsNames.Count.ShouldBe(8);
        catalogues.AtsLabel("321").ShouldBe("ATS della Città Metropolitana di Milano (321)");
        catalogues.AtsLabel("999").ShouldBe("ATS 999");
    }

    [Fact]
    public void ShippedTemplates_CoverEvery65PathologiesAtLevels1To3_AllProvisional_WithAServiceEach()
    {
        var catalogues = Shipped.Value;

        catalogues.Pathologies.Count.ShouldBe(65);
        foreach (string pathology in catalogues.Pathologies.Keys)
        {
            for (int level = 1; level <= 3; level++)
            {
                catalogues.Templates.Has(pathology, level).ShouldBeTrue($"patologia {pathology} livello {level}");
                var template = catalogues.Templates.For(pathology, level);
                template.ShouldSatisfyAllConditions(t => t.Provisional.ShouldBeTrue(), t => t.Version.ShouldBe("provvisorio-2026-12"));
                template.Lines.ShouldContain(l => l.Kind == PaiItemKind.Service);
            }
        }
    }

    [Fact]
    public void ShippedTemplates_HaveDrugTherapyByAtcClass_NamedFromTheAtcList()
    {
        var catalogues = Shipped.Value;
        var hypothyroidism = catalogues.Templates.For("60", 3).Prefill(catalogues.Vocabulary);

        hypothyroidism.ShouldContain(i => i.Kind == PaiItemKind.Service && i.Code == "90.42.1");
        hypothyroidism.Single(i => i.Kind == PaiItemKind.Drug).ShouldSatisfyAllConditions(
            d => d.Code.ShouldBe("H03AA"),
            d => d.Description.ShouldBe("Ormoni tiroidei"),
            d => d.Pathologies.ShouldBe("60"));
        catalogues.Templates.All.Count(t => t.Lines.Any(l => l.Kind == PaiItemKind.Drug)).ShouldBeGreaterThan(150);
    }

    [Fact]
    public void ShippedNomenclator_IsTheNational2108Codes_TshAccepted()
    {
        var vocabulary = Shipped.Value.Vocabulary;

        vocabulary.Services.Count.ShouldBe(2108);
        vocabulary.Services["90.42.1"].ShouldStartWith("TIREOTROPINA (TSH)");
        Should.NotThrow(() => vocabulary.Check(PaiItem.Service("90.42.1", vocabulary.Services["90.42.1"], 2)));
        Shipped.Value.NomenclatorSource.ShouldContain("DPCM 12/1/2017");
    }

    [Theory]
    [InlineData("TSH", "90.42.1")]
    [InlineData("90.42", "90.42.1")]
    [InlineData("visita cardiologica controllo", "89.01.3")]
    public void SearchServices_ByCodePrefixOrEveryWord_FindsTheService(string query, string code)
    {
        Shipped.Value.SearchServices(query, 25).Select(s => s.Key).ShouldContain(code);
    }

    [Fact]
    public void ReadTemplates_ReportsEveryRejectedRow_WithLineFieldAndReason()
    {
        string file = Write("modelli.csv",
            Header,
            "60,Service,90.42.1,2,2,1,1,12,TSH",
            "99,Service,90.42.1,2,2,1,1,12,patologia inesistente",
            "60,Service,99.99.9,1,1,1,1,12,codice inesistente",
            "60,Service,90.42.3,60,1,1,1,12,troppe",
            "60,Drug,XYZ,1,1,1,1,12,ATC malformato",
            "60,Goal,05,1,1,1,1,12,",
            "60,Service,90.42.1,1,1,1,1,12,ripetuta");

        var read = CatalogueFiles.ReadTemplates(file, Shipped.Value.Vocabulary, Shipped.Value.Pathologies);

        read.Errors.Select(e => (e.Line, e.Field)).ShouldBe([(3L, "pathology"), (4L, "code"), (5L, "per_year_l1"), (6L, "code"), (7L, "rationale"), (8L, "code")]);
        read.Errors[1].Reason.ShouldContain("non è nel vocabolario nomenclatore delle prestazioni");
        read.Errors[2].Reason.ShouldContain("numero annuo 60 non valido (da 1 a 52)");
    }

    [Fact]
    public void ImportTemplates_ValidFile_ReplacesTheShippedOnes_AsOfficial()
    {
        string file = Write("modelli.csv", Header, "60,Service,90.42.1,3,2,1,1,12,TSH (DGR)", "60,Drug,H03AA,1,1,1,1,12,levotiroxina (DGR)");

        var result = CareCatalogueImport.ImportTemplates(ReferenceData.Default(), _folder, file, "DGR-2027", provisional: false);

        result.ShouldSatisfyAllConditions(r => r.Rejected.ShouldBeEmpty(), r => r.Accepted.ShouldBe(2), r => r.InstalledAt.ShouldNotBeNull());
        result.Notes.ShouldHaveSingleItem().ShouldContain("senza modello (192)");
        var loaded = CareCatalogues.Load(ReferenceData.Default(), _folder);
        var template = loaded.Templates.For("60", 1);
        template.ShouldSatisfyAllConditions(t => t.Provisional.ShouldBeFalse(), t => t.Version.ShouldBe("DGR-2027"));
        loaded.Templates.Has("56", 1).ShouldBeFalse();
        loaded.HasProvisionalItems(null).ShouldBeFalse();
        loaded.IsProvisional(template.Prefill(loaded.Vocabulary)[0]).ShouldBeFalse();
        loaded.IsProvisionalTemplate("provvisorio-2026-12").ShouldBeTrue();
    }

    [Fact]
    public void ImportTemplates_OneBadRow_InstallsNothing_AndReportsIt()
    {
        string file = Write("modelli.csv", Header, "60,Service,90.42.1,3,2,1,1,12,TSH", "60,Service,90.42.3,3,2,1,13,12,mese 13");

        var result = CareCatalogueImport.ImportTemplates(ReferenceData.Default(), _folder, file, "DGR-2027", provisional: false);

        result.InstalledAt.ShouldBeNull();
        result.Rejected.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Line.ShouldBe(3), e => e.Reason.ShouldContain("finestra mesi 13–12 non valida"));
        File.Exists(CareCatalogues.ImportedPath(_folder, CareCatalogues.TemplatesFile)).ShouldBeFalse();
        CareCatalogues.Load(ReferenceData.Default(), _folder).Templates.Has("56", 1).ShouldBeTrue();
    }

    [Fact]
    public void ImportNomenclator_RegionalCatalogue_LackingACodeTheTemplatesUse_IsRefused()
    {
        string file = Write("catalogo.csv", "code,description,branca", "90.42.1,TSH,laboratorio");

        var result = CareCatalogueImport.ImportNomenclator(ReferenceData.Default(), _folder, file);

        result.InstalledAt.ShouldBeNull();
        result.Rejected.ShouldContain(e => e.Value == "89.01.3" && e.Reason.Contains("usato dai modelli di PAI in vigore"));
    }

    [Fact]
    public void ImportNomenclator_BadRows_AreEachReported()
    {
        string file = Write("catalogo.csv", "code,description", "90.42.1,TSH", "90 42 1,spazi", "90.42.1,ripetuto", "90.27.1,");

        var read = CatalogueFiles.ReadNomenclator(file);

        read.Errors.Select(e => (e.Line, e.Field)).ShouldBe([(3L, "code"), (4L, "code"), (5L, "description")]);
        Should.Throw<InputDataException>(() => CatalogueFiles.Require(read)).Message.ShouldContain("codice ripetuto");
    }

    [Fact]
    public void ImportNomenclator_NationalPlusRegionalCodes_IsInstalledAndRead()
    {
        var national = File.ReadAllLines(ReferenceData.Default().PathOf("care", CareCatalogues.NomenclatorFile));
        string file = Write("catalogo.csv", [.. national, "90.42.R,TSH REGIONALE DI PROVA"]);

        var result = CareCatalogueImport.ImportNomenclator(ReferenceData.Default(), _folder, file);

        result.ShouldSatisfyAllConditions(r => r.Rejected.ShouldBeEmpty(), r => r.Accepted.ShouldBe(2109));
        var loaded = CareCatalogues.Load(ReferenceData.Default(), _folder);
        loaded.Vocabulary.Services["90.42.R"].ShouldBe("TSH REGIONALE DI PROVA");
        loaded.Vocabulary.Services["95.02"].ShouldBe(Shipped.Value.Vocabulary.Services["95.02"]);
        loaded.NomenclatorSource.ShouldContain("catalogo regionale importato");
    }

    private string Write(string name, params string[] lines)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
