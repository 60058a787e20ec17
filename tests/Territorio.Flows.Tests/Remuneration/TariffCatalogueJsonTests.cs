using Territorio.Flows.Reference;
using Territorio.Flows.Remuneration;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests.Remuneration;

public sealed class TariffCatalogueJsonTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("territorio-tariffs-").FullName;
    private static readonly ChronicPathologies Pathologies = ChronicPathologies.Load(ReferenceData.Default());

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ShippedCatalogue_HasTheSeedHypertensionRowAsOfficialAndTheFirstPhasePathologiesAsProvisional()
    {
        var catalogue = TariffCatalogueJson.Read(ReferenceData.Default().PathOf("remuneration", "tariffe.json"), Pathologies.Codes);

        catalogue.Info.Provisional.ShouldBeTrue();
        var level1 = catalogue.Find(56, 1)!;
        level1.Provisional.ShouldBeFalse();
        level1.MmgShare.ShouldBe(59.24m);
        Math.Abs(level1.Total - 4250m).ShouldBeLessThan(1m);
        int[] firstPhase = [9, 20, 44, 50, 29, 39, 56, 14, 23, 30, 17];
        foreach (int code in firstPhase)
        {
            for (int level = 1; level <= 3; level++)
            {
                var row = catalogue.Find(code, level).ShouldNotBeNull($"patologia {code} livello {level}");
                (row.Provisional || code == 56).ShouldBeTrue();
                (code == 56 || row.Rationale.Contains("ipertensione", StringComparison.Ordinal)).ShouldBeTrue();
            }
        }
    }

    [Fact]
    public void WrittenCatalogue_ReadsBackEqual()
    {
        var catalogue = TariffCatalogueJson.Read(ReferenceData.Default().PathOf("remuneration", "tariffe.json"), Pathologies.Codes);
        string path = Path.Combine(_directory, "copy.json");
        using (var writer = new StreamWriter(path))
        {
            TariffCatalogueJson.Write(catalogue, writer);
        }

        var copy = TariffCatalogueJson.Read(path, Pathologies.Codes);

        copy.Info.ShouldBe(catalogue.Info);
        copy.Rows.ShouldBe(catalogue.Rows);
    }

    [Fact]
    public void TotalNotTheSumOfComponents_IsRefusedWithItsLineInTheFile()
    {
        string path = Write("""
            {
              "id": "X", "version": "1", "valid_from": "2017-01-01", "valid_to": null, "source": "prova", "provisional": false,
              "tariffs": [
                { "pathology": 56, "level": 3, "amb": 276.50, "far": 228, "ricov": 0, "total": 526.62, "source": "seed" },
                { "pathology": 56, "level": 2, "amb": 471.25, "far": 349, "ricov": 0, "total": 857.00, "source": "seed" }
              ]
            }
            """);

        var ex = Should.Throw<InputDataException>(() => TariffCatalogueJson.Read(path, Pathologies.Codes));

        ex.Message.ShouldContain("riga 5: campo total: '857.00'");
        ex.Message.ShouldContain("= 857.95");
    }

    [Fact]
    public void TypedMmgShare_IsRefusedBecauseItIsComputed()
    {
        string path = Write("""
            {
              "id": "X", "version": "1", "valid_from": "2017-01-01", "source": "prova", "provisional": false,
              "tariffs": [
                { "pathology": 56, "level": 3, "amb": 276.50, "far": 228, "mmg_share": 22.12, "ricov": 0, "total": 526.62, "source": "seed" }
              ]
            }
            """);

        Should.Throw<InputDataException>(() => TariffCatalogueJson.Read(path, Pathologies.Codes)).Message.ShouldContain("mmg_share");
    }

    private string Write(string json)
    {
        string path = Path.Combine(_directory, "catalogue.json");
        File.WriteAllText(path, json);
        return path;
    }
}
