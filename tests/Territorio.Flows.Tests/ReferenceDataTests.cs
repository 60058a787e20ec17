using Territorio.Flows.Reference;
using Territorio.Kernel.Codes;

namespace Territorio.Flows.Tests;

public class ReferenceDataTests
{
    [Fact]
    public void ShippedIcd9Cm_HasThe2007ItalianEdition()
    {
        var catalogue = ReferenceData.Default().Icd9Cm;

        // 16,285 rows less the E-chapter heading, which is not a code.
        catalogue.DiagnosisCount.ShouldBe(16_284);
        catalogue.ProcedureCount.ShouldBe(3_738);
        // The 2007 edition has 338.x and 518.7, and lacks 488.x (added in 2008).
        catalogue.Contains(Icd9CmCode.ParseDiagnosis("3381")).ShouldBeTrue();
        catalogue.Contains(Icd9CmCode.ParseDiagnosis("5187")).ShouldBeTrue();
        catalogue.Contains(Icd9CmCode.ParseDiagnosis("4880")).ShouldBeFalse();
        catalogue.Contains(Icd9CmCode.ParseProcedure("0093")).ShouldBeTrue();
    }

    [Fact]
    public void MissingFolder_IsReportedByPath() =>
        Should.Throw<DirectoryNotFoundException>(() => new ReferenceData("/nonexistent/territorio-data"))
            .Message.ShouldContain("/nonexistent/territorio-data");
}
