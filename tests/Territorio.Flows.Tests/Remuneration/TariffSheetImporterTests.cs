using MiniExcelLibs;
using Territorio.Flows.Reference;
using Territorio.Flows.Remuneration;
using Territorio.Kernel.Errors;

namespace Territorio.Flows.Tests.Remuneration;

public sealed class TariffSheetImporterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("territorio-xlsx-").FullName;
    private static readonly IReadOnlySet<int> Codes = ChronicPathologies.Load(ReferenceData.Default()).Codes;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dictionary<string, object?>[] Info(string validFrom = "2017-01-01") =>
    [
        new() { ["A"] = "id", ["B"] = "RL-DGR6164-2017" },
        new() { ["A"] = "versione", ["B"] = "2017.1" },
        new() { ["A"] = "valido_dal", ["B"] = validFrom },
        new() { ["A"] = "fonte", ["B"] = "DGR X/6164/2017 allegato 1" },
    ];

    private static Dictionary<string, object?> Row(object? pathology, object? level, object? amb, object? far, object? ricov, object? total) =>
        new() { ["A"] = pathology, ["B"] = level, ["C"] = amb, ["D"] = far, ["E"] = ricov, ["F"] = total, ["G"] = "DGR", ["H"] = "" };

    private string Sheet(params Dictionary<string, object?>[] tariffs) => Sheet(Info(), tariffs);

    private string Sheet(Dictionary<string, object?>[] info, Dictionary<string, object?>[] tariffs)
    {
        var header = new Dictionary<string, object?> { ["A"] = "patologia", ["B"] = "livello", ["C"] = "amb", ["D"] = "far", ["E"] = "ricov", ["F"] = "totale", ["G"] = "fonte", ["H"] = "note" };
        string path = Path.Combine(_directory, $"tariffe-{Guid.NewGuid():N}.xlsx");
        var sheets = new Dictionary<string, object>
        {
            [TariffSheetImporter.CatalogueSheet] = info,
            [TariffSheetImporter.TariffSheet] = new[] { header }.Concat(tariffs).ToArray(),
        };
        MiniExcel.SaveAs(path, sheets, printHeader: false);
        return path;
    }

    [Fact]
    public void OfficialSheet_WithTheSeedRows_BecomesANonProvisionalCatalogue()
    {
        string path = Sheet(
            Row(56, 3, 276.5, 228, 0, 526.62),
            Row(56, 2, "471,25", "349", 0, "857,95"),
            Row(56, 1, 740.5, 703, 2748, 4250.74));

        var catalogue = TariffSheetImporter.Import(path, Codes);

        catalogue.Info.Id.ShouldBe("RL-DGR6164-2017");
        catalogue.Info.ValidFrom.ShouldBe(new DateOnly(2017, 1, 1));
        catalogue.Info.Provisional.ShouldBeFalse();
        catalogue.Rows.Select(r => (r.Level, r.MmgShare, r.Total)).ShouldBe([(1, 59.24m, 4250.74m), (2, 37.70m, 857.95m), (3, 22.12m, 526.62m)]);
    }

    [Fact]
    public void BadCells_AreEachReportedWithSheetRowAndColumn()
    {
        string path = Sheet(
            Row(56, 3, 276.5, 228, 0, 526.62),
            Row("cinquantasei", 2, 471.25, 349, 0, 857.95),
            Row(56, 1, "molto", 703, 2748, 4250.74),
            Row(20, 2.5, 100, 100, 0, 208),
            Row(56, 2, 471.25, 349, 0, 858));

        var ex = Should.Throw<InputDataException>(() => TariffSheetImporter.Import(path, Codes));

        ex.Message.ShouldContain("foglio Tariffe: riga 3: campo colonna A (patologia): 'cinquantasei'");
        ex.Message.ShouldContain("foglio Tariffe: riga 4: campo colonna C (amb): 'molto'");
        ex.Message.ShouldContain("foglio Tariffe: riga 5: campo colonna B (livello): '2.5'");
        ex.Message.ShouldContain("foglio Tariffe: riga 6: campo colonna F (totale): '858.00'");
        ex.Message.ShouldContain("4 errori");
    }

    [Fact]
    public void TotalMismatch_IsReportedOnTheTotalCell()
    {
        string path = Sheet(Row(56, 3, 276.5, 228, 0, 526.62), Row(56, 2, 471.25, 349, 0, 858));

        var ex = Should.Throw<InputDataException>(() => TariffSheetImporter.Import(path, Codes));

        ex.Message.ShouldContain("foglio Tariffe: riga 3: campo colonna F (totale): '858.00'");
    }

    [Fact]
    public void MissingCatalogueSheetKeys_AreReported()
    {
        string path = Sheet([Info()[0]], [Row(56, 3, 276.5, 228, 0, 526.62)]);

        var ex = Should.Throw<InputDataException>(() => TariffSheetImporter.Import(path, Codes));

        ex.Message.ShouldContain("foglio Catalogo");
        ex.Message.ShouldContain("versione");
        ex.Message.ShouldContain("valido_dal");
    }

    [Fact]
    public void WrongHeader_IsReportedByColumn()
    {
        string path = Path.Combine(_directory, "bad-header.xlsx");
        var sheets = new Dictionary<string, object>
        {
            [TariffSheetImporter.CatalogueSheet] = Info(),
            [TariffSheetImporter.TariffSheet] = new[] { new Dictionary<string, object?> { ["A"] = "codice", ["B"] = "livello" } },
        };
        MiniExcel.SaveAs(path, sheets, printHeader: false);

        Should.Throw<InputDataException>(() => TariffSheetImporter.Import(path, Codes)).Message.ShouldContain("riga 1: campo colonna A: 'codice': intestazione attesa 'patologia'");
    }
}
