using Territorio.CareManagement.Application.Common;
using Territorio.Fhir.Care;
using Territorio.Fhir.Messaging.PicMmg;
using Territorio.Flows.Reference;

namespace Territorio.Fhir.Tests;

/// <summary>FHIR reads the care catalogues the user imported into the data directory, as the screens and the CLI do.</summary>
public sealed class FhirRuntimeCatalogueTests : IDisposable
{
    private const string RegionalCode = "99.99.9";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("territorio-fhir-catalogues-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>The shipped nomenclator plus one regional code: what a region's catalogue import looks like.</summary>
    private string ImportRegionalNomenclator(ReferenceData reference)
    {
        string file = Path.Combine(_dataDirectory, "catalogo_regionale.csv");
        var shipped = File.ReadAllLines(reference.PathOf("care", CareCatalogues.NomenclatorFile));
        File.WriteAllLines(file, [.. shipped, $"{RegionalCode},VISITA REGIONALE DI PROVA"]);
        var imported = CareCatalogueImport.ImportNomenclator(reference, _dataDirectory, file);
        imported.Rejected.ShouldBeEmpty();
        return file;
    }

    [Fact]
    public void ImportedNomenclator_IsTheOneFhirCodesWith()
    {
        var reference = ReferenceData.Default();
        ImportRegionalNomenclator(reference);

        var runtime = new FhirRuntime(reference, new PicMmgOptions(), TimeProvider.System, _dataDirectory);

        runtime.Catalogues.Vocabulary.Services.ContainsKey(RegionalCode).ShouldBeTrue();
        runtime.Catalogues.NomenclatorSource.ShouldContain("catalogo regionale importato");
    }

    [Fact]
    public void WithoutAnImport_FhirCodesWithTheShippedNomenclator()
    {
        var runtime = new FhirRuntime(ReferenceData.Default(), new PicMmgOptions(), TimeProvider.System, _dataDirectory);

        runtime.Catalogues.Vocabulary.Services.ContainsKey(RegionalCode).ShouldBeFalse();
        runtime.Catalogues.NomenclatorSource.ShouldContain("nomenclatore nazionale");
    }

    [Fact]
    public void HostsCatalogues_AreTheSameInstanceFhirUses()
    {
        var reference = ReferenceData.Default();
        ImportRegionalNomenclator(reference);
        var hosts = CareCatalogues.Load(reference, _dataDirectory);

        var runtime = new FhirRuntime(reference, new PicMmgOptions(), TimeProvider.System, () => hosts);

        runtime.Catalogues.ShouldBeSameAs(hosts);
    }
}
