using Territorio.Flows.Stratification;
using Territorio.Kernel.Errors;

namespace Territorio.Stratification.Tests;

public class AicMapImporterTests
{
    [Fact]
    public void AifaConfezioni_SemicolonSeparated_BecomeTheMapWithVersionAndDate_BadRowsReported()
    {
        var output = new StringWriter();
        var errors = new List<InputError>();

        int written = AicMapImporter.Import(new StringReader("""
            CODICE_AIC;DENOMINAZIONE;CODICE_ATC;DESCRIZIONE GRUPPO
            26846010;GLUCOPHAGE;A10BA02;METFORMINA 500MG 50 UNITA' USO ORALE
            ABC;X;A10BA02;
            036367151;CITALOPRAM;;
            """), "confezioni.csv", output, "AIFA-2026-09", new DateOnly(2026, 9, 30), errors.Add);

        written.ShouldBe(1);
        errors.Select(e => (e.Line, e.Field)).ShouldBe([(3L, "codice_aic"), (4L, "codice_atc")]);
        var map = DrugReference.Read(new StringReader(output.ToString()), "aic_atc.csv",
            DrugReference.ReadDdd(new StringReader("atc_code,atc_name,ddd,uom,adm_r,note\nA10BA02,metformin,2,g,O,NA\n"), "ddd.csv"));
        map.MapVersion.ShouldBe("AIFA-2026-09 (2026-09-30)");
        map.TryFind("026846010", out var pack).ShouldBeTrue();
        pack.Atc.ShouldBe("A10BA02");
        pack.DddPerPack.ShouldBe(12.5); // 500 mg × 50 = 25 g; DDD 2 g
    }

    [Theory]
    [InlineData("ACARBOSIO 100MG 40 UNITA' USO ORALE", "4000", "mg", "O")]
    [InlineData("ACIDO ALENDRONICO+COLECALCIFEROLO 70MG + 2.800UI 4 UNITA' USO ORALE", "", "", "")]
    [InlineData("ACICLOVIR 8% 100ML USO ORALE", "", "", "")]
    public void PackContent_OnlyFromASingleStrengthAndAClearRoute(string description, string amount, string unit, string route) =>
        AicMapImporter.PackContent(description).ShouldBe((amount, unit, route));
}
