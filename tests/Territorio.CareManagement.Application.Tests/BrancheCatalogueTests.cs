using Territorio.CareManagement.Application.Common;
using Territorio.Flows.Reference;

namespace Territorio.CareManagement.Application.Tests;

/// <summary>The shipped provisional table of services by branca specialistica and the importer of the region's.</summary>
public sealed class BrancheCatalogueTests : IDisposable
{
    private static readonly Lazy<CareCatalogues> Shipped = new(() => CareCatalogues.Load(ReferenceData.Default()));
    private readonly string _folder = Directory.CreateTempSubdirectory("territorio-branche-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ShippedTable_MapsEveryServiceOfThePaiTemplates_AndSoOfTheDemo()
    {
        var catalogues = Shipped.Value;

        var unmapped = catalogues.Templates.ServiceCodes.Where(c => catalogues.Branche.Of(c).Count == 0).ToList();

        unmapped.ShouldBeEmpty();
        catalogues.Templates.ServiceCodes.Count.ShouldBeGreaterThan(80);
    }

    [Fact]
    public void ShippedTable_MapsEveryNationalNomenclatorCode_AndIsProvisional()
    {
        var catalogues = Shipped.Value;

        catalogues.Vocabulary.Services.Keys.Where(c => catalogues.Branche.Of(c).Count == 0).ShouldBeEmpty();
        catalogues.Branche.ShouldSatisfyAllConditions(b => b.Provisional.ShouldBeTrue(), b => b.Version.ShouldBe("provvisorio-2026-12"), b => b.All.Count.ShouldBe(26));
    }

    [Theory]
    [InlineData("88.72.2", "Cardiologia")]
    [InlineData("88.74.1", "Radiologia diagnostica")]
    [InlineData("90.28.1", "Laboratorio analisi")]
    [InlineData("91.19.4", "Laboratorio analisi")]
    [InlineData("95.02", "Oculistica")]
    [InlineData("89.01.3", "Cardiologia")]
    [InlineData("89.7B.3", "Medicina fisica e riabilitazione")]
    [InlineData("89.44.2", "Pneumologia")]
    public void ShippedTable_MostSpecificEntryWins(string service, string branca) =>
        Shipped.Value.Branche.Of(service).Select(b => b.Name).ShouldBe([branca]);

    [Fact]
    public void ShippedTable_GenericVisit_BelongsToEveryClinicalBranca_NotToTheLaboratory()
    {
        var branche = Shipped.Value.Branche;

        branche.Allows(["02"], "89.7").ShouldBeTrue();
        branche.Allows(["16"], "89.01").ShouldBeTrue();
        branche.Allows(["11"], "89.7").ShouldBeFalse();
        branche.ServiceLabel("88.72.2").ShouldBe("88.72.2 ECO(COLOR)DOPPLERGRAFIA CARDIACA A riposo");
    }

    [Fact]
    public void ReadBrancheMap_ReportsEveryRejectedRow_WithLineFieldAndReason()
    {
        string file = Write("branche.csv",
            CatalogueFiles.BrancheMapColumns,
            "# provisional: true",
            "90,11,laboratorio",
            "88.72,02|99,branca inesistente",
            "88 72,02,spazi",
            "90,11,ripetuto",
            "95,,senza branca",
            "95.02,16,");

        var read = CatalogueFiles.ReadBrancheMap(file, [.. Shipped.Value.Branche.All], Shipped.Value.Vocabulary.Services);

        read.Errors.Select(e => (e.Line, e.Field)).ShouldBe([(4L, "branche"), (5L, "code"), (6L, "code"), (7L, "branche"), (8L, "rationale")]);
        read.Errors[0].ToString().ShouldContain("branca 99 sconosciuta");
        read.Errors[0].File.ShouldBe(file);
    }

    [Fact]
    public void ImportBranche_RegionalTable_IsInstalled_AndReadInPlaceOfTheProvisionalOne()
    {
        var shipped = File.ReadAllLines(ReferenceData.Default().PathOf("care", CareCatalogues.BrancheMapFile))
            .Where(l => !l.StartsWith('#')).Select(l => string.Join(',', l.Split(',').Take(2)));
        string file = Write("branche-regione.csv", [.. shipped, "88.72.2,02|08"]);

        var result = CareCatalogueImport.ImportBranche(ReferenceData.Default(), _folder, file, "DGR-XI-2027", provisional: false);

        result.ShouldSatisfyAllConditions(r => r.Rejected.ShouldBeEmpty(), r => r.InstalledAt.ShouldNotBeNull());
        var loaded = CareCatalogues.Load(ReferenceData.Default(), _folder);
        loaded.Branche.ShouldSatisfyAllConditions(b => b.Provisional.ShouldBeFalse(), b => b.Version.ShouldBe("DGR-XI-2027"));
        loaded.Branche.Of("88.72.2").Select(b => b.Code).ShouldBe(["02", "08"]);
    }

    [Fact]
    public void ImportBranche_TableLeavingATemplateServiceWithoutBranca_IsRefused_AndInstallsNothing()
    {
        string file = Write("branche-regione.csv", "code,branche", "90,11");

        var result = CareCatalogueImport.ImportBranche(ReferenceData.Default(), _folder, file, "DGR-XI-2027", provisional: false);

        result.InstalledAt.ShouldBeNull();
        result.Rejected.ShouldContain(e => e.Value == "88.72.2" && e.Reason.Contains("usato dai modelli di PAI in vigore ma senza branca"));
        File.Exists(CareCatalogues.ImportedPath(_folder, CareCatalogues.BrancheMapFile)).ShouldBeFalse();
    }

    [Fact]
    public void ImportBranche_BadBranca_IsReportedWithFileLineAndField()
    {
        string file = Write("branche-regione.csv", "code,branche", "90,11", "88,LAB");

        var result = CareCatalogueImport.ImportBranche(ReferenceData.Default(), _folder, file, "DGR-XI-2027", provisional: false);

        result.InstalledAt.ShouldBeNull();
        result.Rejected.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.File.ShouldBe(file), e => e.Line.ShouldBe(3), e => e.Field.ShouldBe("branche"), e => e.Reason.ShouldContain("branca LAB sconosciuta"));
    }

    private string Write(string name, params string[] lines)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
